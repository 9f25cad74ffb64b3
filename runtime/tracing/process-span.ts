/**
 * The `process <topic>` span of one consumed record (kind CONSUMER), child of the context its `traceparent` header
 * carries, and the context to handle the record in, so that what handling it produces continues the trace.
 */
import { INVALID_SPAN_CONTEXT, SpanKind, trace, type Context, type Span } from '@opentelemetry/api';
import type { KafkaMessage } from 'kafkajs';
import { contextFromHeaders } from './kafka-headers.js';
import { processAttributes } from './messaging.js';
import { tracer } from './tracer.js';

export interface ProcessSpan {
  readonly span: Span;
  readonly context: Context;
}

const CONSUMER = { kind: SpanKind.CONSUMER } as const;

export function startProcessSpan(topic: string, partition: number, message: KafkaMessage, group: string | undefined): ProcessSpan {
  const parent = contextFromHeaders(message.headers);
  const span = tracer().startSpan(`process ${topic}`, CONSUMER, parent);
  // Described only when recorded: without an SDK a record costs no attribute object.
  if (span.isRecording()) span.setAttributes(processAttributes(topic, partition, message.offset, group));
  return { span, context: span.isRecording() || span.spanContext() !== INVALID_SPAN_CONTEXT ? trace.setSpan(parent, span) : parent };
}
