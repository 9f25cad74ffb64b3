/**
 * The application port: a fastify instance with the contract's routes, the framework's error shape, request ids
 * (sent back in `x-request-id` by the error and not-found handlers, and by a route when the caller sent one), one
 * access-log line and the request metrics per response, and request loggers made only when a request logs.
 *
 * fastify is given no logger and no hooks: either makes it add per-request work the framework does more cheaply
 * itself (observed-response.ts, request-logger.ts).
 */
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify';
import type { Handler } from '../contract/handler-types.js';
import type { ContractSpec } from '../contract/spec.js';
import type { HttpMetrics } from '../metrics/http-metrics.js';
import { accessLog as accessLogOf } from './access-log.js';
import { handleError, handleNotFound } from './error-handler.js';
import { observedHttp, observeResponse, type IdentifiedRequest, type ResponseObserver } from './observed-response.js';
import { buildRequestValidators } from './request-validators.js';
import { attachRequestLogger } from './request-logger.js';
import { requestIdOf } from './request-id.js';
import { responseCheck } from './response-check.js';
import { registerOperations, routeObserver } from './routes.js';

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
  const accessLog = (deps.accessLog ?? true) ? accessLogOf(deps.log) : undefined;
  // One observer per route, holding its metrics series: no per-request lookup of the matched route.
  const observe = (method: string, route: string): ResponseObserver => {
    const record = deps.metrics.route(method, route);
    return (response, ms) => {
      const req = response.req as IdentifiedRequest;
      const status = response.statusCode;
      (req.method === method ? record : deps.metrics.route(req.method ?? '', route))(status, ms / 1000);
      accessLog?.(req.requestId, req.method ?? '', req.url ?? '', status, ms);
    };
  };
  const unmatched = observe('*', 'unmatched');
  const app = Fastify({
    http: observedHttp(unmatched),
    genReqId: (req) => ((req as IdentifiedRequest).requestId = requestIdOf(req)),
    bodyLimit: deps.bodyLimit,
    // While the port drains on stop, fastify answers requests that still arrive on open connections with
    // `connection: close` (each connection ends after its response); they are served, not refused.
    return503OnClosing: false,
    forceCloseConnections: 'idle',
    schemaController: { compilersFactory: { buildValidator: buildRequestValidators } },
  });
  app.setErrorHandler<FastifyError>((error, request, reply) => {
    attachRequestLogger(deps.log, request, reply);
    observeResponse(reply.raw, routeObserver(request) ?? unmatched);
    return handleError(error, request, reply);
  });
  app.setNotFoundHandler((request, reply) => {
    observeResponse(reply.raw, unmatched);
    return handleNotFound(request, reply);
  });
  registerOperations(app, deps.contract, deps.handlers, deps.ctx, {
    log: deps.log,
    observe,
    ...(deps.validateResponses ? { checkResponse: responseCheck(deps.contract) } : {}),
  });
  return app;
}
