/**
 * The join engine (runtime/join/join-engine.ts, docs/joins.md § How it runs), at-least-once, over the kafkajs fake:
 * a stream keyed like its table, read directly. On an assignment a partition is restored from the table's earliest
 * offset to its high-watermark; stream records past the group's committed offset are joined once it is restored; then
 * each batch's outputs are produced before its offset is committed.
 */
import { describe, expect, test } from 'vitest';
import { CoPartitionedAssigner, createJoin, defineStreamTableJoin, JOIN_GUARANTEES, type JoinGuarantee, type JoinRunner } from '../../runtime/join/index.js';
import type { SchemaRegistry } from '../../runtime/index.js';
import { defineTopic } from '../../runtime/topic.js';
import { FakeKafka, type FakeConsumer } from '../runtime/fake-kafka.js';
import { opinions, preparedRegistry, record, userEvents, users, type Opinion, type User, type UserKey } from './join-fixture.js';

const enriched = defineTopic({ ...userEvents, name: 'enriched' });
const join = defineStreamTableJoin({ name: 'enrich', owner: 'o', mode: 'inner', stream: userEvents, table: users, output: enriched, match: (k: UserKey) => k });
const fn = (o: Opinion, row: User) => ({ authorId: o.authorId, text: `${o.text} by ${row.name}` });

interface Setup { kafka: FakeKafka; consumer: FakeConsumer; runner: JoinRunner; registry: SchemaRegistry; restored: unknown[]; crashes: unknown[] }

async function setup(tableHigh: number, committedStream?: string, guarantee: JoinGuarantee = 'at-least-once'): Promise<Setup> {
  // The output's serdes are left for the join to prepare at start.
  const registry = await preparedRegistry(users as never, userEvents as never);
  const kafka = new FakeKafka();
  for (const t of ['users', 'user-events', 'enriched']) kafka.topics.set(t, 2);
  kafka.offsets.set('users', [{ partition: 0, low: '0', high: String(tableHigh) }, { partition: 1, low: '0', high: '0' }]);
  if (committedStream) kafka.committed.set('user-events', [{ partition: 0, offset: committedStream }]);
  const restored: unknown[] = [];
  const crashes: unknown[] = [];
  const runner = createJoin(kafka.asKafka(), join, fn, { registry, groupId: 'g', guarantee, onRestored: (e) => void restored.push(e), onCrash: (e) => void crashes.push(e) });
  await runner.start();
  const consumer = kafka.theConsumer;
  consumer.emit(consumer.events.GROUP_JOIN, { memberAssignment: { users: [0], 'user-events': [0] } });
  return { kafka, consumer, runner, registry, restored, crashes };
}

const at = <T extends { offset: string }>(m: T, offset: number): T => ({ ...m, offset: String(offset) });
const ann = (r: SchemaRegistry, offset: number, name: string | null = 'Ann') => at(record(r, users, { userId: 'ann' }, name === null ? null : { name }), offset);
const event = (r: SchemaRegistry, offset: number, text: string) => at(record(r, userEvents, { userId: 'ann' }, { authorId: 'ann', text }), offset);

/** The output records sent, decoded. */
function outputs(s: Setup): unknown[] {
  const serdes = s.registry.topicSerdes(enriched);
  return s.kafka.producers.flatMap((p) => p.sent).filter((x) => x.topic === 'enriched')
    .flatMap((x) => x.messages.map((m) => ({ key: serdes.key.decode(m.key as Buffer), value: m.value === null ? null : serdes.value.decode(m.value as Buffer) })));
}

describe('join engine, at-least-once', () => {
  test('the guarantees a join service accepts (JOIN_GUARANTEE)', () => {
    expect(JOIN_GUARANTEES).toEqual(['at-least-once', 'exactly-once']);
  });

  test('a definition says its kind', () => {
    expect(join.kind).toBe('stream-table');
    expect(Object.isFrozen(join)).toBe(true);
  });

  test('restores the table from its earliest offset, goes live, then joins each stream batch and commits after producing', async () => {
    const s = await setup(2);
    expect(s.consumer.config).toMatchObject({ groupId: 'g', partitionAssigners: [CoPartitionedAssigner] });
    expect(s.consumer.runConfig).toMatchObject({ autoCommit: false, eachBatchAutoResolve: false });
    expect(s.consumer.subscribed).toEqual({ topics: ['users', 'user-events'], fromBeginning: true });
    expect(s.consumer.seeks).toEqual([{ topic: 'users', partition: 0, offset: '0' }]);
    await s.consumer.deliver(0, [ann(s.registry, 0, 'A'), ann(s.registry, 1)], { topic: 'users' });
    expect(s.runner.stats().partitions).toEqual([{ partition: 0, phase: 'live', rows: 1, related: 0, lag: 0 }]);
    expect(s.restored).toEqual([expect.objectContaining({ partition: 0, records: 2 })]);
    expect(s.consumer.commits).toEqual([{ topic: 'users', partition: 0, offset: '2' }]);
    await s.consumer.deliver(0, [event(s.registry, 0, 'hi'), event(s.registry, 1, 'yo')], { topic: 'user-events', highWatermark: '5' });
    expect(outputs(s)).toEqual([
      { key: { userId: 'ann' }, value: { authorId: 'ann', text: 'hi by Ann' } },
      { key: { userId: 'ann' }, value: { authorId: 'ann', text: 'yo by Ann' } },
    ]);
    expect(s.consumer.commits.at(-1)).toEqual({ topic: 'user-events', partition: 0, offset: '2' });
    expect(s.runner.stats()).toEqual({
      partitions: [{ partition: 0, phase: 'live', rows: 1, related: 0, lag: 3 }],
      inputRecords: 4, restoredRecords: 2, outputRecords: 2, rekeyedRecords: 0,
    });
    expect(s.crashes).toEqual([]);
  });

  test('while restoring, stream records before the committed offset are not joined again; those after are, once restored', async () => {
    const s = await setup(1, '1');
    await s.consumer.deliver(0, [event(s.registry, 0, 'old'), event(s.registry, 1, 'new')], { topic: 'user-events' });
    expect(s.runner.stats().partitions[0]!.phase).toBe('restoring');
    expect(outputs(s)).toEqual([]);
    expect(s.consumer.commits).toEqual([]);
    await s.consumer.deliver(0, [ann(s.registry, 0)], { topic: 'users' });
    expect(outputs(s)).toEqual([{ key: { userId: 'ann' }, value: { authorId: 'ann', text: 'new by Ann' } }]);
    expect(s.consumer.commits).toEqual([{ topic: 'users', partition: 0, offset: '1' }, { topic: 'user-events', partition: 0, offset: '2' }]);
  });

  test('an empty partition is live at once; a batch of a partition not assigned, or stale, is left alone', async () => {
    const s = await setup(0);
    // The batch waits for the assignment's plan, which finds partition 0 empty: live without a restore.
    await s.consumer.deliver(1, [event(s.registry, 0, 'x')], { topic: 'user-events' });
    expect(s.runner.stats().partitions).toEqual([{ partition: 0, phase: 'live', rows: 0, related: 0, lag: 0 }]);
    expect(s.restored).toEqual([expect.objectContaining({ partition: 0, records: 0 })]);
    await s.consumer.deliver(0, [ann(s.registry, 0)], { topic: 'users', stale: true });
    expect(s.runner.stats().inputRecords).toBe(0);
  });

  test('kafkajs is asked to heartbeat every 512 records of a long batch, and after each batch', async () => {
    const s = await setup(1024);
    const many = Array.from({ length: 1024 }, (_, i) => ann(s.registry, i, `Ann ${i}`));
    await s.consumer.deliver(0, many, { topic: 'users' });
    expect(s.consumer.heartbeats).toEqual([0, 0, 0]);
    await s.consumer.deliver(0, [event(s.registry, 0, 'hi')], { topic: 'user-events' });
    expect(s.consumer.heartbeats).toEqual([0, 0, 0, 0]);
    expect(outputs(s)).toEqual([{ key: { userId: 'ann' }, value: { authorId: 'ann', text: 'hi by Ann 1023' } }]);
  });

  test('a live record that cannot be decoded fails its batch: nothing is written or committed', async () => {
    const s = await setup(0);
    await s.consumer.deliver(1, [], { topic: 'users', lastOffset: '-1' });
    const before = s.consumer.commits.length;
    const garbage = { ...event(s.registry, 0, 'x'), value: Buffer.from([0, 0, 0, 0, 1, 2]) };
    await expect(s.consumer.deliver(0, [event(s.registry, 0, 'fine'), garbage], { topic: 'user-events' })).rejects.toThrow();
    expect(s.consumer.commits).toHaveLength(before);
    expect(outputs(s)).toEqual([]);
  });

  test("the committed offset is the partition's own, not another partition's", async () => {
    const s = await setup(1);
    s.kafka.committed.set('user-events', [{ partition: 1, offset: '5' }]);
    s.consumer.emit(s.consumer.events.GROUP_JOIN, { memberAssignment: { users: [0], 'user-events': [0] } });
    await s.consumer.deliver(0, [event(s.registry, 0, 'a'), event(s.registry, 1, 'b')], { topic: 'user-events' });
    await s.consumer.deliver(0, [ann(s.registry, 0)], { topic: 'users' });
    expect(outputs(s)).toHaveLength(2);
  });

  test('a second assignment before the first is planned: only the latest counts', async () => {
    const s = await setup(1);
    s.consumer.emit(s.consumer.events.GROUP_JOIN, { memberAssignment: { users: [1], 'user-events': [1] } });
    await s.consumer.deliver(1, [], { topic: 'users', lastOffset: '-1' });
    expect(s.runner.stats().partitions.map((p) => p.partition)).toEqual([1]);
  });

  test('an empty assignment asks the cluster nothing', async () => {
    const s = await setup(1);
    await s.consumer.deliver(0, [ann(s.registry, 0)], { topic: 'users' });
    s.kafka.adminCalls.length = 0;
    s.consumer.emit(s.consumer.events.GROUP_JOIN, { memberAssignment: {} });
    await s.consumer.deliver(0, [], { topic: 'users', lastOffset: '0' });
    expect(s.kafka.adminCalls).toEqual([]);
    expect(s.runner.stats().partitions).toEqual([]);
  });

  test('without onCrash and onRestored hooks it runs all the same', async () => {
    const registry = await preparedRegistry(users as never, userEvents as never);
    const kafka = new FakeKafka();
    for (const t of ['users', 'user-events', 'enriched']) kafka.topics.set(t, 1);
    kafka.offsets.set('users', [{ partition: 0, low: '0', high: '0' }]);
    const runner = createJoin(kafka.asKafka(), join, fn, { registry });
    await runner.stop();
    await runner.start();
    const consumer = kafka.theConsumer;
    expect(() => consumer.crash(new Error('x'), true)).not.toThrow();
    consumer.emit(consumer.events.GROUP_JOIN, { memberAssignment: { users: [0], 'user-events': [0] } });
    await consumer.deliver(0, [], { topic: 'users', lastOffset: '-1' });
    expect(runner.stats().partitions).toMatchObject([{ phase: 'live' }]);
  });

  test('a stream read beside its table with another key schema is refused at start', async () => {
    const registry = await preparedRegistry(users as never, opinions as never);
    const kafka = new FakeKafka();
    for (const t of ['users', 'opinions', 'enriched']) kafka.topics.set(t, 1);
    const odd = defineStreamTableJoin({ name: 'odd', owner: 'o', mode: 'left', stream: opinions, table: users, output: opinions, match: (k: string) => ({ userId: k }) });
    await expect(createJoin(kafka.asKafka(), odd, () => null, { registry }).start()).rejects.toMatchObject({ code: 'JOIN_NOT_COPARTITIONED', message: expect.stringMatching(/^join odd: users frames its keys with schema id \d+ \(subject users-key\) and opinions with/) });
  });

  test('a failed send commits nothing and fails the batch', async () => {
    const s = await setup(0);
    const producer = s.kafka.producers[0]!;
    producer.send = async () => { throw new Error('broker gone'); };
    await s.consumer.deliver(0, [ann(s.registry, 0)], { topic: 'users' });
    const before = s.consumer.commits.length;
    await expect(s.consumer.deliver(0, [event(s.registry, 0, 'hi')], { topic: 'user-events' })).rejects.toThrow('broker gone');
    expect(s.consumer.commits).toHaveLength(before);
    expect(s.runner.stats().outputRecords).toBe(0);
  });

  test('refuses to start when a topic is missing or the inputs are not co-partitioned', async () => {
    const registry = await preparedRegistry(users as never, userEvents as never, enriched as never);
    const kafka = new FakeKafka();
    kafka.topics.set('users', 2);
    await expect(createJoin(kafka.asKafka(), join, fn, { registry }).start()).rejects.toMatchObject({ code: 'TOPIC_MISSING' });
    kafka.topics.set('user-events', 3);
    kafka.topics.set('enriched', 2);
    await expect(createJoin(kafka.asKafka(), join, fn, { registry }).start()).rejects.toMatchObject({ code: 'JOIN_NOT_COPARTITIONED' });
  });

  test('stop leaves the group and disconnects', async () => {
    const s = await setup(0);
    await s.runner.stop();
    expect(s.consumer.calls.at(-1)).toBe('disconnect');
    expect(s.kafka.producers.every((p) => !p.connected)).toBe(true);
    expect(s.kafka.adminCalls.at(-1)).toBe('disconnect');
  });
});

describe('join engine, exactly-once', () => {
  test('an empty partition goes live without a transaction; stop closes the transactional producers', async () => {
    const s = await setup(0, undefined, 'exactly-once');
    await s.consumer.deliver(1, [], { topic: 'users', lastOffset: '-1' });
    const producer = s.kafka.producers.find((p) => p.config.transactionalId === 'g.0')!;
    expect(producer.transactions).toEqual([['abort']]);
    await s.runner.stop();
    expect(producer.connected).toBe(false);
  });

  test("each batch's outputs and offsets are one transaction of its partition's producer, fenced at the assignment", async () => {
    const s = await setup(1, undefined, 'exactly-once');
    await s.consumer.deliver(0, [ann(s.registry, 0)], { topic: 'users' });
    const producer = s.kafka.producers.find((p) => p.config.transactionalId === 'g.0')!;
    expect(producer.transactions).toEqual([['abort'], ['sendOffsets g users/0@1', 'commit']]);
    await s.consumer.deliver(0, [event(s.registry, 0, 'hi')], { topic: 'user-events' });
    expect(producer.transactions.at(-1)).toEqual(['send enriched', 'sendOffsets g user-events/0@1', 'commit']);
    expect(outputs(s)).toEqual([{ key: { userId: 'ann' }, value: { authorId: 'ann', text: 'hi by Ann' } }]);
    expect(s.runner.stats().outputRecords).toBe(1);
    expect(s.consumer.commits).toEqual([]);
  });

  test('after a failed transaction every batch is refused until the group is joined again and the partition restored', async () => {
    const s = await setup(1, undefined, 'exactly-once');
    await s.consumer.deliver(0, [ann(s.registry, 0)], { topic: 'users' });
    s.kafka.producers.find((p) => p.config.transactionalId === 'g.0')!.transactionFailures.push(new Error('fenced'));
    await expect(s.consumer.deliver(0, [event(s.registry, 0, 'hi')], { topic: 'user-events' })).rejects.toThrow('fenced');
    await expect(s.consumer.deliver(0, [event(s.registry, 0, 'hi')], { topic: 'user-events' })).rejects.toMatchObject({
      code: 'JOIN_TRANSACTION_FAILED',
      message: 'join enrich: the transaction of partition 0 failed (fenced): aborted; the join restores its partitions when the group is joined again',
      cause: expect.objectContaining({ message: 'fenced' }),
    });
    s.consumer.emit(s.consumer.events.GROUP_JOIN, { memberAssignment: { users: [0], 'user-events': [0] } });
    await s.consumer.deliver(0, [ann(s.registry, 0)], { topic: 'users' });
    expect(s.runner.stats().partitions).toEqual([{ partition: 0, phase: 'live', rows: 1, related: 0, lag: 0 }]);
    await s.consumer.deliver(0, [event(s.registry, 0, 'hi')], { topic: 'user-events' });
    expect(outputs(s)).toEqual([{ key: { userId: 'ann' }, value: { authorId: 'ann', text: 'hi by Ann' } }]);
  });

  test('a transaction of an earlier assignment that fails after a new one does not stop the join', async () => {
    const s = await setup(1, undefined, 'exactly-once');
    await s.consumer.deliver(0, [ann(s.registry, 0)], { topic: 'users' });
    // The next transaction of the first assignment's producer waits in its send until released, then fails.
    const old = s.kafka.producers.find((p) => p.config.transactionalId === 'g.0')!;
    let release!: () => void;
    let sending!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const sent = new Promise<void>((resolve) => (sending = resolve));
    const begin = old.transaction.bind(old);
    old.transaction = async () => ({
      ...(await begin()),
      send: () => {
        sending();
        return gate.then(() => Promise.reject(new Error('fenced by the new holder')));
      },
    });
    const inFlight = s.consumer.deliver(0, [event(s.registry, 0, 'hi')], { topic: 'user-events' });
    await sent;
    s.consumer.emit(s.consumer.events.GROUP_JOIN, { memberAssignment: { users: [0], 'user-events': [0] } });
    await new Promise((resolve) => setTimeout(resolve, 0));
    release();
    await expect(inFlight).rejects.toThrow('fenced by the new holder');
    // The new assignment restores the partition and joins: the old generation's failure is not its own.
    await s.consumer.deliver(0, [ann(s.registry, 0)], { topic: 'users' });
    await s.consumer.deliver(0, [event(s.registry, 0, 'hi')], { topic: 'user-events' });
    expect(outputs(s)).toEqual([{ key: { userId: 'ann' }, value: { authorId: 'ann', text: 'hi by Ann' } }]);
  });
});
