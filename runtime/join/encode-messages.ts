/**
 * Records of a join's output (or its via topic) framed for a transaction: what the typed producer does for a plain
 * send, for records that go through a kafkajs transaction instead. The serdes must be prepared.
 */
import { context } from '@opentelemetry/api';
import type { Message } from 'kafkajs';
import { isCodecError, UnilogError } from '../errors.js';
import type { TopicSerdes } from '../registry/index.js';
import { traceHeaders } from '../tracing/kafka-headers.js';

export interface RecordToEncode {
  readonly key: unknown;
  /** null: a tombstone. */
  readonly value: unknown;
  readonly partition?: number;
}

export function encodeMessages(serdes: TopicSerdes<unknown, unknown, unknown, unknown>, topic: string, records: readonly RecordToEncode[]): Message[] {
  // The active context (the batch's last live record) goes with every record, as the typed producer's send span would.
  const headers = traceHeaders(context.active());
  return records.map((r, i) => {
    const where = `topic '${topic}', record ${i}`;
    try {
      return {
        key: serdes.key.encode(r.key),
        value: r.value === null ? null : serdes.value.encode(r.value),
        partition: r.partition,
        headers,
      };
    } catch (error) {
      throw isCodecError(error) ? new UnilogError('INVALID_RECORD', `${where}: ${error.message}`, { cause: error }) : error;
    }
  });
}
