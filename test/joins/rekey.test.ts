/**
 * The re-key step (runtime/join/rekey.ts, docs/joins.md § How it runs), at-least-once, over the kafkajs fake: each
 * source record goes to the via topic under the table key it points at, per side, into the partition that key has in
 * the table, with the source record's framed value unchanged; then the source offset is committed.
 */
import { describe, expect, test, vi } from 'vitest';
import { partitionForKey } from '../../runtime/kafka/partition.js';
import { Rekeyer, type RekeySpec } from '../../runtime/join/rekey.js';
import { viaKeyCodec } from '../../runtime/join/via-record.js';
import type { SchemaRegistry } from '../../runtime/index.js';
import { FakeAdmin, FakeKafka } from '../runtime/fake-kafka.js';
import { connections, message, opinions, preparedRegistry, record, users, via, type ConnectionKey, type Opinion, type UserKey } from './join-fixture.js';

const PARTITIONS = 6;

async function start<SK, SV>(registry: SchemaRegistry, spec: RekeySpec<SK, SV, UserKey>) {
  const kafka = new FakeKafka();
  const crashes: unknown[] = [];
  const rekeyer = new Rekeyer(kafka.asKafka(), spec, registry, 'joiner.rekey', { sessionTimeout: 9_000 }, (e) => void crashes.push(e));
  await rekeyer.start(PARTITIONS);
  const consumer = kafka.theConsumer;
  /** The via records sent, decoded: side, table key, source key, the value bytes, the partition. */
  const sent = () =>
    kafka.producers.flatMap((p) => p.sent).map((s) => ({
      topic: s.topic,
      records: s.messages.map((m) => {
        const k = viaKeyCodec.decode(registry.topicSerdes(via).key.decode(m.key as Buffer));
        const value = m.value === null ? null : registry.topicSerdes(via).value.decode(m.value as Buffer);
        return { side: k.side, tableKey: users.key.decode(k.tableKey), key: k.key, value, partition: m.partition };
      }),
    }));
  return { kafka, consumer, rekeyer, sent, crashes };
}

const partitionOf = (registry: SchemaRegistry, key: UserKey) => partitionForKey(registry.topicSerdes(users).key.encode(key), PARTITIONS);

describe('re-key step', () => {
  const connectionSpec: RekeySpec<ConnectionKey, unknown, UserKey> = {
    source: connections as never, table: users as never, via,
    targets: (k) => [['following', { userId: k.followerId }], ['followers', { userId: k.followeeId }]],
    needsValue: false,
  };

  test('a related row goes to each side under the table key it points at, in that key\'s table partition; then the offset is committed', async () => {
    // The table's key schema id is the re-key step's to resolve at start: a key's partition comes from its framed bytes.
    const registry = await preparedRegistry(connections as never, via as never);
    const { consumer, sent, rekeyer, kafka } = await start(registry, connectionSpec);
    expect(kafka.producers[0]!.connected).toBe(true);
    expect(consumer.calls).toEqual(['connect', 'subscribe', 'run']);
    expect(consumer.config).toMatchObject({ groupId: 'joiner.rekey', sessionTimeout: 9_000 });
    expect(consumer.subscribed).toEqual({ topics: ['connections'], fromBeginning: true });
    expect(consumer.runConfig).toMatchObject({ autoCommit: false });
    const row = record(registry, connections, { followerId: 'ann', followeeId: 'bob' }, { since: 3 });
    await consumer.deliver(2, [{ ...row, offset: '40' }]);
    const keyBody = connections.key.encode({ followerId: 'ann', followeeId: 'bob' });
    expect(sent()).toEqual([{
      topic: 'by-user',
      records: [
        { side: 'following', tableKey: { userId: 'ann' }, key: keyBody, value: row.value, partition: partitionOf(registry, { userId: 'ann' }) },
        { side: 'followers', tableKey: { userId: 'bob' }, key: keyBody, value: row.value, partition: partitionOf(registry, { userId: 'bob' }) },
      ],
    }]);
    expect(partitionOf(registry, { userId: 'ann' })).not.toBe(partitionOf(registry, { userId: 'bob' }));
    expect(consumer.commits).toEqual([{ topic: 'connections', partition: 2, offset: '41' }]);
    expect(rekeyer.records).toBe(1);
  });

  test("a related row's tombstone becomes one tombstone per side; a keyless record is skipped but counted and committed", async () => {
    const registry = await preparedRegistry(users as never, connections as never, via as never);
    const { consumer, sent, rekeyer } = await start(registry, connectionSpec);
    const tombstone = record(registry, connections, { followerId: 'ann', followeeId: 'bob' }, null);
    await consumer.deliver(0, [{ ...message(null, Buffer.from('x')), offset: '7' }, { ...tombstone, offset: '8' }]);
    expect(sent()[0]!.records.map((r) => [r.side, r.tableKey, r.value])).toEqual([['following', { userId: 'ann' }, null], ['followers', { userId: 'bob' }, null]]);
    expect(consumer.commits).toEqual([{ topic: 'connections', partition: 0, offset: '9' }]);
    expect(rekeyer.records).toBe(2);
  });

  test('a stream matched on a value field: the value is decoded for the match; its tombstones go nowhere', async () => {
    const registry = await preparedRegistry(users as never, opinions as never, via as never);
    const seen: Array<[string, Opinion | null]> = [];
    const { consumer, sent } = await start<string, Opinion>(registry, {
      source: opinions as never, table: users as never, via,
      targets: (k, v) => (seen.push([k, v]), [['', { userId: v!.authorId }]]),
      needsValue: true,
    });
    const op = record(registry, opinions, 'op-1', { authorId: 'cid', text: 'hi' });
    await consumer.deliver(1, [{ ...op, offset: '0' }, { ...record(registry, opinions, 'op-2', null), offset: '1' }]);
    expect(seen).toEqual([['op-1', { authorId: 'cid', text: 'hi' }]]);
    expect(sent()[0]!.records).toEqual([{ side: '', tableKey: { userId: 'cid' }, key: opinions.key.encode('op-1'), value: op.value, partition: partitionOf(registry, { userId: 'cid' }) }]);
    expect(consumer.commits).toEqual([{ topic: 'opinions', partition: 1, offset: '2' }]);
  });

  test('a key match that needs no value gets null for a tombstone, the value when there is one', async () => {
    const registry = await preparedRegistry(users as never, connections as never, via as never);
    const seen: unknown[] = [];
    const { consumer } = await start(registry, { ...connectionSpec, targets: (k, v) => (seen.push(v), [['following', { userId: k.followerId }]]) });
    await consumer.deliver(0, [record(registry, connections, { followerId: 'a', followeeId: 'b' }, { since: 1 }), record(registry, connections, { followerId: 'a', followeeId: 'b' }, null)]);
    // needsValue false: the value is never decoded; the via record still carries its bytes.
    expect(seen).toEqual([null, null]);
  });

  test('a record the match cannot handle fails its batch: nothing is sent or committed', async () => {
    const registry = await preparedRegistry(users as never, connections as never, via as never);
    const { consumer, kafka } = await start(registry, { ...connectionSpec, targets: () => { throw new Error('no match'); } });
    await expect(consumer.deliver(0, [record(registry, connections, { followerId: 'a', followeeId: 'b' }, { since: 1 })])).rejects.toThrow('no match');
    expect(kafka.producers[0]!.sent).toEqual([]);
    expect(consumer.commits).toEqual([]);
  });

  test('a failing send commits nothing; stop disconnects the consumer and the producer', async () => {
    const registry = await preparedRegistry(users as never, connections as never, via as never);
    const { kafka, consumer, rekeyer } = await start(registry, connectionSpec);
    const producer = kafka.producers[0]!;
    producer.send = async () => { throw new Error('broker gone'); };
    await expect(consumer.deliver(0, [record(registry, connections, { followerId: 'a', followeeId: 'b' }, { since: 1 })])).rejects.toThrow('broker gone');
    expect(consumer.commits).toEqual([]);
    expect(rekeyer.records).toBe(0);
    await rekeyer.stop();
    expect(consumer.calls.at(-1)).toBe('disconnect');
    expect(producer.connected).toBe(false);
  });
});

describe('re-key step, exactly-once', () => {
  const spec: RekeySpec<ConnectionKey, unknown, UserKey> = {
    source: connections as never, table: users as never, via,
    targets: (k) => [['following', { userId: k.followerId }]],
    needsValue: false,
  };

  async function startExactlyOnce(committed: Array<{ partition: number; offset: string }>) {
    const registry = await preparedRegistry(users as never, connections as never, via as never);
    const kafka = new FakeKafka();
    kafka.committed.set('connections', committed);
    const rekeyer = new Rekeyer(kafka.asKafka(), spec, registry, 'g.rekey', {}, () => undefined, 'exactly-once', 30_000);
    await rekeyer.start(PARTITIONS);
    const row = (offset: number, followerId: string) => ({ ...record(registry, connections, { followerId, followeeId: 'z' }, { since: offset }), offset: String(offset) });
    const producersOf = (p: number) => kafka.producers.filter((x) => x.config.transactionalId === `g.rekey.${p}`);
    return { kafka, consumer: kafka.theConsumer, rekeyer, row, producersOf };
  }

  test("the first batch of an assignment fences the partition, skips what the committed offset covers, and commits its via records with the offset in one transaction", async () => {
    const s = await startExactlyOnce([{ partition: 0, offset: '5' }]);
    await s.consumer.deliver(0, [s.row(4, 'old'), s.row(5, 'new')]);
    const [producer] = s.producersOf(0);
    expect(producer!.config).toMatchObject({ transactionTimeout: 30_000 });
    expect(producer!.transactions).toEqual([['abort'], ['send by-user', 'sendOffsets g.rekey connections/0@6', 'commit']]);
    expect(producer!.sent.flatMap((x) => x.messages)).toHaveLength(1);
    expect(s.consumer.commits).toEqual([]);
    expect(s.rekeyer.records).toBe(2);
    // Later batches use the same producer and skip nothing.
    await s.consumer.deliver(0, [s.row(6, 'next')]);
    expect(s.producersOf(0)).toHaveLength(1);
    expect(producer!.transactions.at(-1)).toEqual(['send by-user', 'sendOffsets g.rekey connections/0@7', 'commit']);
    // A partition without a committed offset starts at its first record.
    await s.consumer.deliver(1, [s.row(0, 'first')]);
    expect(s.producersOf(1)[0]!.transactions).toEqual([['abort'], ['send by-user', 'sendOffsets g.rekey connections/1@1', 'commit']]);
  });

  test('an aborted transaction, a new assignment or a failed fence: the partition is fenced again at its next batch', async () => {
    const s = await startExactlyOnce([{ partition: 0, offset: '0' }]);
    await s.consumer.deliver(0, [s.row(0, 'a')]);
    s.producersOf(0)[0]!.transactionFailures.push(new Error('fenced'));
    await expect(s.consumer.deliver(0, [s.row(1, 'b')])).rejects.toThrow('fenced');
    expect(s.producersOf(0)[0]!.transactions.at(-1)).toEqual(['send by-user', 'abort']);
    await s.consumer.deliver(0, [s.row(1, 'b')]);
    expect(s.producersOf(0).map((p) => p.connected)).toEqual([false, true]);
    s.consumer.emit(s.consumer.events.GROUP_JOIN, { memberAssignment: { connections: [0] } });
    await Promise.resolve();
    expect(s.producersOf(0).every((p) => !p.connected)).toBe(true);
    const failing = vi.spyOn(FakeAdmin.prototype, 'fetchOffsets').mockRejectedValueOnce(new Error('coordinator loading'));
    await expect(s.consumer.deliver(0, [s.row(2, 'c')])).rejects.toThrow('coordinator loading');
    failing.mockRestore();
    await s.consumer.deliver(0, [s.row(2, 'c')]);
    expect(s.producersOf(0)).toHaveLength(4);
    expect(s.producersOf(0)[3]!.transactions).toEqual([['abort'], ['send by-user', 'sendOffsets g.rekey connections/0@3', 'commit']]);
  });

  test('a crash of the consumer is reported with whether kafkajs restarts it; stop disconnects everything', async () => {
    const registry = await preparedRegistry(users as never, connections as never, via as never);
    const kafka = new FakeKafka();
    const crashes: unknown[] = [];
    const rekeyer = new Rekeyer(kafka.asKafka(), spec, registry, 'g.rekey', {}, (e, restart) => void crashes.push([e, restart]), 'exactly-once');
    await rekeyer.start(PARTITIONS);
    const boom = new Error('boom');
    kafka.theConsumer.crash(boom, true);
    expect(crashes).toEqual([[boom, true]]);
    await kafka.theConsumer.deliver(0, [{ ...record(registry, connections, { followerId: 'a', followeeId: 'b' }, { since: 1 }), offset: '0' }]);
    await rekeyer.stop();
    expect(kafka.theConsumer.calls.at(-1)).toBe('disconnect');
    expect(kafka.producers.some((p) => p.connected)).toBe(false);
    expect(kafka.adminCalls).toEqual(['connect', 'fetchOffsets g.rekey connections', 'disconnect']);
  });
});
