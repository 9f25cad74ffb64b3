/**
 * unilog's traces go through `@opentelemetry/api` only. Without an OpenTelemetry SDK registered, the API's tracer,
 * propagator and context manager are no-ops: a span is an empty object that records nothing and no header is read or
 * written. With one (e.g. `@opentelemetry/sdk-trace-node`'s `NodeTracerProvider#register()`, before the service
 * starts), unilog's spans are recorded and W3C trace context (`traceparent`, `tracestate`) flows through HTTP and Kafka.
 */
import { SpanStatusCode, trace, type Span, type Tracer, type TracerProvider } from '@opentelemetry/api';

let cached: { provider: TracerProvider; tracer: Tracer } | undefined;

/**
 * unilog's tracer. The API's global provider is a proxy that finds an SDK's tracer once one is registered, so one
 * tracer serves until the API is reset (`trace.disable()`, as tests do), which makes a new proxy: kept per provider.
 */
export function tracer(): Tracer {
  const provider = trace.getTracerProvider();
  if (cached?.provider !== provider) cached = { provider, tracer: provider.getTracer('unilog') };
  return cached.tracer;
}

/** Marks `span` failed with `error` (recorded as an exception event). */
export function failSpan(span: Span, error: unknown): void {
  if (!span.isRecording()) return;
  span.recordException(error instanceof Error ? error : String(error));
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
}
