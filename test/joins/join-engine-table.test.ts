/**
 * The join engine running a table ⋈ table join (runtime/join/join-engine.ts, docs/joins.md § How it runs) over the
 * kafkajs fake: both inputs (the table and the via topic) restored from their earliest offsets, batches kafkajs moved
 * past without handing them over, rebalances that keep or take partitions, and the re-key step beside it.
 */
import { describe, expect, test } from 'vitest';
import { createJoin, defineTableJoin } from '../../runtime/join/index.js';
import { createCodec, type SchemaRegistry } from '../../runtime/index.js';
import { defineTopic } from '../../runtime/topic.js';
import { FakeKafka } from '../runtime/fake-kafka.js';
import { connections, preparedRegistry, record, users, via, viaRecord, type Connection, type User } from './join-fixture.js';

interface Count { name: string; following: number }
const counts = defineTopic({
  name: 'counts', key: users.key, value: createCodec<Count>({ type: 'record', name: 'Count', fields: [{ name: 'name', type: 'string' }, { name: 'following', type: 'int' }] }),
  visibility: 'shared', owner: 'o', partitions: 2, cleanupPolicy: 'compact', compatibility: 'BACKWARD',
});
const join = defineTableJoin({
  name: 'counts', owner: 'o', mode: 'left', table: users, related: connections, via, output: counts, sides: ['following'] as const,
  match: (k: { followerId: string }) => ({ following: { userId: k.followerId } }),
});
const fn = (row: User, related: { following: Connection[] }): Count => ({ name: row.name, following: related.following.length });

/** `watched: false`: no onCrash given (a failure must then still surface, through the next batch). */
async function setup(highs: { users: number; via: number }, watched = true) {
  const registry = await preparedRegistry(users as never, connections as never, via as never, counts as never);
  const kafka = new FakeKafka();
  for (const t of ['users', 'by-user', 'counts', 'connections']) kafka.topics.set(t, 2);
  kafka.offsets.set('users', [{ partition: 0, low: '0', high: String(highs.users) }, { partition: 1, low: '4', high: '4' }]);
  kafka.offsets.set('by-user', [{ partition: 0, low: '0', high: String(highs.via) }, { partition: 1, low: '4', high: '4' }]);
  const restored: Array<{ partition: number; records: number; ms: number }> = [];
  const crashes: unknown[] = [];
  const onCrash = watched ? (e: unknown, restart: boolean) => void crashes.push([e, restart]) : undefined;
  const runner = createJoin(kafka.asKafka(), join, fn, { registry, onRestored: (e) => void restored.push(e), ...(onCrash ? { onCrash } : {}) });
  await runner.start();
  // The re-key step's consumer is created first, the join's second.
  const [rekey, consumer] = kafka.consumers as [typeof kafka.consumers[0], typeof kafka.consumers[0]];
  return { kafka, registry, runner, rekey, consumer, restored, crashes };
}

const user = (r: SchemaRegistry, offset: number, userId: string, name: string) => ({ ...record(r, users, { userId }, { name }), offset: String(offset) });
const follows = (r: SchemaRegistry, offset: number, followerId: string, followeeId: string) =>
  ({ ...viaRecord(r, connections, { userId: followerId }, 'following', { followerId, followeeId }, { since: offset }), offset: String(offset) });
const settle = () => new Promise((r) => setTimeout(r, 0));

function outputs(s: { kafka: FakeKafka; registry: SchemaRegistry }): unknown[] {
  const serdes = s.registry.topicSerdes(counts);
  return s.kafka.producers.flatMap((p) => p.sent).filter((x) => x.topic === 'counts')
    .flatMap((x) => x.messages.map((m) => [serdes.key.decode(m.key as Buffer), m.value === null ? null : serdes.value.decode(m.value as Buffer)]));
}

describe('join engine, table ⋈ table', () => {
  test('both inputs restored from the earliest offset, then the rows and related rows marked are written', async () => {
    const s = await setup({ users: 1, via: 1 });
    expect(join.kind).toBe('table-table');
    expect(s.consumer.config).toMatchObject({ groupId: 'counts' });
    expect(s.rekey.config).toMatchObject({ groupId: 'counts.rekey' });
    s.consumer.emit(s.consumer.events.GROUP_JOIN, { memberAssignment: { users: [1, 0], 'by-user': [0] } });
    expect(s.consumer.seeks).toEqual([
      { topic: 'users', partition: 0, offset: '0' }, { topic: 'by-user', partition: 0, offset: '0' },
      { topic: 'users', partition: 1, offset: '0' }, { topic: 'by-user', partition: 1, offset: '0' },
    ]);
    await s.consumer.deliver(0, [user(s.registry, 0, 'ann', 'Ann')], { topic: 'users' });
    expect(s.runner.stats().partitions.map((p) => [p.partition, p.phase])).toEqual([[0, 'restoring'], [1, 'live']]);
    expect(outputs(s)).toEqual([]);
    await s.consumer.deliver(0, [follows(s.registry, 0, 'ann', 'bob')], { topic: 'by-user', highWatermark: '3' });
    expect(outputs(s)).toEqual([[{ userId: 'ann' }, { name: 'Ann', following: 1 }]]);
    expect(s.consumer.commits).toEqual([{ topic: 'users', partition: 0, offset: '1' }, { topic: 'by-user', partition: 0, offset: '1' }]);
    expect(s.restored.map((e) => [e.partition, e.records])).toEqual([[1, 0], [0, 2]]);
    expect(s.restored.every((e) => e.ms >= 0 && e.ms < 60_000)).toBe(true);
    expect(s.runner.stats()).toMatchObject({ partitions: [{ partition: 0, rows: 1, related: 1, lag: 2 }, { partition: 1 }], inputRecords: 2, restoredRecords: 2, outputRecords: 1 });
    // A partition's lag is both inputs': 3 records behind on the table now, 2 on the via topic.
    await s.consumer.deliver(0, [user(s.registry, 1, 'bob', 'Bob')], { topic: 'users', highWatermark: '5' });
    expect(s.runner.stats().partitions[0]).toMatchObject({ partition: 0, lag: 5 });
  });

  test("records before the group's committed offset rebuild state and write nothing; after it they are written once restored", async () => {
    const s = await setup({ users: 2, via: 1 });
    s.kafka.committed.set('users', [{ partition: 0, offset: '1' }]);
    s.kafka.committed.set('by-user', [{ partition: 0, offset: '1' }]);
    s.consumer.emit(s.consumer.events.GROUP_JOIN, { memberAssignment: { users: [0], 'by-user': [0] } });
    await s.consumer.deliver(0, [follows(s.registry, 0, 'ann', 'bob')], { topic: 'by-user' });
    await s.consumer.deliver(0, [user(s.registry, 0, 'ann', 'Ann'), user(s.registry, 1, 'cid', 'Cid')], { topic: 'users' });
    expect(outputs(s)).toEqual([[{ userId: 'cid' }, { name: 'Cid', following: 0 }]]);
  });

  test('a batch kafkajs moved past without handing it over (compacted away) counts towards the restore', async () => {
    const s = await setup({ users: 3, via: 0 });
    s.consumer.emit(s.consumer.events.GROUP_JOIN, { memberAssignment: { users: [0], 'by-user': [0] } });
    await s.consumer.deliver(0, [user(s.registry, 0, 'ann', 'Ann')], { topic: 'users' });
    const end = (topic: string, partition: number, batchSize: number, lastOffset: string) => s.consumer.emit(s.consumer.events.END_BATCH_PROCESS, { topic, partition, batchSize, lastOffset });
    end('users', 0, 1, '2');
    end('users', 1, 0, '2');
    end('by-user', 0, 0, '2');
    await settle();
    expect(s.runner.stats().partitions[0]!.phase).toBe('restoring');
    end('users', 0, 0, '1');
    await settle();
    expect(s.runner.stats().partitions[0]!.phase).toBe('restoring');
    end('users', 0, 0, '2');
    await settle();
    expect(s.runner.stats().partitions[0]!.phase).toBe('live');
    expect(outputs(s)).toEqual([[{ userId: 'ann' }, { name: 'Ann', following: 0 }]]);
    end('users', 0, 0, '9');
    await settle();
    expect(s.crashes).toEqual([]);
    expect(s.restored.map((e) => e.partition)).toEqual([0]);
  });

  test('the via topic\'s batches moved past count towards its restore too', async () => {
    const s = await setup({ users: 1, via: 2 });
    s.consumer.emit(s.consumer.events.GROUP_JOIN, { memberAssignment: { users: [0], 'by-user': [0] } });
    await s.consumer.deliver(0, [user(s.registry, 0, 'ann', 'Ann')], { topic: 'users' });
    expect(s.runner.stats().partitions[0]!.phase).toBe('restoring');
    s.consumer.emit(s.consumer.events.END_BATCH_PROCESS, { topic: 'by-user', partition: 0, batchSize: 0, lastOffset: '1' });
    await settle();
    expect(s.runner.stats().partitions[0]!.phase).toBe('live');
  });

  test('a rebalance: a partition kept live keeps its state (no restore); one lost is dropped; one new is restored', async () => {
    const s = await setup({ users: 1, via: 0 });
    s.consumer.emit(s.consumer.events.GROUP_JOIN, { memberAssignment: { users: [0], 'by-user': [0] } });
    await s.consumer.deliver(0, [user(s.registry, 0, 'ann', 'Ann')], { topic: 'users' });
    s.consumer.seeks.length = 0;
    s.consumer.emit(s.consumer.events.GROUP_JOIN, { memberAssignment: { users: [0, 1], 'by-user': [0, 1] } });
    await s.consumer.deliver(0, [], { topic: 'users', lastOffset: '0' });
    expect(s.consumer.seeks).toEqual([{ topic: 'users', partition: 1, offset: '0' }, { topic: 'by-user', partition: 1, offset: '0' }]);
    expect(s.runner.stats().partitions).toMatchObject([{ partition: 0, phase: 'live', rows: 1 }, { partition: 1, phase: 'live', rows: 0 }]);
    expect(s.restored.map((e) => e.partition)).toEqual([0, 1]);
    s.consumer.emit(s.consumer.events.GROUP_JOIN, { memberAssignment: { users: [1], 'by-user': [1] } });
    await s.consumer.deliver(1, [], { topic: 'users', lastOffset: '3' });
    expect(s.runner.stats().partitions.map((p) => p.partition)).toEqual([1]);
  });

  test('an assignment of via partitions the table part lacks still restores them', async () => {
    const s = await setup({ users: 0, via: 0 });
    s.consumer.emit(s.consumer.events.GROUP_JOIN, { memberAssignment: { users: [0], 'by-user': [0, 1] } });
    await s.consumer.deliver(0, [], { topic: 'users', lastOffset: '-1' });
    expect(s.runner.stats().partitions.map((p) => [p.partition, p.phase])).toEqual([[0, 'live'], [1, 'live']]);
  });

  test('the output topic and the related topic must exist', async () => {
    for (const missing of ['counts', 'connections']) {
      const registry = await preparedRegistry(users as never, connections as never, via as never, counts as never);
      const kafka = new FakeKafka();
      for (const t of ['users', 'by-user', 'counts', 'connections']) if (t !== missing) kafka.topics.set(t, 2);
      await expect(createJoin(kafka.asKafka(), join, fn, { registry }).start()).rejects.toMatchObject({ code: 'TOPIC_MISSING', message: expect.stringContaining(`topic ${missing} missing`) });
    }
  });

  test('the re-key step runs beside the join and its count is in the stats; crashes are reported; stop stops both', async () => {
    const s = await setup({ users: 0, via: 0 });
    expect(s.rekey.subscribed).toEqual({ topics: ['connections'], fromBeginning: true });
    await s.rekey.deliver(0, [record(s.registry, connections, { followerId: 'ann', followeeId: 'bob' }, { since: 1 })]);
    expect(s.runner.stats().rekeyedRecords).toBe(1);
    const boom = new Error('boom');
    s.consumer.crash(boom, false);
    expect(s.crashes).toEqual([[boom, false]]);
    await s.runner.stop();
    expect([s.consumer.calls.at(-1), s.rekey.calls.at(-1)]).toEqual(['disconnect', 'disconnect']);
  });

  test.each([true, false])('the outputs of a restore that cannot be written: reported (onCrash given: %s), no batch taken, and the next assignment restores the partition again', async (watched) => {
    const s = await setup({ users: 2, via: 0 }, watched);
    s.consumer.emit(s.consumer.events.GROUP_JOIN, { memberAssignment: { users: [0], 'by-user': [0] } });
    await s.consumer.deliver(0, [user(s.registry, 0, 'ann', 'Ann')], { topic: 'users' });
    const down = new Error('broker down');
    for (const p of s.kafka.producers) p.failSends.push(down);
    // The last table batch was compacted away: kafkajs moved past it, and the partition goes live from the event.
    s.consumer.emit(s.consumer.events.END_BATCH_PROCESS, { topic: 'users', partition: 0, batchSize: 0, lastOffset: '1' });
    await settle();
    expect(s.crashes).toEqual(watched ? [[down, false]] : []);
    await expect(s.consumer.deliver(0, [user(s.registry, 2, 'bob', 'Bob')], { topic: 'users' })).rejects.toMatchObject({
      code: 'JOIN_RESTORE_OUTPUT_FAILED',
      message: "join counts: the outputs of partition 0's restore could not be written (broker down); the join restores its partitions when the group is joined again",
      cause: down,
    });
    expect(s.consumer.commits).toEqual([]);
    // kafkajs rejoins: the live partition is not kept, but restored from the earliest offset, and Ann's output written.
    s.consumer.seeks.length = 0;
    s.consumer.emit(s.consumer.events.GROUP_JOIN, { memberAssignment: { users: [0], 'by-user': [0] } });
    await s.consumer.deliver(0, [user(s.registry, 0, 'ann', 'Ann'), user(s.registry, 1, 'ann', 'Ann')], { topic: 'users' });
    expect(s.consumer.seeks).toEqual([{ topic: 'users', partition: 0, offset: '0' }, { topic: 'by-user', partition: 0, offset: '0' }]);
    expect(s.runner.stats().partitions[0]!.phase).toBe('live');
    expect(outputs(s).at(-1)).toEqual([{ userId: 'ann' }, { name: 'Ann', following: 0 }]);
    expect(s.consumer.commits.at(-1)).toEqual({ topic: 'users', partition: 0, offset: '2' });
  });

  test.each([true, false])('an assignment whose restore cannot be planned (the table\'s offsets unreadable) is reported (onCrash given: %s), as not restarting, and fails the next batch', async (watched) => {
    const s = await setup({ users: 1, via: 0 }, watched);
    const unreadable = new Error('offsets unreadable');
    s.kafka.offsetFailures.push(unreadable);
    s.consumer.emit(s.consumer.events.GROUP_JOIN, { memberAssignment: { users: [0], 'by-user': [0] } });
    await settle();
    expect(s.crashes).toEqual(watched ? [[unreadable, false]] : []);
    await expect(s.consumer.deliver(0, [user(s.registry, 0, 'ann', 'Ann')], { topic: 'users' })).rejects.toBe(unreadable);
    expect(outputs(s)).toEqual([]);
  });
});
