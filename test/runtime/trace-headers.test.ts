/**
 * The trace context a produced record carries, through an in-process fake of kafkajs: nothing without an
 * OpenTelemetry SDK (the record's own headers, as given); with one, `traceparent` of the send span, child of the
 * active span, added to a copy of the caller's headers.
 */
import { context, propagation, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import type { Kafka, ProducerRecord } from 'kafkajs';
import { afterEach, describe, expect, test } from 'vitest';
import { createCodec, createProducer, createSchemaRegistry, defineTopic } from '../../runtime/index.js';
import { FakeRegistry } from './fake-registry.js';

const topic = defineTopic({
  name: 'orders', key: createCodec<string>('string'), value: createCodec<number>('int'),
  visibility: 'shared', owner: 'o', partitions: 1, cleanupPolicy: 'delete', compatibility: 'BACKWARD',
});

function producerWithSends() {
  const sends: ProducerRecord[] = [];
  const kafka = {
    producer: () => ({
      connect: async () => undefined,
      disconnect: async () => undefined,
      send: async (r: ProducerRecord) => {
        sends.push(r);
        for (const m of r.messages) m.partition ??= 0;
        return [{ topicName: r.topic, partition: 0, errorCode: 0, baseOffset: '3' }];
      },
    }),
  } as unknown as Kafka;
  const fake = new FakeRegistry();
  return { sends, producer: createProducer(kafka, topic, { registry: createSchemaRegistry({ url: fake.base, fetch: fake.fetch }) }) };
}

afterEach(() => {
  trace.disable();
  context.disable();
  propagation.disable();
});

describe('trace headers on produced records', () => {
  test('without an SDK a record carries only its own headers', async () => {
    const { sends, producer } = producerWithSends();
    const own = { source: 'test' };
    await producer.send({ key: 'k', value: 1, headers: own });
    await producer.send({ key: 'k', value: 2 });
    expect(sends.map((s) => s.messages[0]!.headers)).toEqual([{ source: 'test' }, undefined]);
  });

  test("with an SDK a record carries its send span's traceparent, under the active span; the caller's headers stay as they were", async () => {
    const exporter = new InMemorySpanExporter();
    const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    provider.register();
    const { sends, producer } = producerWithSends();
    const own = { source: 'test' };
    const parent = provider.getTracer('test').startSpan('parent');
    await context.with(trace.setSpan(context.active(), parent), () => producer.sendBatch([{ key: 'a', value: 1, headers: own }, { key: 'b', value: 2 }]));
    parent.end();
    const [send] = exporter.getFinishedSpans().filter((s) => s.name === 'send orders');
    expect(send?.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
    expect(send?.attributes).toMatchObject({ 'messaging.system': 'kafka', 'messaging.destination.name': 'orders', 'messaging.batch.message_count': 2 });
    const traceparent = `00-${parent.spanContext().traceId}-${send!.spanContext().spanId}-01`;
    expect(sends[0]!.messages.map((m) => m.headers)).toEqual([{ source: 'test', traceparent }, { traceparent }]);
    expect(own).toEqual({ source: 'test' });
    await provider.shutdown();
  });
});
