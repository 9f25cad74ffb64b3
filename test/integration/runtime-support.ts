/**
 * Shared setup of the runtime integration tests: a kafkajs client with fast retries, random names, generated topic
 * bindings renamed per test (so subjects are random too), and waiting for records.
 */
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type KafkaMessage } from 'kafkajs';
import { createSchemaRegistry, defineTopic, ensureTopics, type RegistryOptions, type SchemaRegistry, type Topic } from '../../runtime/index.js';
import { kafkaBrokers, schemaRegistryUrl } from './infra.js';

export const unique = (prefix: string): string => `${prefix}-${randomUUID().slice(0, 8)}`;

export function kafka(): Kafka {
  return new Kafka({
    clientId: unique('unilog-runtime-test'),
    brokers: kafkaBrokers(),
    logLevel: logLevel.NOTHING,
    retry: { initialRetryTime: 50, retries: 5, maxRetryTime: 1000 },
  });
}

export function registry(options: Partial<RegistryOptions> = {}): SchemaRegistry {
  return createSchemaRegistry({ url: schemaRegistryUrl(), policy: 'auto-register', timeoutMs: 5000, ...options });
}

/** Fast settings for consumers under test. */
export const FAST = {
  retry: { attempts: 3, initialDelayMs: 5, maxDelayMs: 20, factor: 2, jitter: 0.2 },
  consumerConfig: { maxWaitTimeInMs: 100, sessionTimeout: 10_000, heartbeatInterval: 1000, rebalanceTimeout: 10_000 },
} as const;

/** A generated topic binding under a random name (its subjects follow), created on the broker. */
export async function renamed<K, KI, V, VI>(client: Kafka, topic: Topic<K, KI, V, VI>, partitions = topic.partitions): Promise<Topic<K, KI, V, VI>> {
  const t = defineTopic({ ...topic, name: unique(`t-${topic.name}`), partitions });
  await ensureTopics(client, [t]);
  return t;
}

/** Resolves when `done()` holds, polling every 20 ms; fails after `ms` with `what`. */
export async function until(done: () => boolean, what: string, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface RawRecord {
  partition: number;
  message: KafkaMessage;
}

/** Every raw message of `topic` (from the earliest offset) until `count` arrived. */
export async function readRaw(client: Kafka, topic: string, count: number, ms = 30_000): Promise<RawRecord[]> {
  const consumer = client.consumer({ groupId: unique('raw-reader'), maxWaitTimeInMs: 100 });
  const out: RawRecord[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({ eachMessage: async ({ partition, message }) => void out.push({ partition, message }) });
    await until(() => out.length >= count, `${count} raw message(s) on ${topic}`, ms);
  } finally {
    await consumer.disconnect();
  }
  return out;
}
