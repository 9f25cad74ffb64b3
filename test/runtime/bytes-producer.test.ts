/**
 * The producer of serialised records through an in-process fake of `Kafka` (the wire behaviour is in
 * test/integration/rest-proxy.test.ts): the typed producer's kafkajs settings, and where each record of a batch landed.
 */
import { describe, expect, test } from 'vitest';
import type { Kafka, PartitionerArgs, ProducerConfig, ProducerRecord } from 'kafkajs';
import { createBytesProducer, partitionForKey } from '../../runtime/index.js';
import { FakeKafka } from './fake-kafka.js';

function fakeKafka() {
  const configs: ProducerConfig[] = [];
  const kafka = {
    producer: (config: ProducerConfig) => {
      configs.push(config);
      const partitioner = config.createPartitioner?.();
      const partitionMetadata = [0, 1, 2].map((partitionId) => ({ partitionId, leader: 1, partitionErrorCode: 0, replicas: [1], isr: [1] }));
      return {
        connect: async () => undefined,
        disconnect: async () => undefined,
        send: async (r: ProducerRecord) => {
          const partitions = new Set(r.messages.map((message) => partitioner!({ topic: r.topic, partitionMetadata, message } as PartitionerArgs)));
          // Partition p's batch starts at offset 100·p + 7.
          return [...partitions].map((partition) => ({ topicName: r.topic, partition, errorCode: 0, baseOffset: String(100 * partition + 7) }));
        },
      };
    },
  } as unknown as Kafka;
  return { kafka, configs };
}

describe('bytes producer', () => {
  test('the typed producer’s settings: idempotent, one request in flight, no topic auto-creation', () => {
    const { kafka, configs } = fakeKafka();
    createBytesProducer(kafka);
    expect(configs).toEqual([{ allowAutoTopicCreation: false, maxInFlightRequests: 1, idempotent: true, createPartitioner: expect.any(Function) }]);
  });

  test('sendWithOffsets: each record at its partition’s base offset plus its rank there, in the order given', async () => {
    const { kafka } = fakeKafka();
    const producer = createBytesProducer(kafka);
    const key = Buffer.from('k');
    const keyed = partitionForKey(key, 3);
    const other = (keyed + 1) % 3;
    const offsets = await producer.sendWithOffsets('t', [
      { key, value: Buffer.from('a') },
      { key: null, value: Buffer.from('b'), partition: other },
      { key, value: Buffer.from('c') },
      { key, value: null, partition: other },
    ]);
    expect(offsets).toEqual([
      { partition: keyed, offset: String(100 * keyed + 7) },
      { partition: other, offset: String(100 * other + 7) },
      { partition: keyed, offset: String(100 * keyed + 8) },
      { partition: other, offset: String(100 * other + 8) },
    ]);
  });

  test('acks 0 says nothing about where records landed', async () => {
    const { kafka } = fakeKafka();
    const producer = createBytesProducer(kafka, { acks: 0, idempotent: false });
    await expect(producer.sendWithOffsets('t', [{ key: null, value: null }])).rejects.toMatchObject({ code: 'INVALID_CONFIG' });
  });

  test('a large batch goes to kafkajs in sends of at most 2,000 records; offsets stay exact across them', async () => {
    // A log per partition: each send appends, and its result gives each partition's first offset in it.
    const sizes: number[] = [];
    const ends = [0, 0, 0];
    const kafka = {
      producer: (config: ProducerConfig) => {
        const partitioner = config.createPartitioner!();
        const partitionMetadata = [0, 1, 2].map((partitionId) => ({ partitionId, leader: 1, partitionErrorCode: 0, replicas: [1], isr: [1] }));
        return {
          connect: async () => undefined,
          disconnect: async () => undefined,
          send: async (r: ProducerRecord) => {
            sizes.push(r.messages.length);
            const base = new Map<number, number>();
            for (const message of r.messages) {
              const p = partitioner({ topic: r.topic, partitionMetadata, message } as PartitionerArgs);
              if (!base.has(p)) base.set(p, ends[p]!);
              ends[p]!++;
            }
            return [...base].map(([partition, offset]) => ({ topicName: r.topic, partition, errorCode: 0, baseOffset: String(offset) }));
          },
        };
      },
    } as unknown as Kafka;
    const producer = createBytesProducer(kafka);
    const records = Array.from({ length: 4_500 }, (_, i) => ({ key: null, value: Buffer.from(String(i)), partition: i % 3 }));

    const offsets = await producer.sendWithOffsets('t', records);
    expect(sizes).toEqual([2_000, 2_000, 500]);
    expect(offsets.slice(0, 4)).toEqual([{ partition: 0, offset: '0' }, { partition: 1, offset: '0' }, { partition: 2, offset: '0' }, { partition: 0, offset: '1' }]);
    expect(offsets.at(-1)).toEqual({ partition: 4_499 % 3, offset: String(Math.floor(4_499 / 3)) });
    expect(new Set(offsets.map((o) => `${o.partition}@${o.offset}`)).size).toBe(4_500);

    sizes.length = 0;
    expect(await producer.send('t', records)).toEqual([0, 1, 2].map((partition) => ({ partition, baseOffset: '1500' })));
    expect(sizes).toEqual([2_000, 2_000, 500]);
  });

  test('a timestamp is sent as its milliseconds; without one the broker’s clock decides', async () => {
    const kafka = new FakeKafka();
    await createBytesProducer(kafka.asKafka()).send('t', [{ key: null, value: null, partition: 0, timestamp: 1_700_000_000_123 }, { key: null, value: null, partition: 0 }]);
    expect(kafka.producers[0]!.sent[0]!.messages.map((m) => m.timestamp)).toEqual(['1700000000123', undefined]);
  });

  test('an idempotent producer with acks 1 is refused: INVALID_CONFIG', () => {
    expect(() => createBytesProducer(new FakeKafka().asKafka(), { acks: 1 })).toThrow("producer 'bytes': an idempotent producer needs acks -1 (all), found 1");
  });

  test('sendWithOffsets with acks 0 says why it cannot answer', async () => {
    const producer = createBytesProducer(new FakeKafka().asKafka(), { acks: 0, idempotent: false });
    await expect(producer.sendWithOffsets('t', [])).rejects.toThrow('sendWithOffsets needs acks -1 or 1: with acks 0 nothing says where a record landed');
  });

  test('no records: both sends answer [] without connecting (no broker needed)', async () => {
    const kafka = new FakeKafka();
    const producer = createBytesProducer(kafka.asKafka());
    kafka.producers[0]!.failConnects.push(new Error('broker down'), new Error('broker down'));
    expect(await producer.send('t', [])).toEqual([]);
    expect(await producer.sendWithOffsets('t', [])).toEqual([]);
    expect(kafka.producers[0]!.sent).toEqual([]);
  });

  test('a failed connect is tried again by the next send; after disconnect the next send connects again', async () => {
    const kafka = new FakeKafka();
    const producer = createBytesProducer(kafka.asKafka());
    const fake = kafka.producers[0]!;
    fake.failConnects.push(new Error('broker down'));
    const record = { key: null, value: Buffer.from('v'), partition: 0 };
    await expect(producer.send('t', [record])).rejects.toThrow('broker down');
    expect(await producer.sendWithOffsets('t', [record])).toEqual([{ partition: 0, offset: '0' }]);
    await producer.disconnect();
    expect(fake.connected).toBe(false);
    expect(await producer.send('t', [record])).toEqual([{ partition: 0, baseOffset: '1' }]);
  });

  test('exactly 4,000 records: two kafkajs sends, no empty third one', async () => {
    const kafka = new FakeKafka();
    const records = Array.from({ length: 4_000 }, () => ({ key: null, value: null, partition: 0 }));
    await createBytesProducer(kafka.asKafka()).send('t', records);
    expect(kafka.producers[0]!.sent.map((s) => s.messages.length)).toEqual([2_000, 2_000]);
  });

  test('over several kafkajs sends, the answer still lists each partition once, in partition order, at its first offset', async () => {
    const kafka = new FakeKafka();
    kafka.topics.set('t', 3);
    const on = (partition: number, n: number) => Array.from({ length: n }, () => ({ key: null, value: null, partition }));
    const acks = await createBytesProducer(kafka.asKafka()).send('t', [...on(2, 2_000), ...on(0, 1), ...on(1, 1), ...on(2, 1)]);
    expect(acks).toEqual([
      { partition: 0, baseOffset: '0' },
      { partition: 1, baseOffset: '0' },
      { partition: 2, baseOffset: '0' },
    ]);
  });
});
