/**
 * Request spans, as a fastify plugin: an `onRequest` hook reads the caller's W3C trace context (`traceparent`,
 * `tracestate`) and starts a SERVER span `<METHOD> <route template>` under it; `onResponse` ends it with the status.
 * The route runs its handler in the span's context (`requestContext`, used by routes.ts), so the records it produces
 * and the services it calls with the typed client continue the trace. Through `@opentelemetry/api` only: without an
 * SDK registered nothing is read or written and the span is the API's no-op.
 */
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context, type Span } from '@opentelemetry/api';
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

const plugin: FastifyPluginCallback = (app, _options, done) => {
  app.decorateRequest(SPAN, null);
  app.decorateRequest(CONTEXT, null);
  app.addHook('onRequest', (request, _reply, next) => {
    const parent = propagation.extract(ROOT_CONTEXT, request.headers);
    const route = request.routeOptions.url;
    const span = tracer().startSpan(
      route === undefined ? request.method : `${request.method} ${route}`,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': request.method, ...(route === undefined ? {} : { 'http.route': route }) } },
      parent,
    );
    if (span.isRecording()) {
      const q = request.url.indexOf('?');
      span.setAttribute('url.path', q < 0 ? request.url : request.url.slice(0, q));
    }
    const traced = request as unknown as Traced;
    traced[SPAN] = span;
    traced[CONTEXT] = trace.setSpan(parent, span);
    next();
  });
  app.addHook('onResponse', (request, reply, next) => {
    const span = (request as unknown as Traced)[SPAN];
    if (span?.isRecording()) {
      span.setAttribute('http.response.status_code', reply.statusCode);
      if (reply.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    }
    next();
  });
  app.addHook('onRequestAbort', (request, done) => {
    const span = (request as unknown as Traced)[SPAN];
    if (span?.isRecording()) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: 'the client closed the connection' });
      span.end();
    }
    done();
  });
  done();
};

export const requestTracing = fp(plugin, { name: 'unilog-request-tracing', fastify: '5.x' });
