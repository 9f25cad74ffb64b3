/**
 * Span names and attributes for Kafka, from OpenTelemetry's messaging semantic conventions (1.27+): `send <topic>`
 * spans of kind PRODUCER, `process <topic>` spans of kind CONSUMER. The messaging attributes are still in semconv's
 * incubating set, which `@opentelemetry/semantic-conventions` asks libraries to copy rather than import (its
 * `/incubating` entry point may change in a minor release); these are the names that package holds.
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
