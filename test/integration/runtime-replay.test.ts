/**
 * Replay and topic admin against the real broker: a replay of a compacted topic with tombstones rebuilds the state live
 * consumption built, reports "caught up", then goes on live; ensureTopics is idempotent and topicDrift reports
 * the differences between catalog and broker.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { topics as catalog, users } from '../../generated/topics.js';
import type { User, UserKey } from '../../generated/index.js';
import { createConsumer, createProducer, ensureTopics, replay, topicDrift, type ConsumedRecord, type TopicSpec } from '../../runtime/index.js';
import { userInput, userKey } from './example-records.js';
import { FAST, kafka, readRaw, registry, renamed, unique, until } from './runtime-support.js';

const client = kafka();
const stops: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
});

/** A table built from a compacted topic: the latest value per key, a tombstone deletes. */
function table(): { rows: Map<string, User>; apply: (r: ConsumedRecord<UserKey, User>) => void; seen: () => number } {
  const rows = new Map<string, User>();
  let n = 0;
  return {
    rows,
    apply: (r) => {
      n++;
      if (r.value === null) rows.delete(r.key.userId);
      else rows.set(r.key.userId, r.value);
    },
    seen: () => n,
  };
}

describe('replay and topic admin (real broker and registry)', () => {
  test('a replay of a compacted topic with tombstones rebuilds the live state, reports caught up, then goes on live', async () => {
    const topic = await renamed(client, users, 3);
    const producer = createProducer(client, topic, { registry: registry() });
    stops.push(() => producer.disconnect());

    const live = table();
    const consumer = createConsumer(client, topic, { groupId: unique('live'), registry: registry(), handler: live.apply, ...FAST });
    stops.push(() => consumer.stop());
    await consumer.start();

    const ids = Array.from({ length: 120 }, () => crypto.randomUUID());
    await producer.sendBatch(ids.map((id, n) => ({ key: userKey(id), value: userInput(id, n) })));
    await producer.sendBatch(ids.slice(0, 40).map((id, n) => ({ key: userKey(id), value: userInput(id, 1000 + n) })));
    await producer.sendBatch(ids.slice(20, 50).map((id) => ({ key: userKey(id), value: null })));
    const total = 120 + 40 + 30;
    await until(() => live.seen() >= total, 'live consumption of every record');
    expect(live.rows.size).toBe(120 - 30);

    const rebuilt = table();
    let event = 0;
    const r = await replay(client, topic, { registry: registry(), handler: rebuilt.apply, onCaughtUp: () => event++, ...FAST });
    stops.push(() => r.stop());
    const caught = await r.caughtUp;
    expect(caught.records).toBe(total);
    expect(event).toBe(1);
    expect([...caught.highWatermarks.values()].reduce((a, b) => a + Number(b), 0)).toBe(total);
    expect(rebuilt.rows).toEqual(live.rows);
    expect(r.groupId).toMatch(new RegExp(`^unilog-replay-${topic.name}-`));

    const late = crypto.randomUUID();
    await producer.send({ key: userKey(late), value: userInput(late, 7) });
    await until(() => rebuilt.rows.has(late) && live.rows.has(late), 'the record sent after catching up, in both');
    expect(rebuilt.rows).toEqual(live.rows);
  });

  test('a replay of an empty topic is caught up at once; one stopped before catching up rejects REPLAY_STOPPED', async () => {
    const empty = await renamed(client, users, 2);
    const r1 = await replay(client, empty, { registry: registry(), handler: () => undefined, ...FAST });
    stops.push(() => r1.stop());
    expect((await r1.caughtUp).records).toBe(0);
    await r1.stop();

    const topic = await renamed(client, users, 1);
    const producer = createProducer(client, topic, { registry: registry() });
    stops.push(() => producer.disconnect());
    const ids = Array.from({ length: 50 }, () => crypto.randomUUID());
    await producer.sendBatch(ids.map((id) => ({ key: userKey(id), value: userInput(id) })));
    let handled = 0;
    const r2 = await replay(client, topic, {
      registry: registry(),
      handler: async () => {
        handled++;
        await new Promise((resolve) => setTimeout(resolve, 20));
      },
      ...FAST,
    });
    await until(() => handled > 0, 'the replay to start');
    await r2.stop();
    await expect(r2.caughtUp).rejects.toMatchObject({ code: 'REPLAY_STOPPED' });
    expect(handled).toBeLessThan(ids.length);
  });

  test('a record that is not Avro is dead-lettered and the replay goes on; with deadLetter: false it stops, saying what to do', async () => {
    const topic = await renamed(client, users, 1);
    const producer = createProducer(client, topic, { registry: registry() });
    stops.push(() => producer.disconnect());
    const raw = client.producer();
    await raw.connect();
    stops.push(() => raw.disconnect());
    const [a, b] = [crypto.randomUUID(), crypto.randomUUID()];
    await producer.send({ key: userKey(a), value: userInput(a) });
    await raw.send({ topic: topic.name, messages: [{ key: users.key.encodeFramed(userKey(b), 1), value: Buffer.from('this is not avro') }] });
    await producer.send({ key: userKey(b), value: userInput(b) });

    const rebuilt = table();
    const letters: string[] = [];
    const r1 = await replay(client, topic, { registry: registry(), handler: rebuilt.apply, onDeadLetter: (e) => letters.push(`${e.offset} ${e.code}`), ...FAST });
    stops.push(() => r1.stop());
    expect((await r1.caughtUp).records).toBe(3);
    expect([...rebuilt.rows.keys()].sort()).toEqual([a, b].sort());
    expect(letters).toEqual(['1 BAD_MAGIC']);
    const [letter] = await readRaw(client, `${topic.name}.dlq`, 1);
    expect(letter!.message.value!.toString()).toBe('this is not avro');
    expect(letter!.message.headers!['unilog-original-offset']!.toString()).toBe('1');
    await r1.stop();

    const r2 = await replay(client, topic, { registry: registry(), handler: () => undefined, deadLetter: false, ...FAST });
    stops.push(() => r2.stop());
    const stopped = await r2.caughtUp.then(
      () => undefined,
      (e: unknown) => e as Error & { code?: string; cause?: { code?: string } },
    );
    expect(stopped?.code).toBe('REPLAY_STOPPED');
    expect(stopped?.cause?.code).toBe('UNDECODABLE_RECORD');
    expect(stopped?.message).toContain(`${topic.name}[0]@1: cannot decode (BAD_MAGIC)`);
    expect(stopped?.message).toContain('remove that option to dead-letter such a record and go on');
  });

  test('ensureTopics creates the catalog idempotently; topicDrift reports missing topics, partitions and cleanup policy', async () => {
    const prefix = unique('cat');
    const mine = Object.values(catalog).map((t): TopicSpec => ({ name: `${prefix}.${t.name}`, partitions: t.partitions, cleanupPolicy: t.cleanupPolicy }));
    const first = await ensureTopics(client, mine);
    expect(first).toEqual({ created: mine.map((t) => t.name), existing: [] });
    const again = await ensureTopics(client, mine);
    expect(again).toEqual({ created: [], existing: mine.map((t) => t.name) });
    expect(await topicDrift(client, mine)).toEqual([]);

    const admin = client.admin();
    await admin.connect();
    try {
      const meta = await admin.fetchTopicMetadata({ topics: mine.map((t) => t.name) });
      expect(new Map(meta.topics.map((t) => [t.name, t.partitions.length]))).toEqual(new Map(mine.map((t) => [t.name, t.partitions])));
      const wrong = `${prefix}.wrong`;
      await ensureTopics(client, [{ name: wrong, partitions: 2, cleanupPolicy: 'delete' }]);
      const expected = [
        { name: wrong, partitions: 6, cleanupPolicy: 'compact' as const },
        { name: `${prefix}.missing`, partitions: 1, cleanupPolicy: 'delete' as const },
        mine[0]!,
      ];
      expect(await topicDrift(client, expected)).toEqual([
        { topic: `${prefix}.missing`, kind: 'missing' },
        { topic: wrong, kind: 'partitions', expected: 6, actual: 2 },
        { topic: wrong, kind: 'cleanup-policy', expected: 'compact', actual: 'delete' },
      ]);
      await admin.deleteTopics({ topics: [...mine.map((t) => t.name), wrong] });
    } finally {
      await admin.disconnect();
    }
  });
});
