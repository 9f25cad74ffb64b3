/**
 * The typed producer resolves only for acknowledged records. The fake below sends as kafkajs 2.2.4 does (the
 * producer's partitioner picks each message's partition, the result has one entry per partition a broker answered
 * for) and can leave partitions out of a result, as kafkajs does when a leader moves to a broker that already
 * answered (tulios/kafkajs#1303). The real failover is in test/fault/producer-failover.test.ts.
 */
import { describe, expect, test } from 'vitest';
import type { Kafka, Message, PartitionerArgs, ProducerConfig, ProducerRecord, RecordMetadata } from 'kafkajs';
import { createCodec, createProducer, createSchemaRegistry, defineTopic, partitionForKey, type UnilogError } from '../../runtime/index.js';
import { Registry } from 'prom-client';
import { producerResends } from '../../runtime/service/metrics/framework-metrics.js';
import { FakeRegistry } from './fake-registry.js';

const topic = defineTopic({
  name: 'orders',
  key: createCodec<string>('string'),
  value: createCodec<number>('int'),
  visibility: 'shared',
  owner: 'o',
  partitions: 4,
  cleanupPolicy: 'delete',
  compatibility: 'BACKWARD',
});

interface Attempt {
  /** Partition of each message sent, in order, with its value bytes. */
  readonly messages: Array<{ partition: number; value: Buffer }>;
  /** What the send answered for: the partitions in the result. */
  readonly answered: number[];
}

/**
 * `drop(attempt)` names the partitions the result of attempt n (0-based) leaves out; `partitionCount(attempt)` is the
 * metadata the partitioner sees; `fail(attempt)` makes the attempt throw.
 */
function kafkajsLikeFake(script: { drop?: (n: number) => number[]; partitionCount?: (n: number) => number; fail?: (n: number) => Error | undefined }) {
  const attempts: Attempt[] = [];
  const kafka = {
    producer: (config: ProducerConfig) => {
      const partitioner = config.createPartitioner!();
      return {
        connect: async () => undefined,
        disconnect: async () => undefined,
        send: async (r: ProducerRecord): Promise<RecordMetadata[]> => {
          const n = attempts.length;
          const count = script.partitionCount?.(n) ?? topic.partitions;
          const partitionMetadata = Array.from({ length: count }, (_, partitionId) => ({ partitionId, leader: 1, partitionErrorCode: 0, replicas: [1], isr: [1] }));
          const messages = r.messages.map((message: Message) => ({ partition: partitioner({ topic: r.topic, partitionMetadata, message } as PartitionerArgs), value: message.value as Buffer }));
          const failure = script.fail?.(n);
          const dropped = failure ? [] : (script.drop?.(n) ?? []);
          const answered = failure ? [] : [...new Set(messages.map((m) => m.partition))].filter((p) => !dropped.includes(p));
          attempts.push({ messages, answered });
          if (failure) throw failure;
          return answered.map((partition) => ({ topicName: r.topic, partition, errorCode: 0, baseOffset: String(100 * n + partition) }));
        },
      };
    },
  } as unknown as Kafka;
  return { kafka, attempts };
}

function producerOn(kafka: Kafka, onResend?: (topic: string, records: number) => void) {
  const fake = new FakeRegistry();
  return createProducer(kafka, topic, { registry: createSchemaRegistry({ url: fake.base, fetch: fake.fetch }), ...(onResend ? { onResend } : {}) });
}

const keys = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l'];
const partitionOf = (key: string, count = topic.partitions) => partitionForKey(topic.key.encodeFramed(key, 100), count);
const records = keys.map((key, i) => ({ key, value: i }));
const valueOf = (i: number) => topic.value.encodeFramed(i, 101);

describe('producer acknowledgements', () => {
  test('the keys used below cover every partition (else the tests below prove less)', () => {
    expect(new Set(keys.map((k) => partitionOf(k)))).toEqual(new Set([0, 1, 2, 3]));
  });

  test('sendBatch: a partition left out of the result is sent again, only its records, in order, to the same partition', async () => {
    const lost = partitionOf('a');
    const { kafka, attempts } = kafkajsLikeFake({ drop: (n) => (n === 0 ? [lost] : []) });
    const acks = await producerOn(kafka).sendBatch(records);
    expect(acks).toEqual([0, 1, 2, 3].map((partition) => ({ partition, baseOffset: String(partition === lost ? 100 + partition : partition) })));
    expect(attempts).toHaveLength(2);
    const expected = records.map((r, i) => ({ partition: partitionOf(r.key), value: valueOf(i) })).filter((m) => m.partition === lost);
    expect(expected.length).toBeGreaterThan(1);
    expect(attempts[1]!.messages).toEqual(expected);
  });

  test('every resend is counted in unilog_producer_resends_total{topic}, as a service registers it; a clean send counts nothing', async () => {
    const metrics = new Registry();
    const resends = producerResends(metrics);
    const count = (t: string): void => resends.inc({ topic: t });
    const clean = kafkajsLikeFake({});
    await producerOn(clean.kafka, count).sendBatch(records);
    expect((await metrics.getSingleMetric('unilog_producer_resends_total')!.get()).values).toEqual([]);
    // Two resends: the first result leaves out two partitions, the second result one of them.
    const lossy = kafkajsLikeFake({ drop: (n) => (n === 0 ? [1, 2] : n === 1 ? [2] : []) });
    const heard: number[] = [];
    await producerOn(lossy.kafka, (t, n) => (count(t), heard.push(n))).sendBatch(records);
    expect(lossy.attempts).toHaveLength(3);
    expect(heard).toEqual([records.filter((r) => [1, 2].includes(partitionOf(r.key))).length, records.filter((r) => partitionOf(r.key) === 2).length]);
    expect(await metrics.metrics()).toContain('unilog_producer_resends_total{topic="orders"} 2');
  });

  test('several partitions left out of one result are all sent again, in one resend', async () => {
    const { kafka, attempts } = kafkajsLikeFake({ drop: (n) => (n === 0 ? [1, 2] : []) });
    await producerOn(kafka).sendBatch(records);
    expect(attempts[0]!.answered).toEqual([0, 3].filter((p) => attempts[0]!.messages.some((m) => m.partition === p)));
    expect(attempts[1]!.messages.map((m) => m.partition).sort()).toEqual(records.map((r) => partitionOf(r.key)).filter((p) => p === 1 || p === 2).sort());
  });

  test('send: a record whose partition is missing from the result is sent again; it never resolves as partition -1', async () => {
    const { kafka, attempts } = kafkajsLikeFake({ drop: (n) => (n < 2 ? [partitionOf('a')] : []) });
    expect(await producerOn(kafka).send({ key: 'a', value: 0 })).toEqual({ partition: partitionOf('a'), baseOffset: String(200 + partitionOf('a')) });
    expect(attempts.map((a) => a.messages)).toEqual(Array.from({ length: 3 }, () => [{ partition: partitionOf('a'), value: valueOf(0) }]));
  });

  test('a resend goes to the partition first picked, even when the partition count changed in between', async () => {
    const moved = keys.find((k) => partitionOf(k, 4) !== partitionOf(k, 6))!;
    const { kafka, attempts } = kafkajsLikeFake({ drop: (n) => (n === 0 ? [partitionOf(moved)] : []), partitionCount: (n) => (n === 0 ? 4 : 6) });
    await producerOn(kafka).send({ key: moved, value: 1 });
    expect(attempts.map((a) => a.messages[0]!.partition)).toEqual([partitionOf(moved, 4), partitionOf(moved, 4)]);
  });

  test('still unacknowledged after 3 resends: rejects with SEND_NOT_ACKNOWLEDGED, naming what was and was not written', async () => {
    const { kafka, attempts } = kafkajsLikeFake({ drop: () => [2] });
    const count = records.filter((r) => partitionOf(r.key) === 2).length;
    await expect(producerOn(kafka).sendBatch(records)).rejects.toMatchObject({
      code: 'SEND_NOT_ACKNOWLEDGED',
      retriable: true,
      message: `topic 'orders': ${count} record(s) of partition(s) 2 not acknowledged (still missing from the result after 3 resends); partition(s) 0, 1, 3 were acknowledged, and their records written`,
    });
    expect(attempts).toHaveLength(4);
  });

  test('a resend that throws rejects with SEND_NOT_ACKNOWLEDGED and the cause; a first attempt that throws passes its error through', async () => {
    const broken = new Error('Connection error: ECONNREFUSED');
    const resend = kafkajsLikeFake({ drop: (n) => (n === 0 ? [3] : []), fail: (n) => (n === 1 ? broken : undefined) });
    const error = (await producerOn(resend.kafka).sendBatch(records).catch((e: unknown) => e)) as UnilogError;
    expect([error.code, error.cause]).toEqual(['SEND_NOT_ACKNOWLEDGED', broken]);
    expect(error.message).toContain('partition(s) 3 not acknowledged (the resend failed: Connection error: ECONNREFUSED); partition(s) 0, 1, 2 were acknowledged');

    const first = kafkajsLikeFake({ fail: () => broken });
    await expect(producerOn(first.kafka).sendBatch(records)).rejects.toBe(broken);
    expect(first.attempts).toHaveLength(1);
  });

  test('with acks 0 nothing is checked: sendBatch answers [] and send partition -1', async () => {
    const { kafka, attempts } = kafkajsLikeFake({ drop: () => [0, 1, 2, 3] });
    const fake = new FakeRegistry();
    const producer = createProducer(kafka, topic, { registry: createSchemaRegistry({ url: fake.base, fetch: fake.fetch }), acks: 0, idempotent: false });
    expect(await producer.sendBatch(records)).toEqual([]);
    expect(await producer.send({ key: 'a', value: 1 })).toEqual({ partition: -1, baseOffset: '-1' });
    expect(attempts).toHaveLength(2);
  });
});
