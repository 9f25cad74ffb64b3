/**
 * Exactly-once's transactional producers (runtime/join/partition-transactions.ts, docs/joins.md § Guarantees), over the
 * kafkajs fake: one producer per partition under a stable transactional id, fenced before use; a batch's records and
 * offsets in one transaction, aborted on any failure.
 */
import { describe, expect, test } from 'vitest';
import { PartitionTransactions } from '../../runtime/join/partition-transactions.js';
import { FakeKafka } from '../runtime/fake-kafka.js';

const offsets = { consumerGroupId: 'g', topics: [{ topic: 'in', partitions: [{ partition: 2, offset: '10' }] }] };
const sends = [{ topic: 'out', messages: [{ key: Buffer.from('k'), value: Buffer.from('v'), partition: 2 }] }];

describe('partition transactions', () => {
  test('fence: a producer with the partition\'s transactional id, registered by an empty transaction', async () => {
    const kafka = new FakeKafka();
    const txns = new PartitionTransactions(kafka.asKafka(), 'g.join', 30_000);
    expect(txns.transactionalId(2)).toBe('g.join.2');
    expect(txns.has(2)).toBe(false);
    await txns.fence(2);
    const [producer] = kafka.producers;
    expect(producer!.config).toMatchObject({ transactionalId: 'g.join.2', transactionTimeout: 30_000, idempotent: true });
    expect(producer!.connected).toBe(true);
    expect(producer!.transactions).toEqual([['abort']]);
    expect(txns.has(2)).toBe(true);
  });

  test('commit: the records, then the offsets, then commit, in one transaction', async () => {
    const kafka = new FakeKafka();
    const txns = new PartitionTransactions(kafka.asKafka(), 'g', 60_000);
    await txns.fence(2);
    await txns.commit(2, sends, offsets);
    const producer = kafka.producers[0]!;
    expect(producer.transactions[1]).toEqual(['send out', 'sendOffsets g in/2@10', 'commit']);
    expect(producer.sent.at(-1)).toMatchObject({ topic: 'out', acks: -1, messages: [{ partition: 2 }] });
  });

  test('a failed send aborts the transaction and drops the producer: the partition must be fenced again', async () => {
    const kafka = new FakeKafka();
    const txns = new PartitionTransactions(kafka.asKafka(), 'g', 60_000);
    await txns.fence(2);
    const producer = kafka.producers[0]!;
    producer.transactionFailures.push(new Error('fenced'));
    await expect(txns.commit(2, sends, offsets)).rejects.toThrow('fenced');
    expect(producer.transactions[1]).toEqual(['send out', 'abort']);
    expect(producer.connected).toBe(false);
    expect(txns.has(2)).toBe(false);
    await expect(txns.commit(2, sends, offsets)).rejects.toThrow('no transactional producer for partition 2: fence it first');
  });

  test('a transaction that fails after the partition was fenced anew leaves the new producer in place', async () => {
    const kafka = new FakeKafka();
    const txns = new PartitionTransactions(kafka.asKafka(), 'g', 60_000);
    await txns.fence(2);
    const old = kafka.producers[0]!;
    // A new assignment fences partition 2 while the old producer's transaction is sending.
    old.send = async () => {
      await txns.fence(2);
      throw new Error('fenced');
    };
    await expect(txns.commit(2, sends, offsets)).rejects.toThrow('fenced');
    expect(txns.has(2)).toBe(true);
    expect(kafka.producers.map((p) => p.connected)).toEqual([false, true]);
    await txns.commit(2, sends, offsets);
    expect(kafka.producers[1]!.transactions.at(-1)).toEqual(['send out', 'sendOffsets g in/2@10', 'commit']);
  });

  test('fencing again replaces the producer; holdOnly keeps the given partitions fenced anew and drops the others; close drops all', async () => {
    const kafka = new FakeKafka();
    const txns = new PartitionTransactions(kafka.asKafka(), 'g', 60_000);
    await txns.fence(0);
    await txns.fence(0);
    expect(kafka.producers.map((p) => p.connected)).toEqual([false, true]);
    await txns.fence(1);
    await txns.holdOnly([1, 2]);
    expect([0, 1, 2].map((p) => txns.has(p))).toEqual([false, true, true]);
    // The two fenced in parallel: their producers are created in either order.
    expect(kafka.producers.map((p) => `${String(p.config.transactionalId)} ${p.connected}`).sort()).toEqual(['g.0 false', 'g.0 false', 'g.1 false', 'g.1 true', 'g.2 true']);
    await txns.close();
    expect(kafka.producers.some((p) => p.connected)).toBe(false);
    expect([1, 2].map((p) => txns.has(p))).toEqual([false, false]);
  });
});
