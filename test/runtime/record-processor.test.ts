/**
 * One consumed message through decode, handler, retries and dead letter, with in-process fakes for the registry and
 * the dead-letter writer (the real broker is in test/integration/runtime-consumer.test.ts).
 */
import { describe, expect, test } from 'vitest';
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
});
