/**
 * Every example topic through its generated binding, the typed producer and the typed consumer, against the real
 * broker and registry: values come back as the codec reads them, keys land where the Java partitioner puts them,
 * the wire carries Confluent framing with the registered ids, and tombstones pass on compacted topics only.
 */
import { afterAll, describe, expect, test } from 'vitest';
import type { Kafka } from 'kafkajs';
import { activityFeed, opinions, userConnections, users, usersWithConnections, wellSaids } from '../../generated/topics.js';
import {
  createConsumer,
  createProducer,
  partitionForKey,
  UnilogError,
  type ConsumedRecord,
  type Topic,
} from '../../runtime/index.js';
import { activity, connection, opinion, userInput, userKey, userWithConnections, wellSaid } from './example-records.js';
import { FAST, kafka, readRaw, registry, renamed, unique, until } from './runtime-support.js';
import { schemaRegistryUrl } from './infra.js';

const client: Kafka = kafka();
const stops: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
});

/** The latest id under `subject`, and the id the registry finds for `schema` there (it stores a rewritten form). */
async function registered(subject: string, schema: unknown): Promise<{ latest: number; lookedUp: number }> {
  const url = `${schemaRegistryUrl()}/subjects/${encodeURIComponent(subject)}`;
  const latest = (await (await fetch(`${url}/versions/latest`)).json()) as { id: number };
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
    body: JSON.stringify({ schema: JSON.stringify(schema) }),
  });
  return { latest: latest.id, lookedUp: ((await res.json()) as { id: number }).id };
}

async function roundTrip<K, KI, V, VI>(binding: Topic<K, KI, V, VI>, records: Array<{ key: KI; value: VI }>): Promise<void> {
  const topic = await renamed(client, binding);
  const reg = registry();
  const producer = createProducer(client, topic, { registry: reg });
  stops.push(() => producer.disconnect());
  const first = records[0]!;
  const single = await producer.send({ key: first.key, value: first.value, headers: { 'x-trace': 'abc' } });
  const acks = await producer.sendBatch(records.slice(1).map((r) => ({ key: r.key, value: r.value })));
  expect(single.partition).toBe(partitionForKey(topic.key.encodeFramed(first.key, reg.topicSerdes(topic).key.schemaId!), topic.partitions));
  expect(acks.length).toBeGreaterThan(0);
  if (topic.cleanupPolicy === 'compact') await producer.send({ key: first.key, value: null });

  const got: Array<ConsumedRecord<K, V>> = [];
  const expected = records.length + (topic.cleanupPolicy === 'compact' ? 1 : 0);
  // A consumer with a registry of its own: it learns the writer ids from the messages alone.
  const consumer = createConsumer(client, topic, { groupId: unique('g'), registry: registry(), handler: (r) => void got.push(r), ...FAST });
  stops.push(() => consumer.stop());
  await consumer.start();
  await until(() => got.length >= expected, `${expected} records on ${topic.name}`);
  await consumer.stop();

  const byOffsetOrder = [...got].sort((a, b) => a.partition - b.partition || Number(a.offset) - Number(b.offset));
  const values: unknown[] = got.filter((r) => r.value !== null).map((r) => r.value);
  expect(values).toEqual(expect.arrayContaining(records.map<unknown>((r) => topic.value.decode(topic.value.encode(r.value)))));
  expect(values).toHaveLength(records.length);
  const withHeader = got.find((r) => r.headers['x-trace'] !== undefined)!;
  expect(String(withHeader.headers['x-trace'])).toBe('abc');
  expect(withHeader.key).toEqual(topic.key.decode(topic.key.encode(first.key)));
  expect(withHeader.timestamp).toBeInstanceOf(Date);
  if (topic.cleanupPolicy === 'compact') {
    const tombstone = byOffsetOrder.find((r) => r.value === null)!;
    expect(tombstone.key).toEqual(withHeader.key);
    expect(Number(tombstone.offset)).toBeGreaterThan(Number(withHeader.offset));
  }

  // The wire: Confluent framing with the ids registered under <topic>-key / <topic>-value, Java partitioning.
  const raw = await readRaw(client, topic.name, expected);
  const keySubject = await registered(`${topic.name}-key`, topic.key.standaloneSchema());
  const valueSubject = await registered(`${topic.name}-value`, topic.value.standaloneSchema());
  expect(keySubject.lookedUp).toBe(keySubject.latest);
  expect(valueSubject.lookedUp).toBe(valueSubject.latest);
  for (const { partition, message } of raw) {
    expect(message.key![0]).toBe(0);
    expect(message.key!.readUInt32BE(1)).toBe(keySubject.latest);
    if (message.value) expect(message.value.readUInt32BE(1)).toBe(valueSubject.latest);
    expect(partition).toBe(partitionForKey(message.key!, topic.partitions));
  }
}

describe('typed producer and consumer on every example topic (real broker and registry)', () => {
  test('users (compacted: a tombstone reaches the handler as value null)', async () => {
    const ids = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    await roundTrip(users, ids.map((id, n) => ({ key: userKey(id), value: userInput(id, n) })));
  });

  test('user-connections', async () => {
    await roundTrip(userConnections, [connection(), connection(), connection()]);
  });

  test('opinions', async () => {
    await roundTrip(opinions, [opinion(), opinion(), opinion()]);
  });

  test('well-saids', async () => {
    await roundTrip(wellSaids, [wellSaid(), wellSaid(), wellSaid()]);
  });

  test('users-with-connections', async () => {
    await roundTrip(usersWithConnections, [userWithConnections(), userWithConnections()]);
  });

  test('activity-feed (a primitive string key, a union of records)', async () => {
    await roundTrip(activityFeed, [activity(), activity(), activity()]);
  });

  test('a tombstone on a delete topic, or a value that does not match, is refused before anything is sent', async () => {
    const topic = await renamed(client, opinions, 1);
    const producer = createProducer(client, topic, { registry: registry() });
    stops.push(() => producer.disconnect());
    const { key, value } = opinion();
    await expect(producer.send({ key, value: null })).rejects.toMatchObject({ code: 'TOMBSTONE_NOT_ALLOWED', retriable: false });
    const bad = producer.sendBatch([{ key, value }, { key, value: { ...value, strength: 'lots' } }]);
    await expect(bad).rejects.toBeInstanceOf(UnilogError);
    await expect(bad).rejects.toMatchObject({ code: 'INVALID_RECORD', cause: { code: 'INVALID_VALUE' } });
    await expect(bad).rejects.toThrow(/record 1: value: Opinion\.strength/);
    await producer.send({ key, value });
    expect(await readRaw(client, topic.name, 1)).toHaveLength(1);
  });
});
