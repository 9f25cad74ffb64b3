/**
 * The application port: a fastify instance with the contract's routes and the framework's error shape, observed by
 * four plugins on fastify's public hooks: request ids (`genReqId`, echoed from `onRequest`), request spans
 * (`onRequest` to `onResponse`), route metrics and the access log (`onResponse`). Request loggers come from fastify's `childLoggerFactory` (request-logger.ts).
 */
import Fastify, { LogController, type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify';
import type { Handler } from '../contract/handler-types.js';
import type { ContractSpec } from '../contract/spec.js';
import type { HttpMetrics } from '../metrics/http-metrics.js';
import { accessLog } from './access-log.js';
import { handleError, notFoundHandler } from './error-handler.js';
import { buildRequestValidators } from './request-validators.js';
import { requestLoggers } from './request-logger.js';
import { requestIdEcho, requestIdOf } from './request-id.js';
import { responseCheck } from './response-check.js';
import { requestTracing } from './request-tracing.js';
import { routeMetrics } from './route-metrics.js';
import { DEFAULT_SERVER_TIMEOUTS, serverTimeoutOptions, type ServerTimeouts } from './server-timeouts.js';
import { checkHandlers, contractRoutes } from './routes.js';

export interface AppServerDeps {
  readonly contract: ContractSpec;
  readonly handlers: Readonly<Record<string, Handler<unknown, unknown>>>;
  readonly ctx: unknown;
  readonly log: FastifyBaseLogger;
  readonly bodyLimit: number;
  readonly metrics: HttpMetrics;
  /** One `info` line per request (method, url, status, ms); default true. */
  readonly accessLog?: boolean;
  /** Check success bodies against the contract before sending them (500 `RESPONSE_INVALID` otherwise). */
  readonly validateResponses?: boolean;
  /** Routes outside the contract (`ServiceDefinition.routes`), as an async fastify plugin. */
  readonly routes?: (app: FastifyInstance) => Promise<void>;
  /** Slow-client deadlines (server-timeouts.ts); default DEFAULT_SERVER_TIMEOUTS. */
  readonly timeouts?: ServerTimeouts;
  /** Request spans; default true. Off only in bench/service/observability.mjs, to measure what they cost. */
  readonly tracing?: boolean;
}

export function createAppServer(deps: AppServerDeps): FastifyInstance {
  checkHandlers(deps.contract, deps.handlers);
  const app = Fastify({
    genReqId: requestIdOf,
    childLoggerFactory: requestLoggers(deps.log),
    // The access log plugin writes the one line a request gets; fastify's own request log would add two more.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: deps.bodyLimit,
    ...serverTimeoutOptions(deps.timeouts ?? DEFAULT_SERVER_TIMEOUTS),
    // While the port drains on stop, fastify answers requests that still arrive on open connections with
    // `connection: close` (each connection ends after its response); they are served, not refused.
    return503OnClosing: false,
    forceCloseConnections: 'idle',
    schemaController: { compilersFactory: { buildValidator: buildRequestValidators } },
  });
  app.setErrorHandler<FastifyError>(handleError);
  app.setNotFoundHandler(notFoundHandler(deps.contract));
  // Operations take JSON only: without fastify's text/plain parser, a text body is a 415, not a 400 about its shape.
  app.removeContentTypeParser('text/plain');
  // The observing plugins first: their hooks then apply to every route, and to the not-found handler.
  app.register(requestIdEcho);
  if (deps.tracing ?? true) app.register(requestTracing);
  app.register(routeMetrics, { metrics: deps.metrics });
  if (deps.accessLog ?? true) app.register(accessLog, { log: deps.log });
  app.register(contractRoutes, {
    contract: deps.contract,
    handlers: deps.handlers,
    ctx: deps.ctx,
    ...(deps.validateResponses ? { checkResponse: responseCheck(deps.contract) } : {}),
  });
  if (deps.routes) app.register(deps.routes);
  return app;
}
