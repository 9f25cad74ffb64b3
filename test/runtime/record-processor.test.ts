/**
 * One consumed message through decode, handler, retries and dead letter, with in-process fakes for the registry and
 * the dead-letter writer (the real broker is in test/integration/runtime-consumer.test.ts).
 */
import { context, propagation, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { afterEach, describe, expect, test } from 'vitest';
import type { KafkaMessage } from 'kafkajs';
import { createCodec, createSchemaRegistry, type AvroRecordSchema, type ConsumedRecord, type DeadLetterEvent } from '../../runtime/index.js';
import { normaliseRetry } from '../../runtime/kafka/backoff.js';
import type { DeadLetter, DeadLetterWriter } from '../../runtime/kafka/dead-letter.js';
import { DONE, RecordProcessor, STOPPED } from '../../runtime/kafka/record-processor.js';
import { FakeRegistry } from './fake-registry.js';

const VALUE: AvroRecordSchema = { type: 'record', name: 'V', fields: [{ name: 'n', type: 'int' }] };
const topic = {
  name: 'orders',
  key: createCodec<string>('string'),
  value: createCodec<{ n: number }>(VALUE),
  visibility: 'shared',
  owner: 'o',
  partitions: 1,
  cleanupPolicy: 'compact',
  compatibility: 'BACKWARD',
} as const;

async function setup(handler: (r: ConsumedRecord<string, { n: number }>) => void | Promise<void>, withDlq = true) {
  const fake = new FakeRegistry();
  const registry = createSchemaRegistry({ url: fake.base, fetch: fake.fetch });
  const serdes = registry.topicSerdes(topic);
  await Promise.all([serdes.key.prepare(), serdes.value.prepare()]);
  const letters: Array<{ offset: string; letter: DeadLetter }> = [];
  const events: DeadLetterEvent[] = [];
  const dlq = { topic: 'orders.dlq', write: async (m: KafkaMessage, _p: number, letter: DeadLetter) => void letters.push({ offset: m.offset, letter }) };
  const abort = new AbortController();
  const processor = new RecordProcessor({
    topic: topic.name,
    serdes,
    handler,
    retry: normaliseRetry({ attempts: 3, initialDelayMs: 1, maxDelayMs: 2 }),
    deadLetter: withDlq ? (dlq as unknown as DeadLetterWriter) : undefined,
    onDeadLetter: (e) => void events.push(e),
    signal: abort.signal,
  });
  const message = (offset: number, key: Buffer | null, value: Buffer | null): KafkaMessage =>
    ({ key, value, offset: String(offset), timestamp: '1700000000000', headers: { h: Buffer.from('1') }, attributes: 0, size: 0 }) as unknown as KafkaMessage;
  const good = (offset: number, n: number | null) => message(offset, serdes.key.encode(`k${offset}`), n === null ? null : serdes.value.encode({ n }));
  return { fake, processor, letters, events, abort, message, good };
}

const beat = async (): Promise<void> => undefined;

describe('record processor', () => {
  test('a sync handler on cached schemas: answered synchronously, no promise', async () => {
    const seen: Array<ConsumedRecord<string, { n: number }>> = [];
    const { processor, good, fake } = await setup((r) => void seen.push(r));
    fake.requests.length = 0;
    expect(processor.process(good(0, 1), 0, beat)).toBe(DONE);
    expect(processor.process(good(1, null), 0, beat)).toBe(DONE);
    expect(seen).toEqual([
      { topic: 'orders', partition: 0, offset: '0', timestamp: new Date(1700000000000), key: 'k0', value: { n: 1 }, headers: { h: Buffer.from('1') } },
      expect.objectContaining({ offset: '1', key: 'k1', value: null }),
    ]);
    expect(fake.requests).toEqual([]);
  });

  test('a failing handler is retried; one that recovers is done, one that never does is dead-lettered with its attempts', async () => {
    const calls = new Map<number, number>();
    const { processor, good, letters, events } = await setup((r) => {
      const c = (calls.get(r.value!.n) ?? 0) + 1;
      calls.set(r.value!.n, c);
      if (r.value!.n === 1 && c < 3) throw new Error('flaky');
      if (r.value!.n === 2) throw Object.assign(new Error('poison'), { code: 'E_POISON' });
    });
    expect(await processor.process(good(0, 1), 0, beat)).toBe(DONE);
    expect(calls.get(1)).toBe(3);
    expect(await processor.process(good(1, 2), 0, beat)).toBe(DONE);
    expect(calls.get(2)).toBe(3);
    expect(letters).toEqual([{ offset: '1', letter: { error: expect.objectContaining({ message: 'poison' }), code: 'E_POISON', attempts: 3 } }]);
    expect(events).toEqual([expect.objectContaining({ offset: '1', deadLetterTopic: 'orders.dlq', code: 'E_POISON', attempts: 3 })]);
  });

  test('undecodable records are dead-lettered at once with the codec code and attempts 0', async () => {
    let calls = 0;
    const { processor, message, letters, good } = await setup(() => void calls++);
    const key = good(0, 1).key;
    expect(await processor.process(message(0, key, Buffer.from('garbage')), 0, beat)).toBe(DONE);
    expect(await processor.process(message(1, null, null), 0, beat)).toBe(DONE);
    expect(await processor.process(message(2, key, good(0, 1).value!.subarray(0, 5)), 0, beat)).toBe(DONE);
    // A value framed with the key's schema id ("string"): a writer the value reader cannot read.
    expect(await processor.process(message(3, key, key), 0, beat)).toBe(DONE);
    expect(calls).toBe(0);
    expect(letters.map((l) => [l.offset, l.letter.code, l.letter.attempts])).toEqual([
      ['0', 'BAD_MAGIC', 0],
      ['1', 'KEY_MISSING', 0],
      ['2', 'TRUNCATED', 0],
      ['3', 'INCOMPATIBLE_SCHEMA', 0],
    ]);
  });

  test('without a dead-letter topic a failing record throws HANDLER_FAILED / UNDECODABLE_RECORD', async () => {
    const { processor, good, message } = await setup(() => Promise.reject(new Error('nope')), false);
    await expect(processor.process(good(5, 1), 3, beat)).rejects.toMatchObject({
      code: 'HANDLER_FAILED',
      message: 'orders[3]@5: the handler failed 3 time(s): nope',
    });
    await expect(processor.process(message(6, null, null), 3, beat)).rejects.toMatchObject({
      code: 'UNDECODABLE_RECORD',
      message: 'orders[3]@6: cannot decode (KEY_MISSING): orders[3]@6: the record has no key',
    });
  });

  test('a stop during the backoff ends the retries: STOPPED, nothing dead-lettered', async () => {
    const { processor, good, letters, abort } = await setup(() => {
      abort.abort();
      throw new Error('fails while stopping');
    });
    expect(await processor.process(good(0, 1), 0, beat)).toBe(STOPPED);
    expect(letters).toEqual([]);
  });

  test('a handler answering a value that is no promise (a Map, null) is done synchronously; an async one resolves DONE', async () => {
    const seen = new Map<string, number>();
    const { processor, good } = await setup((r) => seen.set(r.key, r.value!.n) as unknown as void);
    expect(processor.process(good(0, 1), 0, beat)).toBe(DONE);
    const nulls = await setup(() => null as unknown as void);
    expect(nulls.processor.process(nulls.good(0, 1), 0, beat)).toBe(DONE);
    const later = await setup(async () => undefined);
    expect(await later.processor.process(later.good(0, 1), 0, beat)).toBe(DONE);
    expect(seen).toEqual(new Map([['k0', 1]]));
  });

  test('each retry first beats the heartbeat; a failure without a code is dead-lettered as HANDLER_FAILED', async () => {
    const { processor, good, letters } = await setup(() => {
      throw new Error('no code');
    });
    let beats = 0;
    expect(await processor.process(good(0, 1), 0, async () => void beats++)).toBe(DONE);
    expect(beats).toBe(2);
    expect(letters.map((l) => l.letter.code)).toEqual(['HANDLER_FAILED']);
  });

  test('a record failing every attempt is dead-lettered with the last attempt\'s error', async () => {
    let calls = 0;
    const { processor, good, letters } = await setup(() => {
      calls++;
      throw Object.assign(new Error(`failure ${calls}`), { code: `E_${calls}` });
    });
    await processor.process(good(0, 1), 0, beat);
    expect(letters.map((l) => [l.letter.code, (l.letter.error as Error).message])).toEqual([['E_3', 'failure 3']]);
  });

  test('a handler answering an object whose `then` getter throws: that error, at once', async () => {
    const failure = new Error('then getter failed');
    const { processor, good } = await setup(() => Object.defineProperty({}, 'then', { get: () => { throw failure; } }) as unknown as void);
    expect(() => processor.process(good(0, 1), 0, beat)).toThrow(failure);
  });

  test('a registry answering a writer schema that is not JSON: dead-lettered at once with the registry error\'s code', async () => {
    const { processor, fake, message, good, letters } = await setup(() => undefined);
    fake.override(/GET \/schemas\/ids\//, () => new Response('{"schema": "{not json"}', { status: 200 }));
    const key = topic.key.encodeFramed('k', fake.put('orders-key', { type: 'string' }));
    await processor.process(message(0, key, good(0, 1).value), 0, beat);
    expect(letters.map((l) => [l.letter.code, l.letter.attempts])).toEqual([['REGISTRY_BAD_RESPONSE', 0]]);
  });

  test('without a dead-letter topic the thrown error has the failure as its cause', async () => {
    const failure = new Error('nope');
    const { processor, good, message } = await setup(() => Promise.reject(failure), false);
    const failed = (await Promise.resolve(processor.process(good(5, 1), 0, beat)).catch((e: unknown) => e)) as Error;
    expect(failed.cause).toBe(failure);
    const undecodable = (await Promise.resolve(processor.process(message(6, null, null), 0, beat)).catch((e: unknown) => e)) as Error;
    expect(undecodable.cause).toMatchObject({ code: 'KEY_MISSING' });
  });

  test('a key written with a schema not loaded yet: fetched, then the record is handled (tombstone or not)', async () => {
    const seen: Array<{ key: string; value: { n: number } | null }> = [];
    const { processor, fake, message, good } = await setup((r) => void seen.push({ key: r.key, value: r.value }));
    const writer = fake.put('orders-key', { type: 'string' });
    const key = topic.key.encodeFramed('new', writer);
    expect(await processor.process(message(0, key, null), 0, beat)).toBe(DONE);
    const other = topic.key.encodeFramed('other', fake.put('orders-key', { type: 'string', doc: 'another writer' }));
    expect(await processor.process(message(1, other, good(0, 1).value), 0, beat)).toBe(DONE);
    expect(seen).toEqual([{ key: 'new', value: null }, { key: 'other', value: { n: 1 } }]);
    expect(fake.requests.filter((r) => r.path.startsWith('/schemas/ids/')).map((r) => r.path)).toEqual([`/schemas/ids/${writer}`, `/schemas/ids/${writer + 1}`]);
  });

  test('a schema id the registry does not know: dead-lettered at once (attempts 0), the registry asked once', async () => {
    const { processor, fake, message, good, letters } = await setup(() => undefined);
    const key = topic.key.encodeFramed('k', 999);
    expect(await processor.process(message(0, key, good(0, 1).value), 0, beat)).toBe(DONE);
    expect(letters.map((l) => [l.letter.code, l.letter.attempts])).toEqual([['SCHEMA_ID_NOT_FOUND', 0]]);
    expect(fake.requests.filter((r) => r.path === '/schemas/ids/999')).toHaveLength(1);
  });

  test('a registry outage met while loading a writer schema: a stop during the backoff ends it, STOPPED', async () => {
    const { processor, fake, message, good, abort, letters } = await setup(() => undefined);
    fake.override(/GET \/schemas\/ids\//, () => (abort.abort(), new Response(JSON.stringify({ error_code: 50301, message: 'busy' }), { status: 503 })));
    const key = topic.key.encodeFramed('k', fake.put('orders-key', { type: 'string' }));
    expect(await processor.process(message(0, key, good(0, 1).value), 0, beat)).toBe(STOPPED);
    expect(letters).toEqual([]);
  });
});

describe('the process span', () => {
  afterEach(() => {
    trace.disable();
    context.disable();
    propagation.disable();
  });

  function withSdk() {
    const exporter = new InMemorySpanExporter();
    const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    provider.register();
    return exporter;
  }

  test('ended for a record done asynchronously; a failure without a dead-letter topic marks it failed', async () => {
    const exporter = withSdk();
    const later = await setup(async () => undefined);
    await later.processor.process(later.good(0, 1), 0, beat);
    const failing = await setup(() => Promise.reject(new Error('nope')), false);
    await Promise.resolve(failing.processor.process(failing.good(1, 1), 0, beat)).catch(() => undefined);
    expect(exporter.getFinishedSpans().map((s) => [s.name, s.status.code, s.status.message])).toEqual([
      ['process orders', 0, undefined],
      ['process orders', 2, 'orders[0]@1: the handler failed 3 time(s): nope'],
    ]);
  });

  test('a dead-lettered record: its span records the exception and says where the record went', async () => {
    const exporter = withSdk();
    const { processor, good } = await setup(() => {
      throw Object.assign(new Error('poison'), { code: 'E_POISON' });
    });
    await processor.process(good(0, 1), 0, beat);
    const [span] = exporter.getFinishedSpans();
    expect(span?.status).toEqual({ code: 2, message: 'dead-lettered to orders.dlq (E_POISON)' });
    expect(span?.events.map((e) => [e.name, e.attributes?.['exception.message']])).toEqual([['exception', 'poison']]);
  });
});
