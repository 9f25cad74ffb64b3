/**
 * The `process <topic>` span of one consumed record (kind CONSUMER), child of the context its `traceparent` header
 * carries, and the context to handle the record in, so that what handling it produces continues the trace.
 */
import { SpanKind, trace, type Context, type Span } from '@opentelemetry/api';
import type { KafkaMessage } from 'kafkajs';
import { contextFromHeaders } from './kafka-headers.js';
import { processAttributes } from './messaging.js';
import { tracer } from './tracer.js';

export interface ProcessSpan {
  readonly span: Span;
  readonly context: Context;
}

export function startProcessSpan(topic: string, partition: number, message: KafkaMessage, group: string | undefined): ProcessSpan {
  const parent = contextFromHeaders(message.headers);
  const span = tracer().startSpan(`process ${topic}`, { kind: SpanKind.CONSUMER, attributes: processAttributes(topic, partition, message.offset, group) }, parent);
  return { span, context: trace.setSpan(parent, span) };
}
