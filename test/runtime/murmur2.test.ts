/**
 * Key partitioning against the Java client. Hash vectors: Kafka's own `UtilsTest.testMurmur2`
 * (clients/src/test/java/org/apache/kafka/common/utils/UtilsTest.java) and the values kafkajs generated with Kafka's
 * `Utils.murmur2` (src/producer/partitioners/default/Test.java). Partitions: Java's `toPositive(murmur2(key)) % n`,
 * checked against kafkajs v2's DefaultPartitioner, which kafkajs documents as Java-compatible.
 */
import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { Partitioners, type PartitionerArgs } from 'kafkajs';
import { JavaCompatiblePartitioner, murmur2, partitionForKey, toPositive } from '../../runtime/kafka/partition.js';
import { prng as rng } from '../../bench/codegen/synthetic-corpus.js';

const require = createRequire(import.meta.url);
const kafkajsMurmur2 = require('kafkajs/src/producer/partitioners/default/murmur2.js') as (key: Buffer) => number;

const bytes = (s: string): Buffer => Buffer.from(s, 'utf8');

/** Kafka UtilsTest.testMurmur2. */
const KAFKA_UTILS_TEST: Array<[Uint8Array, number]> = [
  [bytes('21'), -973932308],
  [bytes('foobar'), -790332482],
  [bytes('a-little-bit-long-string'), -985981536],
  [bytes('a-little-bit-longer-string'), -1486304829],
  [bytes('lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8'), -58897971],
  [new Uint8Array([0x61, 0x62, 0x63]), 479470107],
];

/** Utils.murmur2 of the UTF-8 bytes of each string (kafkajs Test.java output). */
const JAVA_GENERATED: Record<string, number> = {
  '0': 971027396,
  '1': -1993445489,
  '128': -326012175,
  '2187': -1508407203,
  '16384': -325739742,
  '78125': -1654490814,
  '279936': 1462227128,
  '823543': -2014198330,
  '2097152': 607668903,
  '4782969': -1182699775,
  '10000000': -1830336757,
  '19487171': -1603849305,
  '35831808': -857013643,
  '62748517': -1167431028,
  '105413504': -381294639,
  '170859375': -1658323481,
  '100:48069': 1009543857,
};

function kafkajsPartition(key: Buffer, n: number): number {
  const partitionMetadata = Array.from({ length: n }, (_, partitionId) => ({ partitionId, leader: 1, replicas: [1], isr: [1], partitionErrorCode: 0 }));
  const args = { topic: 't', partitionMetadata, message: { key, value: null } } as unknown as PartitionerArgs;
  return Partitioners.DefaultPartitioner()(args);
}

describe('murmur2 (Kafka Utils.murmur2)', () => {
  test.each(KAFKA_UTILS_TEST.map(([k, h]) => [Buffer.from(k).toString('latin1'), k, h] as const))('UtilsTest %s', (_, key, hash) => {
    expect(murmur2(key)).toBe(hash);
  });

  test.each(Object.entries(JAVA_GENERATED))('Java-generated "%s"', (key, hash) => {
    expect(murmur2(bytes(key))).toBe(hash);
  });

  test('agrees with kafkajs on 2,000 seeded random keys of 0..80 bytes (every tail length)', () => {
    const rand = rng(7);
    for (let i = 0; i < 2000; i++) {
      const key = Buffer.from(Array.from({ length: Math.floor(rand() * 81) }, () => Math.floor(rand() * 256)));
      expect(murmur2(key)).toBe(kafkajsMurmur2(key));
    }
  });

  test('toPositive clears the sign bit as Java does (not Math.abs)', () => {
    expect(toPositive(-2147483648)).toBe(0);
    expect(toPositive(-1)).toBe(0x7fffffff);
    expect(toPositive(-973932308)).toBe(-973932308 & 0x7fffffff);
    expect(toPositive(5)).toBe(5);
  });
});

describe('partitionForKey (Java default partitioner)', () => {
  const all = [...KAFKA_UTILS_TEST.map(([k]) => Buffer.from(k)), ...Object.keys(JAVA_GENERATED).map(bytes)];

  test('toPositive(murmur2(key)) % n on the Java vectors, for 1..12 partitions', () => {
    for (const [key, hash] of [...KAFKA_UTILS_TEST, ...Object.entries(JAVA_GENERATED).map(([k, h]) => [bytes(k), h] as const)]) {
      for (let n = 1; n <= 12; n++) expect(partitionForKey(key, n)).toBe((hash & 0x7fffffff) % n);
    }
  });

  test('the same partitions as kafkajs v2 DefaultPartitioner', () => {
    for (const key of all) for (const n of [1, 3, 6, 7, 12, 100]) expect(partitionForKey(key, n)).toBe(kafkajsPartition(key, n));
  });

  test('the kafkajs partitioner: an explicit partition wins, a key is hashed, no key goes round-robin', () => {
    const partitionMetadata = [0, 1, 2].map((partitionId) => ({ partitionId, leader: 1, replicas: [1], isr: [1], partitionErrorCode: 0 }));
    const pick = JavaCompatiblePartitioner();
    const call = (message: object): number => pick({ topic: 't', partitionMetadata, message } as unknown as PartitionerArgs);
    expect(call({ key: bytes('21'), partition: 2 })).toBe(2);
    expect(call({ key: bytes('21') })).toBe(partitionForKey(bytes('21'), 3));
    expect(call({ key: '21' })).toBe(partitionForKey(bytes('21'), 3));
    const spread = new Set(Array.from({ length: 6 }, () => call({ key: null })));
    expect(spread).toEqual(new Set([0, 1, 2]));
  });
});
