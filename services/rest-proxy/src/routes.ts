// The proxy's HTTP API, outside the framework's contract: Confluent's media types, and Confluent's error body
// `{ error_code, message }` for every error these routes answer (the framework's request id, metrics and access log
// still apply).
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ProxyContext } from './context.js';
import { ProxyError } from './errors.js';
import { produceV2 } from './v2/produce-route.js';
import { produceV3 } from './v3/produce-route.js';

/** Every v2 embedded format is parsed as JSON, so that a format the topic cannot take gets 415 naming the topic. */
const V2_MEDIA_TYPES = /^application\/vnd\.kafka(\.[a-z]+)?\.v2\+json/;

export async function proxyRoutes(app: FastifyInstance, ctx: ProxyContext): Promise<void> {
  app.addContentTypeParser(V2_MEDIA_TYPES, { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'));
  const bodyLimit = app.initialConfig.bodyLimit ?? 1_048_576;
  app.setErrorHandler((error: FastifyError, request, reply) => sendError(error, request, reply, ctx, bodyLimit));
  app.post<{ Params: { topic: string } }>('/topics/:topic', (request, reply) => produceV2(ctx, request, reply, undefined));
  app.post<{ Params: { topic: string; partition: string } }>('/topics/:topic/partitions/:partition', (request, reply) =>
    produceV2(ctx, request, reply, request.params.partition),
  );
  app.post<{ Params: { cluster: string; topic: string } }>('/v3/clusters/:cluster/topics/:topic/records', (request, reply) => produceV3(ctx, request, reply));
}

function sendError(error: FastifyError, request: FastifyRequest, reply: FastifyReply, ctx: ProxyContext, bodyLimit: number): FastifyReply {
  const api = request.url.startsWith('/v3/') ? 'v3' : 'v2';
  const e = error instanceof ProxyError ? error : fromFastify(error, bodyLimit);
  if (!e) {
    request.log.error({ err: error }, 'produce failed');
    ctx.metrics.refused(api, 500);
    return reply.code(500).send({ error_code: 500, message: `internal error (request ${request.id}; the log has the details)` });
  }
  if (e.status === 503) {
    reply.header('retry-after', String(ctx.config.retryAfterSeconds));
    request.log.warn({ error_code: e.code }, e.message);
  }
  ctx.metrics.refused(api, e.code);
  return reply.code(e.status).send(e.body());
}

function fromFastify(error: FastifyError, bodyLimit: number): ProxyError | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ProxyError(413, `the body is larger than ${bodyLimit} bytes (server.bodyLimit)`);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ProxyError(415, `unsupported content type: v2 takes application/vnd.kafka.avro.v2+json, v3 application/json`);
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new ProxyError(400, `the body is not JSON: ${error.message}`);
  }
  if (error instanceof SyntaxError) return new ProxyError(400, `the body is not JSON: ${error.message}`);
  return undefined;
}
