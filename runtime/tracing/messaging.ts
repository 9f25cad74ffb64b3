/**
 * Span names and attributes for Kafka, from OpenTelemetry's messaging semantic conventions (1.27+; the attribute names
 * are still in semconv's incubating set, so they are written here rather than imported from a package that may move
 * them): `send <topic>` spans of kind PRODUCER, `process <topic>` spans of kind CONSUMER.
 */
import type { Attributes } from '@opentelemetry/api';

export const MESSAGING = {
  system: 'messaging.system',
  operationType: 'messaging.operation.type',
  operationName: 'messaging.operation.name',
  destination: 'messaging.destination.name',
  partition: 'messaging.destination.partition.id',
  offset: 'messaging.kafka.offset',
  group: 'messaging.consumer.group.name',
  batchCount: 'messaging.batch.message_count',
} as const;

export function sendAttributes(topic: string, count: number): Attributes {
  return {
    [MESSAGING.system]: 'kafka',
    [MESSAGING.operationType]: 'send',
    [MESSAGING.operationName]: 'send',
    [MESSAGING.destination]: topic,
    ...(count > 1 ? { [MESSAGING.batchCount]: count } : {}),
  };
}

export function processAttributes(topic: string, partition: number, offset: string, group: string | undefined): Attributes {
  return {
    [MESSAGING.system]: 'kafka',
    [MESSAGING.operationType]: 'process',
    [MESSAGING.operationName]: 'process',
    [MESSAGING.destination]: topic,
    [MESSAGING.partition]: String(partition),
    [MESSAGING.offset]: Number(offset),
    ...(group ? { [MESSAGING.group]: group } : {}),
  };
}
