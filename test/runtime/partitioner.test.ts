/**
 * The partitioner every unilog producer gives kafkajs, called as kafkajs calls it: an explicit partition wins, a key
 * (bytes or string) is hashed as the Java client does, a record without a key goes round-robin over the partitions
 * with a leader. The hash itself is in murmur2.test.ts.
 */
import { describe, expect, test } from 'vitest';
import type { Message, PartitionMetadata } from 'kafkajs';
import { JavaCompatiblePartitioner, partitionForKey } from '../../runtime/index.js';
import { pinningPartitioner } from '../../runtime/kafka/acknowledged-send.js';

/** Partitions 0..n-1, led by the given brokers (-1: no leader; 0 is a broker id like any other). */
const metadata = (...leaders: number[]): PartitionMetadata[] =>
  leaders.map((leader, partitionId) => ({ partitionId, leader, partitionErrorCode: 0, replicas: [1], isr: [1] }));
const partitioner = () => {
  const pick = JavaCompatiblePartitioner();
  return (message: Message, partitionMetadata = metadata(1, 1, 1)) => pick({ topic: 't', partitionMetadata, message });
};

describe('Java-compatible partitioner', () => {
  test('an explicit partition wins; a null one is no choice, the key decides', () => {
    const pick = partitioner();
    const key = Buffer.from('k');
    expect(pick({ key, value: null, partition: (partitionForKey(key, 3) + 1) % 3 })).toBe((partitionForKey(key, 3) + 1) % 3);
    expect(pick({ key, value: null, partition: null as unknown as number })).toBe(partitionForKey(key, 3));
  });

  test('a string key lands where its UTF-8 bytes do', () => {
    const pick = partitioner();
    const keys = ['a', 'b', 'c', 'd', 'é'];
    expect(keys.map((k) => pick({ key: k, value: null }, metadata(1, 1, 1, 1, 1)))).toEqual(keys.map((k) => partitionForKey(Buffer.from(k), 5)));
    expect(new Set(keys.map((k) => partitionForKey(Buffer.from(k), 5))).size).toBeGreaterThan(1);
  });

  test('keyless records go round-robin, in partition order, over the partitions with a leader (broker 0 included)', () => {
    const pick = partitioner();
    const picks = Array.from({ length: 6 }, () => pick({ key: null, value: null }, metadata(0, -1, 2, 3)));
    const start = [0, 2, 3].indexOf(picks[0]!);
    expect(picks).toEqual(Array.from({ length: 6 }, (_, i) => [0, 2, 3][(start + i) % 3]));
  });

  test('a message with no key at all (kafkajs allows leaving it out) is keyless: round-robin', () => {
    const pick = partitioner();
    const picks = Array.from({ length: 3 }, () => pick({ value: null }));
    expect(new Set(picks)).toEqual(new Set([0, 1, 2]));
  });

  test('keyless records, no partition with a leader: round-robin over all of them', () => {
    const pick = partitioner();
    const picks = Array.from({ length: 3 }, () => pick({ key: null, value: null }, metadata(-1, -1, -1)));
    expect(new Set(picks)).toEqual(new Set([0, 1, 2]));
  });

  test('each producer starts its round-robin at a random partition, so producers do not all start on the same one', () => {
    const firsts = Array.from({ length: 30 }, () => partitioner()({ key: null, value: null }, metadata(1, 1, 1, 1, 1, 1, 1, 1)));
    expect(new Set(firsts).size).toBeGreaterThan(1);
  });
});

describe('pinning partitioner', () => {
  test('the partition picked is written on the message, so a resend goes there even when the metadata changed; a null partition is picked', () => {
    const pick = pinningPartitioner(JavaCompatiblePartitioner)();
    const message: Message = { key: null, value: null, partition: null as unknown as number };
    const first = pick({ topic: 't', partitionMetadata: metadata(1, 1, 1), message });
    expect(message.partition).toBe(first);
    expect([0, 1, 2]).toContain(first);
    expect(pick({ topic: 't', partitionMetadata: metadata(1, 1, 1, 1, 1, 1), message })).toBe(first);
  });
});
