// `POST /segment`: the URL to give Segment's webhook destination. The signature is checked over the raw body before
// it is parsed; the event is answered 200 only once Kafka acknowledged it (or it is a repeat of one that was), 503
// with Retry-After when Kafka cannot take it (Segment retries), 400 naming the path when it is malformed (Segment
// does not retry a 4xx), 401 when the signature is wrong.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { HttpError } from 'unilog/runtime/service';
import type { SegmentContext } from './context.js';
import { parseSegmentEvent } from './events.js';
import { validSignature } from './signature.js';

export async function segmentRoutes(app: FastifyInstance, ctx: SegmentContext): Promise<void> {
  const verified = new WeakSet<IncomingMessage>();
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    if (!validSignature(body as Buffer, request.headers['x-signature'], ctx.config.sharedSecret)) {
      ctx.metrics.refused('signature');
      return done(new HttpError(401, 'SIGNATURE_INVALID', 'X-Signature is not the hex HMAC-SHA1 of the body with the shared secret'), undefined);
    }
    verified.add(request.raw);
    parseJson(request, (body as Buffer).toString('utf8'), done);
  });
  app.post('/segment', async (request, reply) => {
    // No body, no parser: nothing was signed.
    if (!verified.has(request.raw)) {
      ctx.metrics.refused('signature');
      throw new HttpError(401, 'SIGNATURE_INVALID', 'a signed JSON body (Content-Type: application/json, X-Signature) is required');
    }
    const parsed = parseSegmentEvent(request.body, new Date());
    if (!parsed.ok) {
      ctx.metrics.refused('malformed');
      const first = parsed.problems[0]!;
      throw new HttpError(400, 'MALFORMED_EVENT', parsed.problems.map((p) => `${p.path}: ${p.message}`).join('; '), { path: first.path });
    }
    const { type, key, value } = parsed.record;
    try {
      const outcome = await ctx.recent.once(value.messageId, async () => void (await ctx.producer.send({ key, value })));
      if (outcome === 'duplicate') ctx.metrics.duplicate(type);
      else ctx.metrics.written(type);
      return { ok: true, duplicate: outcome === 'duplicate' };
    } catch (error) {
      if ((error as { code?: unknown }).code === 'INVALID_RECORD') throw error; // a bug here, not Kafka: a 500
      ctx.metrics.refused('kafka');
      return unavailable(request, reply, ctx, error);
    }
  });
}

function unavailable(request: FastifyRequest, reply: FastifyReply, ctx: SegmentContext, error: unknown): FastifyReply {
  const message = `Kafka did not acknowledge the event: ${error instanceof Error ? error.message : String(error)}`;
  request.log.warn({ err: error }, message);
  return reply
    .code(503)
    .header('retry-after', String(ctx.config.retryAfterSeconds))
    .header('x-request-id', request.id)
    .send({ error: { code: 'KAFKA_UNAVAILABLE', message }, requestId: request.id });
}
