/**
 * The registry going away, against the real registry behind a TCP proxy the test can close: ids already known keep
 * encoding and decoding with no request, a new id fails with REGISTRY_UNREACHABLE naming the URL and the cause, a
 * registry that accepts but never answers times out, and a consumer meeting an unknown writer during the outage neither
 * dead-letters nor commits the record, and reads it once the registry is back.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { codecOptions } from '../../generated/codec-options.js';
import { users } from '../../generated/topics.js';
import type { User } from '../../generated/index.js';
import { createCodec, createConsumer, createProducer, defineTopic, type AvroRecordSchema, type DeadLetterEvent } from '../../runtime/index.js';
import { userInput, userKey } from './example-records.js';
import { createServer, type Socket } from 'node:net';
import { FAST, kafka, readRaw, registry, renamed, unique, until } from './runtime-support.js';
import { registryProxy as proxy } from './registry-proxy.js';

const client = kafka();
const stops: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
});

const v2: AvroRecordSchema = (() => {
  const v1 = users.value.standaloneSchema() as AvroRecordSchema;
  return { ...v1, fields: [...v1.fields, { name: 'nickname', type: ['null', 'string'], default: null }] };
})();

describe('schema registry unreachable (real registry behind a closable proxy)', () => {
  test('cached ids keep encoding and decoding; a new id fails with REGISTRY_UNREACHABLE naming the URL and cause', async () => {
    const topic = await renamed(client, users, 1);
    const p = await proxy();
    const producerRegistry = registry({ url: p.url });
    const readerRegistry = registry({ url: p.url });
    const producer = createProducer(client, topic, { registry: producerRegistry });
    stops.push(() => producer.disconnect());
    const [a, b] = [crypto.randomUUID(), crypto.randomUUID()];
    await producer.send({ key: userKey(a), value: userInput(a) });
    const reader = readerRegistry.topicSerdes(topic).value;
    const [first] = await readRaw(client, topic.name, 1);
    expect((await reader.decodeAsync(first!.message.value!)).id).toBe(a);

    await p.close();
    await producer.send({ key: userKey(b), value: userInput(b) }); // ids cached: no registry request
    const raw = await readRaw(client, topic.name, 2);
    expect(raw.map((r) => reader.decode(r.message.value!).id)).toEqual([a, b]);

    const v2Producer = createProducer(client, defineTopic({ ...topic, value: createCodec<User, Record<string, unknown>>(v2, codecOptions) }), {
      registry: registry(), // straight to the registry: a writer id the reader has never seen
    });
    stops.push(() => v2Producer.disconnect());
    await v2Producer.send({ key: userKey(b), value: { ...userInput(b), nickname: 'bee' } });
    const [, , third] = await readRaw(client, topic.name, 3);
    const err = await reader.decodeAsync(third!.message.value!).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'UnilogError', code: 'REGISTRY_UNREACHABLE', retriable: true });
    expect(String((err as Error).message)).toMatch(
      new RegExp(`^schema registry ${p.url.replace(/[.]/g, '\\.')}: GET /schemas/ids/\\d+: cannot reach the registry \\(.*ECONNREFUSED`),
    );
    expect((err as Error).cause).toBeInstanceOf(Error);

    const fresh = createProducer(client, topic, { registry: registry({ url: p.url }) });
    stops.push(() => fresh.disconnect());
    await expect(fresh.connect()).rejects.toMatchObject({ code: 'REGISTRY_UNREACHABLE' });
  });

  test('a registry that accepts connections but never answers: REGISTRY_TIMEOUT after timeoutMs', async () => {
    const held = new Set<Socket>();
    const server = createServer((s) => void held.add(s));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    stops.push(
      () =>
        new Promise<void>((resolve) => {
          for (const s of held) s.destroy();
          server.close(() => resolve());
        }),
    );
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/apis/ccompat/v7`;
    const started = Date.now();
    const err = await registry({ url, timeoutMs: 300 }).topicSerdes(users).value.prepare().catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'REGISTRY_TIMEOUT', retriable: true });
    expect(String((err as Error).message)).toContain(`schema registry ${url}: POST /subjects/users-value: no answer within 300 ms`);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  test('a consumer meeting an unknown writer during the outage keeps the record (no dead letter, no commit) and reads it once the registry is back', async () => {
    const topic = await renamed(client, users, 1);
    const p = await proxy();
    const v2Producer = createProducer(client, defineTopic({ ...topic, value: createCodec<User, Record<string, unknown>>(v2, codecOptions) }), {
      registry: registry(),
    });
    stops.push(() => v2Producer.disconnect());
    await p.close();
    const id = crypto.randomUUID();
    await v2Producer.send({ key: userKey(id), value: { ...userInput(id), nickname: 'bee' } });

    const got: User[] = [];
    const dead: DeadLetterEvent[] = [];
    const crashes: Array<{ error: unknown; restart: boolean }> = [];
    const consumer = createConsumer(client, topic, {
      groupId: unique('g'),
      registry: registry({ url: p.url, timeoutMs: 1000 }),
      handler: (r) => void got.push(r.value!),
      onDeadLetter: (e) => void dead.push(e),
      onCrash: (error, restart) => void crashes.push({ error, restart }),
      ...FAST,
    });
    stops.push(() => consumer.stop());
    await consumer.start();
    await until(() => crashes.length > 0, 'the consumer to give up on the registry');
    expect(crashes[0]).toMatchObject({ restart: true, error: { code: 'REGISTRY_UNREACHABLE' } });
    expect(got).toEqual([]);

    const back = await proxy(p.port); // the registry is back at the same address
    stops.push(() => back.close());
    await until(() => got.length === 1, 'the record after kafkajs restarted the consumer');
    expect(got[0]!.id).toBe(id);
    expect(dead).toEqual([]);
  });
});
