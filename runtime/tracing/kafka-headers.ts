/**
 * W3C trace context in Kafka record headers, as the OpenTelemetry kafkajs instrumentation carries it: the propagator
 * writes `traceparent` (and `tracestate`) as string headers; a consumer reads them back from kafkajs's
 * `Buffer | string | array` values.
 */
import { propagation, ROOT_CONTEXT, type Context, type TextMapGetter } from '@opentelemetry/api';
import type { IHeaders } from 'kafkajs';

const getter: TextMapGetter<IHeaders> = {
  keys: (carrier) => Object.keys(carrier),
  get(carrier, key) {
    const v = carrier[key];
    if (v === undefined) return undefined;
    return Array.isArray(v) ? v.map(String) : String(v);
  },
};

/** The trace context the record's headers carry (the root context when they carry none, or no SDK is registered). */
export function contextFromHeaders(headers: IHeaders | undefined): Context {
  return headers ? propagation.extract(ROOT_CONTEXT, headers, getter) : ROOT_CONTEXT;
}

/** The headers that carry `context` (none without an SDK), to be added to a record's own. */
export function traceHeaders(context: Context): Record<string, string> | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(context, carrier);
  for (const _ in carrier) return carrier;
  return undefined;
}
