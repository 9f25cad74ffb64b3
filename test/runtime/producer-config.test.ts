/**
 * What the typed producer asks of kafkajs, seen through an in-process fake of `Kafka` (the wire behaviour is in
 * test/integration/runtime-roundtrip.test.ts): idempotent, acks=all, Java-compatible partitioner, framed bytes.
 */
import { describe, expect, test } from 'vitest';
import type { Kafka, PartitionerArgs, ProducerConfig, ProducerRecord } from 'kafkajs';
import { createCodec, createConsumer, createProducer, createSchemaRegistry, defineTopic, partitionForKey } from '../../runtime/index.js';
import { FakeRegistry } from './fake-registry.js';

const topic = defineTopic({
  name: 'orders',
  key: createCodec<string>('string'),
  value: createCodec<number>('int'),
  visibility: 'shared',
  owner: 'o',
  partitions: 3,
  cleanupPolicy: 'delete',
  compatibility: 'BACKWARD',
});

function fakeKafka() {
  const configs: ProducerConfig[] = [];
  const sends: ProducerRecord[] = [];
  const kafka = {
    producer: (config: ProducerConfig) => {
      configs.push(config);
      const partitioner = config.createPartitioner?.();
      const partitionMetadata = [0, 1, 2].map((partitionId) => ({ partitionId, leader: 1, partitionErrorCode: 0, replicas: [1], isr: [1] }));
      return {
        connect: async () => undefined,
        disconnect: async () => undefined,
        // As kafkajs: the partitioner picks each message's partition; the result has one entry per partition.
        send: async (r: ProducerRecord) => {
          sends.push(r);
          const partitions = new Set(r.messages.map((message) => partitioner!({ topic: r.topic, partitionMetadata, message } as PartitionerArgs)));
          return [...partitions].map((partition) => ({ topicName: r.topic, partition, errorCode: 0, baseOffset: '7' }));
        },
      };
    },
  } as unknown as Kafka;
  return { kafka, configs, sends };
}

describe('typed producer configuration', () => {
  test('idempotent, one request in flight, acks -1, the Java-compatible partitioner, no topic auto-creation', async () => {
    const { kafka, configs, sends } = fakeKafka();
    const fake = new FakeRegistry();
    const producer = createProducer(kafka, topic, { registry: createSchemaRegistry({ url: fake.base, fetch: fake.fetch }) });
    expect(configs).toEqual([{ allowAutoTopicCreation: false, maxInFlightRequests: 1, idempotent: true, createPartitioner: expect.any(Function) }]);
    // The Java-compatible key partitioning; the partition picked is pinned on the message (for resends).
    const partition = partitionForKey(topic.key.encodeFramed('k', 100), 3);
    expect(await producer.send({ key: 'k', value: 5, headers: { h: 'v' }, timestamp: new Date(1000) })).toEqual({ partition, baseOffset: '7' });
    expect(sends).toEqual([
      {
        topic: 'orders',
        acks: -1,
        compression: undefined,
        timeout: undefined,
        messages: [{ key: topic.key.encodeFramed('k', 100), value: topic.value.encodeFramed(5, 101), headers: { h: 'v' }, partition, timestamp: '1000' }],
      },
    ]);
  });

  test('acks other than -1 need idempotent: false', () => {
    const { kafka, configs } = fakeKafka();
    const registry = createSchemaRegistry({ url: 'http://r' });
    expect(() => createProducer(kafka, topic, { registry, acks: 1 })).toThrow(
      expect.objectContaining({ code: 'INVALID_CONFIG', message: "producer 'orders': an idempotent producer needs acks -1 (all), found 1" }),
    );
    createProducer(kafka, topic, { registry, acks: 1, idempotent: false, producerConfig: { maxInFlightRequests: 5 } });
    expect(configs.at(-1)).toMatchObject({ idempotent: false, maxInFlightRequests: 5 });
  });

  test('a consumer needs a group id', () => {
    const { kafka } = fakeKafka();
    expect(() => createConsumer(kafka, topic, { groupId: '', registry: createSchemaRegistry({ url: 'http://r' }), handler: () => undefined })).toThrow(
      expect.objectContaining({ code: 'INVALID_CONFIG' }),
    );
  });
});
