/**
 * The typed consumer against the real broker: retries then dead letters (original bytes, error headers) and carries
 * on, undecodable records dead-lettered at once, at-least-once across a stop and a restart, and two consumers of one
 * group splitting the partitions.
 */
import { afterAll, describe, expect, test } from 'vitest';
import type { Admin } from 'kafkajs';
import { opinions, users } from '../../generated/topics.js';
import type { Opinion, User, UserKey } from '../../generated/index.js';
import { createConsumer, createProducer, DEAD_LETTER_HEADERS, type ConsumedRecord, type DeadLetterEvent } from '../../runtime/index.js';
import { opinion, userInput, userKey } from './example-records.js';
import { FAST, kafka, readRaw, registry, renamed, unique, until } from './runtime-support.js';

const client = kafka();
const stops: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
});

async function committed(admin: Admin, groupId: string, topic: string): Promise<Map<number, string>> {
  const [t] = await admin.fetchOffsets({ groupId, topics: [topic] });
  return new Map(t!.partitions.map((p) => [p.partition, p.offset]));
}

describe('typed consumer (real broker and registry)', () => {
  test('a poison record is retried, then dead-lettered with its original bytes and error headers; the next is processed', async () => {
    const topic = await renamed(client, opinions, 1);
    const reg = registry();
    const producer = createProducer(client, topic, { registry: reg });
    stops.push(() => producer.disconnect());
    const [a, poison, flaky, b] = [opinion(), opinion(), opinion(), opinion()];
    await producer.sendBatch([a, { ...poison, headers: { 'x-origin': 'test' } }, flaky, b]);

    const attempts = new Map<string, number>();
    const done: string[] = [];
    const dead: DeadLetterEvent[] = [];
    const groupId = unique('g');
    const consumer = createConsumer(client, topic, {
      groupId,
      registry: registry(),
      handler: async (r: ConsumedRecord<unknown, Opinion>) => {
        const id = r.value!.id;
        const n = (attempts.get(id) ?? 0) + 1;
        attempts.set(id, n);
        if (id === poison.value.id) throw Object.assign(new Error('opinion is poison'), { code: 'E_POISON' });
        if (id === flaky.value.id && n < 3) throw new Error('not yet');
        done.push(id);
      },
      onDeadLetter: (e) => void dead.push(e),
      ...FAST,
    });
    stops.push(() => consumer.stop());
    await consumer.start();
    await until(() => done.length >= 3, 'three records handled');
    await consumer.stop();

    expect(done).toEqual([a.value.id, flaky.value.id, b.value.id]);
    expect(attempts.get(poison.value.id)).toBe(3);
    expect(dead).toEqual([expect.objectContaining({ code: 'E_POISON', attempts: 3, offset: '1', deadLetterTopic: `${topic.name}.dlq` })]);

    const [source] = (await readRaw(client, topic.name, 4)).filter((r) => r.message.offset === '1');
    const [letter] = await readRaw(client, `${topic.name}.dlq`, 1);
    expect(letter!.message.key).toEqual(source!.message.key);
    expect(letter!.message.value).toEqual(source!.message.value);
    const h = Object.fromEntries(Object.entries(letter!.message.headers!).map(([k, v]) => [k, String(v)]));
    expect(h).toEqual({
      'x-origin': 'test',
      [DEAD_LETTER_HEADERS.error]: 'opinion is poison',
      [DEAD_LETTER_HEADERS.errorCode]: 'E_POISON',
      [DEAD_LETTER_HEADERS.topic]: topic.name,
      [DEAD_LETTER_HEADERS.partition]: '0',
      [DEAD_LETTER_HEADERS.offset]: '1',
      [DEAD_LETTER_HEADERS.attempts]: '3',
    });

    const admin = client.admin();
    await admin.connect();
    try {
      expect(await committed(admin, groupId, topic.name)).toEqual(new Map([[0, '4']]));
    } finally {
      await admin.disconnect();
    }
  });

  test('records that cannot be decoded go to the dead-letter topic at once (attempts 0)', async () => {
    const topic = await renamed(client, opinions, 1);
    const raw = client.producer();
    await raw.connect();
    stops.push(() => raw.disconnect());
    const good = opinion();
    const reg = registry();
    const goodProducer = createProducer(client, topic, { registry: reg });
    stops.push(() => goodProducer.disconnect());
    await goodProducer.connect();
    const keyBytes = reg.topicSerdes(topic).key.encode(good.key);
    await raw.send({
      topic: topic.name,
      messages: [
        { key: keyBytes, value: Buffer.from('{"json": "not avro"}') },
        { key: null, value: Buffer.from([0, 0, 0, 0, 1]) },
        { key: keyBytes, value: Buffer.from([0, 0x7f, 0xff, 0xff, 0xf0, 2]) },
      ],
    });
    await goodProducer.send(good);

    const done: Opinion[] = [];
    const dead: DeadLetterEvent[] = [];
    const consumer = createConsumer(client, topic, {
      groupId: unique('g'),
      registry: registry(),
      handler: (r) => void done.push(r.value!),
      onDeadLetter: (e) => void dead.push(e),
      ...FAST,
    });
    stops.push(() => consumer.stop());
    await consumer.start();
    await until(() => done.length >= 1, 'the good record');
    await consumer.stop();
    expect(done.map((o) => o.id)).toEqual([good.value.id]);
    expect(dead.map((d) => [d.offset, d.code, d.attempts])).toEqual([
      ['0', 'BAD_MAGIC', 0],
      ['1', 'KEY_MISSING', 0],
      ['2', 'SCHEMA_ID_NOT_FOUND', 0],
    ]);
    const letters = await readRaw(client, `${topic.name}.dlq`, 3);
    expect(letters.map((l) => l.message.value!.toString('hex'))).toEqual(['7b226a736f6e223a20226e6f74206176726f227d', '0000000001', '007ffffff002']);
    expect(letters.map((l) => String(l.message.headers![DEAD_LETTER_HEADERS.attempts]))).toEqual(['0', '0', '0']);
  });

  test('a consumer stopped mid-stream and restarted in the same group loses nothing (and repeats nothing)', async () => {
    const topic = await renamed(client, users, 3);
    const producer = createProducer(client, topic, { registry: registry() });
    stops.push(() => producer.disconnect());
    const ids = Array.from({ length: 300 }, () => crypto.randomUUID());
    await producer.sendBatch(ids.map((id, n) => ({ key: userKey(id), value: userInput(id, n) })));

    const seen: string[] = [];
    const groupId = unique('g');
    const handler = async (r: ConsumedRecord<UserKey, User>): Promise<void> => {
      await new Promise((resolve) => setImmediate(resolve));
      seen.push(r.key.userId);
    };
    let stopping: Promise<void> | undefined;
    const first = createConsumer(client, topic, {
      groupId,
      registry: registry(),
      handler: async (r) => {
        await handler(r);
        if (seen.length === 100) stopping = first.stop();
      },
      ...FAST,
    });
    stops.push(() => first.stop());
    await first.start();
    await until(() => stopping !== undefined, 'the first consumer to take 100 records');
    await stopping;
    const beforeRestart = seen.length;
    expect(beforeRestart).toBeLessThan(ids.length);

    const second = createConsumer(client, topic, { groupId, registry: registry(), handler, ...FAST });
    stops.push(() => second.stop());
    await second.start();
    await until(() => new Set(seen).size >= ids.length, 'every record after the restart');
    await new Promise((r) => setTimeout(r, 300)); // room for any repeat to show up
    await second.stop();

    expect(new Set(seen)).toEqual(new Set(ids));
    expect(seen).toHaveLength(ids.length);
  });

  test('at least once: a record whose handler is cut off by a stop is not committed and is handled again after a restart', async () => {
    // One partition, three records. The first consumer handles A, then is stopped while B's handler is in flight; B's
    // handler then fails (the process going down under it), so B was never handled. Committing before the handler ran
    // would lose B here: the restarted consumer must get B again, and C.
    const topic = await renamed(client, users, 1);
    const producer = createProducer(client, topic, { registry: registry() });
    stops.push(() => producer.disconnect());
    const ids = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    await producer.sendBatch(ids.map((id, n) => ({ key: userKey(id), value: userInput(id, n) })));

    const groupId = unique('g');
    const firstSeen: string[] = [];
    let release!: () => void;
    const inFlight = new Promise<void>((resolve) => (release = resolve));
    const first = createConsumer(client, topic, {
      groupId,
      registry: registry(),
      handler: async (r) => {
        firstSeen.push(r.key.userId);
        if (r.key.userId === ids[1]) {
          await inFlight;
          throw new Error('cut off by the stop');
        }
      },
      ...FAST,
      retry: { attempts: 5, initialDelayMs: 60_000, maxDelayMs: 60_000 },
    });
    stops.push(() => first.stop());
    await first.start();
    await until(() => firstSeen.length === 2, 'the first consumer to start on the second record');
    const stopping = first.stop();
    release();
    await stopping;
    expect(firstSeen).toEqual(ids.slice(0, 2));

    const admin = client.admin();
    await admin.connect();
    stops.push(() => admin.disconnect());
    expect(await committed(admin, groupId, topic.name)).toEqual(new Map([[0, '1']])); // A only

    const secondSeen: string[] = [];
    const second = createConsumer(client, topic, { groupId, registry: registry(), handler: (r) => void secondSeen.push(r.key.userId), ...FAST });
    stops.push(() => second.stop());
    await second.start();
    await until(() => secondSeen.length >= 2, 'the restarted consumer to handle the rest');
    await second.stop();
    expect(secondSeen).toEqual(ids.slice(1));
    expect(await committed(admin, groupId, topic.name)).toEqual(new Map([[0, '3']]));
  });

  test('two consumers in one group split the partitions between them', async () => {
    const topic = await renamed(client, users, 4);
    const groupId = unique('g');
    const byConsumer = [new Set<number>(), new Set<number>()];
    const count = [0, 0];
    const make = (i: 0 | 1) =>
      createConsumer(client, topic, {
        groupId,
        registry: registry(),
        handler: (r) => {
          byConsumer[i]!.add(r.partition);
          count[i]!++;
        },
        ...FAST,
      });
    const a = make(0);
    const b = make(1);
    stops.push(() => a.stop(), () => b.stop());
    await a.start();
    await b.start();

    const producer = createProducer(client, topic, { registry: registry() });
    stops.push(() => producer.disconnect());
    const ids = Array.from({ length: 200 }, () => crypto.randomUUID());
    await producer.sendBatch(ids.map((id) => ({ key: userKey(id), value: userInput(id) })));
    await until(() => count[0]! + count[1]! >= ids.length, 'all records across the group');
    await Promise.all([a.stop(), b.stop()]);

    expect(count[0]).toBeGreaterThan(0);
    expect(count[1]).toBeGreaterThan(0);
    expect([...byConsumer[0]!].filter((p) => byConsumer[1]!.has(p))).toEqual([]);
    expect(new Set([...byConsumer[0]!, ...byConsumer[1]!])).toEqual(new Set([0, 1, 2, 3]));
  });
});
