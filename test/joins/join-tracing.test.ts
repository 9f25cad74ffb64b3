/**
 * Traces through a join (docs/joins.md, docs/observability.md): with an OpenTelemetry SDK registered, each live input
 * record is handled in a `process` span whose parent is the trace its `traceparent` header carries, and the records a
 * batch leads to (join outputs, via records of the re-key step) carry that span's context on, so a trace followed from
 * the producer of an input reaches the join's output. Without an SDK the API's no-ops are all that runs (the other
 * join tests).
 */
import { context, propagation, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-node';
import type { KafkaMessage } from 'kafkajs';
import { afterEach, describe, expect, test } from 'vitest';
import { createJoin, defineStreamTableJoin, type JoinGuarantee } from '../../runtime/join/index.js';
import { Rekeyer } from '../../runtime/join/rekey.js';
import { defineTopic } from '../../runtime/topic.js';
import { FakeKafka } from '../runtime/fake-kafka.js';
import { connections, preparedRegistry, record, userEvents, users, via, type Opinion, type User, type UserKey } from './join-fixture.js';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const UPSTREAM_SPAN = '00f067aa0ba902b7';

const enriched = defineTopic({ ...userEvents, name: 'enriched' });
const join = defineStreamTableJoin({ name: 'enrich', owner: 'o', mode: 'inner', stream: userEvents, table: users, output: enriched, match: (k: UserKey) => k });

afterEach(() => {
  trace.disable();
  context.disable();
  propagation.disable();
});

function withSdk(): InMemorySpanExporter {
  const exporter = new InMemorySpanExporter();
  new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }).register();
  return exporter;
}

/** A record as an upstream producer traced it: its `traceparent` names the upstream span. */
const traced = (m: KafkaMessage, offset: number): KafkaMessage => ({ ...m, offset: String(offset), headers: { traceparent: Buffer.from(`00-${TRACE}-${UPSTREAM_SPAN}-01`) } }) as KafkaMessage;

/** The `traceparent` headers of what was sent to `topic`, as text. */
function sentTraceparents(kafka: FakeKafka, topic: string): string[] {
  return kafka.producers.flatMap((p) => p.sent).filter((s) => s.topic === topic)
    .flatMap((s) => s.messages.map((m) => String(m.headers?.traceparent)));
}

/**
 * The finished spans as one chain from the upstream span: each a child of the one before, all in the upstream trace
 * (fails if any span is elsewhere).
 */
function spanChain(exporter: InMemorySpanExporter): ReadableSpan[] {
  const spans = exporter.getFinishedSpans();
  const chain: ReadableSpan[] = [];
  let parent = UPSTREAM_SPAN;
  for (let next = spans.find((s) => s.parentSpanContext?.spanId === parent); next; next = spans.find((s) => s.parentSpanContext?.spanId === parent)) {
    expect(next.spanContext().traceId).toBe(TRACE);
    chain.push(next);
    parent = next.spanContext().spanId;
  }
  expect(chain).toHaveLength(spans.length);
  return chain;
}

const fn = (o: Opinion, row: User): Opinion => ({ authorId: o.authorId, text: `${o.text} by ${row.name}` });

async function liveJoin(guarantee: JoinGuarantee) {
  const registry = await preparedRegistry(users as never, userEvents as never);
  const kafka = new FakeKafka();
  for (const t of ['users', 'user-events', 'enriched']) kafka.topics.set(t, 1);
  kafka.offsets.set('users', [{ partition: 0, low: '0', high: '1' }]);
  const runner = createJoin(kafka.asKafka(), join, fn, { registry, groupId: 'g', guarantee, onCrash: () => undefined });
  await runner.start();
  const consumer = kafka.theConsumer;
  consumer.emit(consumer.events.GROUP_JOIN, { memberAssignment: { users: [0], 'user-events': [0] } });
  await consumer.deliver(0, [{ ...record(registry, users, { userId: 'ann' }, { name: 'Ann' }), offset: '0' }], { topic: 'users' });
  const event = (text: string, offset: number) => traced(record(registry, userEvents, { userId: 'ann' }, { authorId: 'ann', text }), offset);
  return { kafka, consumer, event };
}

describe('a join with an OpenTelemetry SDK', () => {
  test.each(['at-least-once', 'exactly-once'] as const)('%s: a live stream record is joined in a process span under its producer\'s trace, and the output carries it on', async (guarantee) => {
    const exporter = withSdk();
    const { kafka, consumer, event } = await liveJoin(guarantee);
    exporter.reset();
    await consumer.deliver(0, [event('hi', 0)], { topic: 'user-events' });
    const chain = spanChain(exporter);
    // at-least-once sends through the typed producer, whose `send` span is a child of the record's; exactly-once
    // writes in the partition's transaction, under the record's span itself.
    expect(chain.map((s) => s.name)).toEqual(guarantee === 'at-least-once' ? ['process user-events', 'send enriched'] : ['process user-events']);
    expect(sentTraceparents(kafka, 'enriched')).toEqual([`00-${TRACE}-${chain.at(-1)!.spanContext().spanId}-01`]);
  });

  test('a live record that cannot be decoded fails its span with the error, and nothing is written', async () => {
    const exporter = withSdk();
    const { kafka, consumer, event } = await liveJoin('at-least-once');
    exporter.reset();
    const garbage = { ...event('x', 0), value: Buffer.from([0, 0, 0, 0, 1, 2]) };
    await expect(consumer.deliver(0, [garbage], { topic: 'user-events' })).rejects.toThrow();
    const [span, ...more] = spanChain(exporter);
    expect([span?.name, span?.status.code, span?.events.map((e) => e.name), more]).toEqual(['process user-events', 2, ['exception'], []]);
    expect(sentTraceparents(kafka, 'enriched')).toEqual([]);
  });
});

describe('the re-key step with an OpenTelemetry SDK', () => {
  test.each(['at-least-once', 'exactly-once'] as const)('%s: each source record is re-keyed in a process span under its trace, and its via records carry that span on', async (guarantee) => {
    const exporter = withSdk();
    const registry = await preparedRegistry(connections as never, via as never, users as never);
    const kafka = new FakeKafka();
    kafka.topics.set('by-user', 2);
    const spec = { source: connections as never, table: users as never, via, targets: (k: { followerId: string }) => [['following', { userId: k.followerId }]] as const, needsValue: false } as never;
    const rekeyer = new Rekeyer(kafka.asKafka(), spec, registry, 'joiner.rekey', {}, () => undefined, guarantee);
    await rekeyer.start(2);
    await kafka.theConsumer.deliver(0, [traced(record(registry, connections, { followerId: 'ann', followeeId: 'bob' }, { since: 1 }), 0)]);
    const chain = spanChain(exporter);
    expect(chain.map((s) => s.name)).toEqual(guarantee === 'at-least-once' ? ['process connections', 'send by-user'] : ['process connections']);
    expect(sentTraceparents(kafka, 'by-user')).toEqual([`00-${TRACE}-${chain.at(-1)!.spanContext().spanId}-01`]);
  });
});
