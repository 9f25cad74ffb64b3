/**
 * Request spans, as a fastify plugin: an `onRequest` hook reads the caller's W3C trace context (`traceparent`,
 * `tracestate`) and starts a SERVER span `<METHOD> <route template>` under it; `onResponse` ends it with the status.
 * The route runs its handler in the span's context (`requestContext`, used by routes.ts), so the records it produces
 * and the services it calls with the typed client continue the trace. Through `@opentelemetry/api` only: without an
 * SDK registered nothing is read or written and the span is the API's no-op.
 */
import { context, INVALID_SPAN_CONTEXT, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context, type Span } from '@opentelemetry/api';
import type { FastifyPluginCallback, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { tracer } from '../../tracing/tracer.js';

/** Request decorations (declared to fastify up front, so every request keeps one shape). */
const SPAN = Symbol('unilog.span');
const CONTEXT = Symbol('unilog.traceContext');

interface Traced {
  [SPAN]: Span | null;
  [CONTEXT]: Context | null;
}

/** The context a request's handler runs in: its span's, or the active one for a request the plugin did not see. */
export function requestContext(request: FastifyRequest): Context {
  return (request as unknown as Traced)[CONTEXT] ?? context.active();
}

const SERVER = { kind: SpanKind.SERVER } as const;

const plugin: FastifyPluginCallback = (app, _options, done) => {
  app.decorateRequest(SPAN, null);
  app.decorateRequest(CONTEXT, null);
  app.addHook('onRequest', (request, reply, next) => {
    const parent = propagation.extract(ROOT_CONTEXT, request.headers);
    const span = tracer().startSpan(request.method, SERVER, parent);
    const traced = request as unknown as Traced;
    traced[SPAN] = span;
    // Named and described only when recorded (fastify builds `routeOptions` anew on every read).
    if (span.isRecording()) {
      const route = request.routeOptions.url;
      const q = request.url.indexOf('?');
      span.setAttributes({ 'http.request.method': request.method, 'url.path': q < 0 ? request.url : request.url.slice(0, q) });
      if (route !== undefined) span.updateName(`${request.method} ${route}`).setAttribute('http.route', route);
      // A client that goes away before the response never gets `onResponse`: its span ends here.
      request.raw.once('close', () => {
        if (request.raw.aborted) endSpan(span, reply.statusCode, 'the client closed the connection');
      });
    }
    // Without an SDK the span is the API's no-op with no context to pass on: the handler runs in the active context.
    if (span.isRecording() || span.spanContext() !== INVALID_SPAN_CONTEXT) traced[CONTEXT] = trace.setSpan(parent, span);
    next();
  });
  app.addHook('onResponse', (request, reply, next) => {
    const span = (request as unknown as Traced)[SPAN];
    if (span) endSpan(span, reply.statusCode);
    next();
  });
  done();
};

function endSpan(span: Span, status: number, aborted?: string): void {
  // An ended span no longer records: each span ends once.
  if (!span.isRecording()) return;
  span.setAttribute('http.response.status_code', status);
  if (aborted !== undefined) span.setStatus({ code: SpanStatusCode.ERROR, message: aborted });
  else if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
  span.end();
}

export const requestTracing = fp(plugin, { name: 'unilog-request-tracing', fastify: '5.x' });
