/**
 * What the fault tests share: a keyed test topic created with RF 3 and min ISR 2, and a full read-back that counts
 * every record id (lost, duplicated) against the ids a producer saw acknowledged.
 */
import type { Kafka } from 'kafkajs';
import {
  createCodec,
  createConsumer,
  createProducer,
  createSchemaRegistry,
  defineTopic,
  ensureTopics,
  type SchemaRegistry,
  type Topic,
} from '../../runtime/index.js';
import { errorCodeOf } from '../../runtime/errors.js';
import { clusterRegistryUrl, unique } from './cluster.js';

/** Key `r<id>` (spreads over partitions as the Java client would), value the id. */
export type IdTopic = Topic<string, string, number, number>;

export async function idTopic(kafka: Kafka, prefix: string, partitions: number): Promise<IdTopic> {
  const topic = defineTopic({
    name: unique(prefix),
    key: createCodec<string>('string'),
    value: createCodec<number>('int'),
    visibility: 'shared',
    owner: 'fault-tests',
    partitions,
    cleanupPolicy: 'delete',
    compatibility: 'BACKWARD',
  });
  await ensureTopics(kafka, [topic], { replicationFactor: 3, configs: { 'min.insync.replicas': '2' } });
  return topic;
}

export function clusterRegistry(): SchemaRegistry {
  return createSchemaRegistry({ url: clusterRegistryUrl(), policy: 'auto-register', timeoutMs: 30_000 });
}

export interface ReadBack {
  /** How many times each id was read. */
  readonly seen: Map<number, number>;
  readonly records: number;
}

/** Reads every record of `topic` up to the high watermarks at call time (raw consumer, no group offsets kept). */
export async function readAll(kafka: Kafka, topic: IdTopic, ms = 120_000): Promise<ReadBack> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map((await admin.fetchTopicOffsets(topic.name)).map((o) => [o.partition, Number(o.high)]));
  await admin.disconnect();
  const next = new Map([...ends.keys()].map((p) => [p, 0]));
  const seen = new Map<number, number>();
  let records = 0;
  const consumer = kafka.consumer({ groupId: unique('fault-reader'), maxWaitTimeInMs: 200 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic.name], fromBeginning: true });
    const done = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`read-back of ${topic.name} incomplete after ${ms} ms`)), ms);
      const check = () => {
        if ([...ends].every(([p, end]) => next.get(p)! >= end)) (clearTimeout(timer), resolve());
      };
      check();
      void consumer.run({
        eachBatch: async ({ batch }) => {
          for (const m of batch.messages) {
            const id = topic.value.decodeFramed(m.value!);
            seen.set(id, (seen.get(id) ?? 0) + 1);
            records++;
            next.set(batch.partition, Number(m.offset) + 1);
          }
          check();
        },
      });
    });
    await done;
  } finally {
    await consumer.disconnect();
  }
  return { seen, records };
}

export interface Tally {
  acked: number;
  read: number;
  lost: number;
  duplicated: number;
  /** Sent, not acknowledged (the send rejected), yet written: allowed, the caller saw an error. */
  unackedWritten: number;
}

export function tally(acked: Iterable<number>, back: ReadBack): Tally & { lostIds: number[] } {
  const lostIds: number[] = [];
  let ackedCount = 0;
  const ackedSet = new Set<number>();
  for (const id of acked) {
    ackedSet.add(id);
    ackedCount++;
    if (!back.seen.has(id)) lostIds.push(id);
  }
  let duplicated = 0;
  let unackedWritten = 0;
  for (const [id, n] of back.seen) {
    duplicated += n - 1;
    if (!ackedSet.has(id)) unackedWritten++;
  }
  return { acked: ackedCount, read: back.records, lost: lostIds.length, duplicated, unackedWritten, lostIds };
}

/** Writes ids 0..count-1 (key `r<id>`) with the typed producer; every send must be acknowledged (no fault yet). */
export async function produceIds(kafka: Kafka, topic: IdTopic, count: number, batch = 1000): Promise<void> {
  const producer = createProducer(kafka, topic, { registry: clusterRegistry() });
  try {
    for (let first = 0; first < count; first += batch) {
      const ids = Array.from({ length: Math.min(batch, count - first) }, (_, i) => first + i);
      await producer.sendBatch(ids.map((id) => ({ key: `r${id}`, value: id })));
    }
  } finally {
    await producer.disconnect();
  }
}

/** Resolves when `done()` holds, polling every 50 ms; fails after `ms` with `what`. */
export async function until(done: () => boolean, what: string, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Load for the rolling-restart and registry tests: one producer sending batches of `batch` ids (20 ms apart), and a
 * consumer group of one reading them, until `finish()`; which then waits until every acknowledged id was read.
 */
export async function startLoad(kafka: Kafka, topic: IdTopic, batch = 50) {
  const producer = createProducer(kafka, topic, { registry: clusterRegistry() });
  await producer.connect();
  const acked: number[] = [];
  const rejected = new Map<string, number>();
  const seen = new Map<number, number>();
  const consumerErrors: string[] = [];
  let handled = 0;
  const consumer = createConsumer(kafka, topic, {
    groupId: unique('fault-load'),
    registry: clusterRegistry(),
    deadLetter: false,
    consumerConfig: { sessionTimeout: 10_000, heartbeatInterval: 1000, rebalanceTimeout: 10_000, maxWaitTimeInMs: 100 },
    onCrash: (error, restart) => void consumerErrors.push(`${errorCodeOf(error, (error as Error).name)}${restart ? ' (restarted)' : ''}`),
    handler: (record) => {
      handled++;
      seen.set(record.value!, (seen.get(record.value!) ?? 0) + 1);
    },
  });
  await consumer.start();
  let running = true;
  let next = 0;
  const loop = (async () => {
    while (running) {
      const ids = Array.from({ length: batch }, (_, i) => next + i);
      next += batch;
      try {
        await producer.sendBatch(ids.map((id) => ({ key: `r${id}`, value: id })));
        acked.push(...ids);
      } catch (error) {
        const code = errorCodeOf(error, (error as Error).name);
        rejected.set(code, (rejected.get(code) ?? 0) + ids.length);
      }
      await new Promise((r) => setTimeout(r, 20)); // bounded: at most ~2,500 records/s
    }
  })();
  return {
    get acked() {
      return acked.length;
    },
    /** Stops producing, waits until the consumer read every acknowledged id (bounded), stops both; the figures. */
    async finish(ms = 180_000) {
      running = false;
      await loop;
      await producer.disconnect();
      try {
        await until(() => acked.every((id) => seen.has(id)), 'the consumer to read every acknowledged record', ms);
      } finally {
        await consumer.stop();
      }
      const lost = acked.filter((id) => !seen.has(id)).length;
      return { sent: next, acked: acked.length, rejected, handled, distinct: seen.size, lost, duplicated: handled - seen.size, consumerErrors };
    },
  };
}
