/**
 * The application port: a fastify instance with the contract's routes, the framework's error shape, request ids,
 * one access-log line per request, request metrics, and a 503 for requests that arrive while the service stops.
 */
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Handler } from '../contract/handler-types.js';
import type { ContractSpec } from '../contract/spec.js';
import type { HttpMetrics } from '../metrics/http-metrics.js';
import { errorBody, handleError, handleNotFound } from './error-handler.js';
import { REQUEST_ID_HEADER, requestIdOf } from './request-id.js';
import { registerOperations } from './routes.js';

export interface AppServerDeps {
  readonly contract: ContractSpec;
  readonly handlers: Readonly<Record<string, Handler<unknown, unknown>>>;
  readonly ctx: unknown;
  readonly log: FastifyBaseLogger;
  readonly bodyLimit: number;
  readonly metrics: HttpMetrics;
  /** One `info` line per request (method, url, status, ms); default true. */
  readonly accessLog?: boolean;
  /** True once the service is stopping: new requests get a 503 with `connection: close`. */
  readonly closing: () => boolean;
}

export function createAppServer(deps: AppServerDeps): FastifyInstance {
  const app = Fastify({
    loggerInstance: deps.log,
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: requestIdOf,
    bodyLimit: deps.bodyLimit,
    return503OnClosing: false,
    forceCloseConnections: 'idle',
    ajv: { customOptions: { allowUnionTypes: true, strict: false, logger: false } },
  });
  app.addHook('onRequest', (request, reply, done) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    if (!deps.closing()) return done();
    reply.header('connection', 'close').code(503).send(errorBody(request, 'SERVICE_UNAVAILABLE', 'the service is shutting down'));
  });
  const accessLog = deps.accessLog ?? true;
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const status = reply.statusCode;
    const ms = reply.elapsedTime;
    deps.metrics.record(request.method, route, status, ms / 1000);
    if (accessLog) request.log.info({ method: request.method, url: request.url, status, ms: Math.round(ms * 100) / 100 }, 'request');
    done();
  });
  app.setErrorHandler(handleError);
  app.setNotFoundHandler(handleNotFound);
  registerOperations(app, deps.contract, deps.handlers, deps.ctx);
  return app;
}
