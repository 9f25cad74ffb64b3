/**
 * The application port: a fastify instance with the contract's routes, the framework's error shape, request ids
 * (sent back in `x-request-id` by the error and not-found handlers, and by a route when the caller sent one), one
 * access-log line and the request metrics per response (a hook per route that holds the route's label), and request
 * loggers made only when a request logs.
 */
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Handler } from '../contract/handler-types.js';
import type { ContractSpec } from '../contract/spec.js';
import type { HttpMetrics } from '../metrics/http-metrics.js';
import { accessLog as accessLogOf } from './access-log.js';
import { handleError, handleNotFound } from './error-handler.js';
import { lazyLogger } from './request-logger.js';
import { requestIdOf } from './request-id.js';
import { responseCheck } from './response-check.js';
import { registerOperations, type ResponseHook } from './routes.js';

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
}

export function createAppServer(deps: AppServerDeps): FastifyInstance {
  const app = Fastify({
    loggerInstance: lazyLogger(deps.log),
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: requestIdOf,
    bodyLimit: deps.bodyLimit,
    // While the port drains on stop, fastify answers requests that still arrive on open connections with
    // `connection: close` (each connection ends after its response); they are served, not refused.
    return503OnClosing: false,
    forceCloseConnections: 'idle',
    ajv: { customOptions: { allowUnionTypes: true, strict: false, logger: false } },
  });
  const accessLog = (deps.accessLog ?? true) ? accessLogOf(deps.log) : undefined;
  // One onResponse hook per route, holding its label: no per-request lookup of the matched route.
  const observe = (method: string, route: string): ResponseHook => {
    const record = deps.metrics.route(method, route);
    return (request, reply, done) => {
      const ms = reply.elapsedTime;
      const status = reply.statusCode;
      (request.method === method ? record : deps.metrics.route(request.method, route))(status, ms / 1000);
      accessLog?.(request, status, ms);
      done();
    };
  };
  const unmatched = observe('*', 'unmatched');
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) => {
    reply.raw.once('finish', () => unmatched(request, reply, () => undefined));
    return handleNotFound(request, reply);
  });
  registerOperations(app, deps.contract, deps.handlers, deps.ctx, {
    observe,
    ...(deps.validateResponses ? { checkResponse: responseCheck(deps.contract) } : {}),
  });
  return app;
}
