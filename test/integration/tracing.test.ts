/**
 * One trace across two services and the real broker, recorded by the OpenTelemetry SDK's in-memory exporter: a typed
 * client call to `front` (its handler produces a user record), consumed by `back` (whose handler produces a record of
 * its own). The spans form one chain, each the parent of the next, with the messaging attributes; the records carry
 * the trace in their headers, and a record `back` cannot handle goes to the dead-letter topic with the trace headers
 * it arrived with. The SDK is registered here only; the runtime depends on `@opentelemetry/api` alone.
 */
import { SpanKind, SpanStatusCode, context, propagation, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-node';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { topics as catalog, users } from '../../generated/topics.js';
import type { UserInput } from '../../generated/index.js';
import { createCodec, createJoin, createProducer, defineStreamTableJoin, defineTopic, ensureTopics, type Topic } from '../../runtime/index.js';
import { createService, createServiceClient, defineService, reply, type Service } from '../../runtime/service/index.js';
import { petsContract } from '../service/support/pets-contract.js';
import { kafkaBrokers, schemaRegistryUrl } from './infra.js';
import { FAST, kafka, readRaw, registry, unique, until } from './runtime-support.js';

const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const client = kafka();
const prefix = `${unique('trace')}.`;
/** What `back` writes: the users schema under a topic of its own. */
const copies = defineTopic({ ...users, name: 'user-copies', partitions: 1 });
const running: Service[] = [];
let frontUrl = '';

const config = {
  server: { host: '127.0.0.1', port: 0 },
  admin: { port: 0 },
  kafka: { brokers: kafkaBrokers(), topicPrefix: prefix },
  registry: { url: schemaRegistryUrl() },
};

function user(name: string): UserInput {
  const at = new Date(Date.UTC(2025, 0, 1));
  return { id: crypto.randomUUID(), username: name, displayName: name, bio: null, verified: false, followerCount: 0, status: 'ACTIVE', createdAt: at, updatedAt: at };
}

const front = defineService({
  name: 'front',
  contract: petsContract,
  setup: (env) => ({ users: env.kafka.producer(users) }),
  handlers: {
    createPet: async ({ body }, ctx) => {
      const u = user(body.name);
      await ctx.users.send({ key: { userId: u.id }, value: u });
      return reply(201, { id: u.id, name: body.name, tags: [] });
    },
    listPets: () => [],
    getPet: () => ({ id: crypto.randomUUID(), name: 'x', tags: [] }),
    deletePet: () => reply(204),
    slow: () => ({ waited: 0 }),
  },
});

const back = defineService({
  name: unique('back'),
  contract: { ...petsContract, name: 'back', operations: {} } as typeof petsContract,
  setup: (env) => {
    const out = env.kafka.producer(copies);
    env.kafka.consumer(
      users,
      async (record) => {
        if (record.value?.username === 'poison') throw new Error('cannot handle poison');
        await out.send({ key: record.key, value: { ...record.value!, displayName: `copy of ${record.value!.displayName}` } });
      },
      { ...FAST, consumerConfig: FAST.consumerConfig },
    );
    return undefined;
  },
  handlers: {} as never,
});

beforeAll(async () => {
  provider.register();
  const on = (t: { name: string; partitions: number; cleanupPolicy: 'compact' | 'delete' }) => defineTopic({ ...users, ...t, name: `${prefix}${t.name}` });
  await ensureTopics(client, [on({ ...users, partitions: 1 }), on(copies)]);
  const options = { config, logger: pino({ level: 'silent' }) };
  running.push(await createService(back, options), await createService(front, options));
  await running[0]!.start();
  frontUrl = (await running[1]!.start()).app;
});

const stops: Array<() => Promise<void>> = [];

afterAll(async () => {
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
  for (const s of running.reverse()) await s.stop();
  await provider.shutdown();
  trace.disable();
  context.disable();
  propagation.disable();
});

/** The spans of `traceId`, each with its parent: the chain from the root down. */
function chain(traceId: string): ReadableSpan[] {
  const spans = exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
  const out: ReadableSpan[] = [];
  let parent: string | undefined;
  for (;;) {
    const next = spans.find((s) => s.parentSpanContext?.spanId === parent);
    if (!next) return out;
    out.push(next);
    parent = next.spanContext().spanId;
  }
}

const traceparentOf = (headers: Record<string, unknown> | undefined): string => String(headers?.['traceparent']);

describe('a trace across HTTP and Kafka, against the real broker', () => {
  test('client call → front → produced record → back → its record: one trace, each span the parent of the next', async () => {
    const api = createServiceClient(petsContract, { baseUrl: frontUrl });
    const root = provider.getTracer('test').startSpan('test');
    const traceId = root.spanContext().traceId;
    const created = await context.with(trace.setSpan(context.active(), root), () => api.createPet({ body: { name: 'rex' } }));
    root.end();
    await until(() => chain(traceId).length >= 6, 'six spans of the trace');

    const spans = chain(traceId);
    expect(spans.map((s) => `${SpanKind[s.kind]} ${s.name}`)).toEqual([
      'INTERNAL test',
      'CLIENT POST /pets',
      'SERVER POST /pets',
      `PRODUCER send ${prefix}users`,
      `CONSUMER process ${prefix}users`,
      `PRODUCER send ${prefix}user-copies`,
    ]);
    expect(exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId)).toHaveLength(6);
    const [, call, server, send, processed, copy] = spans as [ReadableSpan, ReadableSpan, ReadableSpan, ReadableSpan, ReadableSpan, ReadableSpan];
    expect(call.attributes).toMatchObject({ 'http.request.method': 'POST', 'http.response.status_code': 201 });
    expect(server.attributes).toMatchObject({ 'http.route': '/pets', 'http.response.status_code': 201 });
    expect(send.attributes).toMatchObject({ 'messaging.system': 'kafka', 'messaging.destination.name': `${prefix}users`, 'messaging.destination.partition.id': '0' });
    expect(processed.attributes).toMatchObject({
      'messaging.system': 'kafka',
      'messaging.operation.type': 'process',
      'messaging.destination.name': `${prefix}users`,
      'messaging.destination.partition.id': '0',
      'messaging.kafka.offset': send.attributes['messaging.kafka.offset'],
      // The group follows the topic prefix, as the topics do.
      'messaging.consumer.group.name': `${prefix}${running[0]!.name}`,
    });
    expect(copy.attributes['messaging.destination.name']).toBe(`${prefix}user-copies`);

    // The records carry the context of the span that sent them.
    const [record] = (await readRaw(client, `${prefix}user-copies`, 1)).filter((r) => r.message.key !== null);
    expect(traceparentOf(record!.message.headers)).toBe(`00-${traceId}-${copy.spanContext().spanId}-01`);
    expect(created.name).toBe('rex');
  });

  test('a record back cannot handle is dead-lettered with the trace headers it arrived with', async () => {
    const api = createServiceClient(petsContract, { baseUrl: frontUrl });
    await api.createPet({ body: { name: 'poison' } });
    const [letter] = await readRaw(client, `${prefix}users.dlq`, 1);
    const sent = (await readRaw(client, `${prefix}users`, 2)).find((r) => String(r.message.offset) === letter!.message.headers!['unilog-original-offset']!.toString());
    expect(traceparentOf(letter!.message.headers)).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(traceparentOf(letter!.message.headers)).toBe(traceparentOf(sent!.message.headers));
    const traceId = traceparentOf(letter!.message.headers).split('-')[1]!;
    const failed = exporter.getFinishedSpans().find((s) => s.spanContext().traceId === traceId && s.kind === SpanKind.CONSUMER);
    expect(failed?.status).toMatchObject({ code: SpanStatusCode.ERROR, message: `dead-lettered to ${prefix}users.dlq (HANDLER_FAILED)` });
  });

  test('through a join: a record, its re-keyed copy and the join output it leads to are one trace', async () => {
    const p = <K, KI, V, VI>(t: Topic<K, KI, V, VI>): Topic<K, KI, V, VI> => defineTopic({ ...t, name: `${prefix}j.${t.name}`, partitions: 1 });
    const table = p(catalog['users']);
    const stream = p(catalog['opinions']);
    const via = defineTopic({ ...catalog['users-with-connections.by-user'], name: `${prefix}j.opinions.by-author`, cleanupPolicy: 'delete', partitions: 1 });
    const enriched = createCodec<{ opinionId: string; author: string | null }>({
      type: 'record', name: 'Enriched', namespace: 'test.trace', fields: [{ name: 'opinionId', type: 'string' }, { name: 'author', type: ['null', 'string'] }],
    });
    const output = defineTopic({ name: `${prefix}j.enriched`, key: catalog['opinions'].key, value: enriched, visibility: 'internal', owner: 'test', partitions: 1, cleanupPolicy: 'delete', compatibility: 'NONE' });
    await ensureTopics(client, [table, stream, via, output]);
    const join = defineStreamTableJoin({ name: unique('trace-join'), owner: 'test', mode: 'left', stream, table, via, output, match: (_k, v) => ({ userId: v.author.id }) });
    const runner = createJoin(client, join, (o, author) => ({ opinionId: o.id, author: author?.displayName ?? null }), {
      registry: registry(), groupId: unique('trace-join'), consumerConfig: FAST.consumerConfig,
    });
    stops.push(() => runner.stop());
    await runner.start();
    await until(() => runner.stats().partitions.length === 1 && runner.stats().partitions.every((x) => x.phase === 'live'), 'the join to go live');
    const opinions = createProducer(client, stream, { registry: registry() });
    stops.push(() => opinions.disconnect());

    const root = provider.getTracer('test').startSpan('test');
    const traceId = root.spanContext().traceId;
    const opinionId = crypto.randomUUID();
    await context.with(trace.setSpan(context.active(), root), () =>
      opinions.send({ key: { opinionId }, value: { id: opinionId, author: { id: crypto.randomUUID(), kind: 'USER' }, topic: 't', stance: 'FOR', strength: '1.00', createdAt: new Date() } }),
    );
    root.end();
    const [out] = await readRaw(client, output.name, 1);
    expect(traceparentOf(out!.message.headers).split('-')[1]).toBe(traceId);
    await until(() => chain(traceId).length >= 6, 'six spans of the trace');
    expect(chain(traceId).map((x) => `${SpanKind[x.kind]} ${x.name}`)).toEqual([
      'INTERNAL test',
      `PRODUCER send ${stream.name}`,
      `CONSUMER process ${stream.name}`,
      `PRODUCER send ${via.name}`,
      `CONSUMER process ${via.name}`,
      `PRODUCER send ${output.name}`,
    ]);
  });
});
