/**
 * The typed producer over the in-process kafkajs fake (test/runtime/fake-kafka.ts): what reaches the topic (framed
 * key and value, headers, partition, timestamp), what a send answers, the errors a bad record gives, connecting and
 * disconnecting, and the `send <topic>` span. The real broker is in test/integration/runtime-roundtrip.test.ts.
 */
import { context, propagation, trace } from '@opentelemetry/api';
import { AlwaysOffSampler, InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { afterEach, describe, expect, test } from 'vitest';
import { createCodec, createProducer, createSchemaRegistry, defineTopic, partitionForKey } from '../../runtime/index.js';
import { FakeKafka } from './fake-kafka.js';
import { FakeRegistry } from './fake-registry.js';

const common = { key: createCodec<string>('string'), value: createCodec<number>('int'), visibility: 'shared', owner: 'o', partitions: 3, compatibility: 'BACKWARD' } as const;
const orders = defineTopic({ name: 'orders', cleanupPolicy: 'delete', ...common });
const latest = defineTopic({ name: 'latest', cleanupPolicy: 'compact', ...common });

function setup(topic = orders) {
  const kafka = new FakeKafka();
  kafka.topics.set(topic.name, topic.partitions);
  const registry = new FakeRegistry();
  const producer = createProducer(kafka.asKafka(), topic, { registry: createSchemaRegistry({ url: registry.base, fetch: registry.fetch }) });
  return { kafka, producer, fake: kafka.producers[0]!, registry };
}

const partitionOf = (key: string) => partitionForKey(orders.key.encodeFramed(key, 100), 3);
/** Keys on two different partitions, the first one's lower. */
const [low, high] = ['a', 'b', 'c', 'd', 'e'].sort((x, y) => partitionOf(x) - partitionOf(y)).filter((k, i, all) => i === 0 || partitionOf(k) !== partitionOf(all[0]!));

afterEach(() => {
  trace.disable();
  context.disable();
  propagation.disable();
});

describe('typed producer', () => {
  test('send: the framed key and value go to the key’s partition; the answer is where the record landed', async () => {
    const { producer, fake, kafka } = setup();
    kafka.log('orders', partitionOf('a')).push('earlier record');
    expect(await producer.send({ key: 'a', value: 7 })).toEqual({ partition: partitionOf('a'), baseOffset: '1' });
    expect(fake.sent).toHaveLength(1);
    expect(fake.sent[0]).toMatchObject({ topic: 'orders', acks: -1 });
    expect(fake.sent[0]!.messages).toEqual([
      { key: orders.key.encodeFramed('a', 100), value: orders.value.encodeFramed(7, 101), headers: undefined, partition: partitionOf('a'), timestamp: undefined },
    ]);
  });

  test('sendBatch: one entry per partition written, in partition order, with the offset of its first record', async () => {
    const { producer, fake } = setup();
    const acks = await producer.sendBatch([{ key: high!, value: 1 }, { key: low!, value: 2 }, { key: high!, value: 3 }]);
    expect(acks).toEqual([
      { partition: partitionOf(low!), baseOffset: '0' },
      { partition: partitionOf(high!), baseOffset: '0' },
    ]);
    expect(fake.sent.map((s) => s.messages.length)).toEqual([3]);
    expect(await producer.sendBatch([{ key: high!, value: 4 }])).toEqual([{ partition: partitionOf(high!), baseOffset: '2' }]);
  });

  test('an explicit partition wins over the key; a timestamp is sent as milliseconds, a Date or a number', async () => {
    const { producer, fake } = setup();
    const other = (partitionOf('a') + 1) % 3;
    await producer.sendBatch([
      { key: 'a', value: 1, partition: other, timestamp: new Date(1_700_000_000_123) },
      { key: 'a', value: 2, timestamp: 1_700_000_000_456 },
    ]);
    expect(fake.sent[0]!.messages.map((m) => [m.partition, m.timestamp])).toEqual([
      [other, '1700000000123'],
      [partitionOf('a'), '1700000000456'],
    ]);
  });

  test('sendBatch([]) sends nothing and does not connect', async () => {
    const { producer, fake } = setup();
    fake.failConnects.push(new Error('broker down'));
    expect(await producer.sendBatch([])).toEqual([]);
    expect([fake.sent, fake.connected]).toEqual([[], false]);
  });

  test('a tombstone: refused on a delete topic (TOMBSTONE_NOT_ALLOWED), sent as a null value on a compacted one', async () => {
    const refused = setup();
    await expect(refused.producer.send({ key: 'a', value: null })).rejects.toMatchObject({
      code: 'TOMBSTONE_NOT_ALLOWED',
      message: "topic 'orders': a null value (tombstone) needs cleanup policy 'compact', and this topic's is 'delete'",
    });
    expect(refused.fake.sent).toEqual([]);

    const compacted = setup(latest);
    await compacted.producer.send({ key: 'a', value: null });
    expect(compacted.fake.sent[0]!.messages[0]!.value).toBeNull();
  });

  test('a key or value its codec rejects: INVALID_RECORD naming the record and the side, the codec error as cause; nothing sent', async () => {
    const { producer, fake } = setup();
    const badKey = (await producer.send({ key: 5 as unknown as string, value: 1 }).catch((e: unknown) => e)) as Error & { code: string };
    expect(badKey).toMatchObject({ code: 'INVALID_RECORD', message: expect.stringMatching(/^topic 'orders': key: /) });
    expect(badKey.cause).toMatchObject({ name: 'CodecError' });
    const badValue = (await producer.sendBatch([{ key: 'a', value: 1 }, { key: 'b', value: 'x' as unknown as number }]).catch((e: unknown) => e)) as Error;
    expect(badValue).toMatchObject({ code: 'INVALID_RECORD', message: expect.stringMatching(/^topic 'orders', record 1: value: /) });
    expect(badValue.cause).toMatchObject({ name: 'CodecError' });
    expect(fake.sent).toEqual([]);
  });

  test('an encoder failure that is not a codec error (a getter of the caller’s record throws) passes through as it is', async () => {
    const kafka = new FakeKafka();
    const registry = new FakeRegistry();
    const value = createCodec<{ n: number }>({ type: 'record', name: 'V', fields: [{ name: 'n', type: 'int' }] });
    const events = defineTopic({ ...common, name: 'events', value, cleanupPolicy: 'delete' });
    const producer = createProducer(kafka.asKafka(), events, { registry: createSchemaRegistry({ url: registry.base, fetch: registry.fetch }) });
    const failure = new Error('getter failed');
    const record = Object.defineProperty({}, 'n', { enumerable: true, get: () => { throw failure; } }) as { n: number };
    await expect(producer.send({ key: 'a', value: record })).rejects.toBe(failure);
  });

  test('a failed connect is tried again by the next send', async () => {
    const { producer, fake } = setup();
    const down = new Error('broker down');
    fake.failConnects.push(down);
    await expect(producer.send({ key: 'a', value: 1 })).rejects.toBe(down);
    expect(await producer.send({ key: 'a', value: 1 })).toEqual({ partition: partitionOf('a'), baseOffset: '0' });
  });

  test('once connected, a send reaches kafkajs before its first await (encoding is synchronous)', async () => {
    const { producer, fake } = setup();
    await producer.connect();
    const sending = producer.send({ key: 'a', value: 1 });
    expect(fake.sent).toHaveLength(1);
    await sending;
  });

  test('disconnect disconnects kafkajs; the next send connects again', async () => {
    const { producer, fake } = setup();
    await producer.send({ key: 'a', value: 1 });
    await producer.disconnect();
    expect(fake.connected).toBe(false);
    await producer.send({ key: 'a', value: 2 });
    expect([fake.connected, fake.sent.length]).toEqual([true, 2]);
  });
});

describe('the send span', () => {
  function withSdk(sampled = true) {
    const exporter = new InMemorySpanExporter();
    const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)], ...(sampled ? {} : { sampler: new AlwaysOffSampler() }) });
    provider.register();
    return { exporter, provider };
  }

  test('one record: the partition and offset it landed at; one partition: the partition; several: neither', async () => {
    const { exporter } = withSdk();
    const { producer } = setup();
    await producer.send({ key: low!, value: 1 });
    await producer.sendBatch([{ key: low!, value: 2 }, { key: low!, value: 3 }]);
    await producer.sendBatch([{ key: low!, value: 4 }, { key: high!, value: 5 }]);
    const spans = exporter.getFinishedSpans().filter((s) => s.name === 'send orders');
    const where = spans.map((s) => [s.attributes['messaging.destination.partition.id'], s.attributes['messaging.kafka.offset']]);
    expect(where).toEqual([
      [String(partitionOf(low!)), 0],
      [String(partitionOf(low!)), undefined],
      [undefined, undefined],
    ]);
    expect(spans[0]!.attributes['messaging.destination.name']).toBe('orders');
  });

  test('a failed send: the span has the error status and is ended', async () => {
    const { exporter } = withSdk();
    const { producer, fake } = setup();
    fake.failConnects.push(new Error('broker down'));
    await expect(producer.send({ key: 'a', value: 1 })).rejects.toThrow('broker down');
    const [span] = exporter.getFinishedSpans();
    expect(span?.status).toEqual({ code: 2, message: 'broker down' });
  });

  test('a send sampled out still passes its trace on (traceparent with flags 00)', async () => {
    const { provider } = withSdk(false);
    const { producer, fake } = setup();
    const parent = provider.getTracer('test').startSpan('parent');
    await context.with(trace.setSpan(context.active(), parent), () => producer.send({ key: 'a', value: 1 }));
    expect(fake.sent[0]!.messages[0]!.headers).toEqual({ traceparent: expect.stringMatching(new RegExp(`^00-${parent.spanContext().traceId}-[0-9a-f]{16}-00$`)) });
  });
});
