/**
 * The typed consumer over an in-process kafkajs fake (test/runtime/fake-kafka.ts): at least once means an offset is
 * committed only after its record was handled or dead-lettered, never for a record that failed or was stopped.
 * The same promises against a real broker: test/integration/runtime-consumer.test.ts.
 */
import { afterEach, describe, expect, test, vi } from 'vitest';
import {
  createCodec,
  createConsumer,
  createSchemaRegistry,
  type AvroRecordSchema,
  type ConsumedRecord,
  type ConsumerOptions,
  type DeadLetterEvent,
} from '../../runtime/index.js';
import { FakeKafka, message } from './fake-kafka.js';
import { FakeRegistry } from './fake-registry.js';

const VALUE: AvroRecordSchema = { type: 'record', name: 'V', fields: [{ name: 'n', type: 'int' }] };
const topic = {
  name: 'orders',
  key: createCodec<string>('string'),
  value: createCodec<{ n: number }>(VALUE),
  visibility: 'shared',
  owner: 'o',
  partitions: 2,
  cleanupPolicy: 'delete',
  compatibility: 'BACKWARD',
} as const;

type Handler = (r: ConsumedRecord<string, { n: number }>) => void | Promise<void>;
type Options = Partial<Omit<ConsumerOptions<string, { n: number }>, 'handler' | 'registry'>>;

/** A consumer on the fake broker, with messages encoded by a producer-side registry client sharing the fake registry. */
async function setup(handler: Handler, options: Options = {}) {
  const fake = new FakeRegistry();
  const writer = createSchemaRegistry({ url: fake.base, fetch: fake.fetch }).topicSerdes(topic);
  await Promise.all([writer.key.prepare(), writer.value.prepare()]);
  const kafka = new FakeKafka();
  const consumer = createConsumer(kafka.asKafka(), topic, {
    groupId: 'g1',
    registry: createSchemaRegistry({ url: fake.base, fetch: fake.fetch }),
    handler,
    retry: { attempts: 3, initialDelayMs: 1, maxDelayMs: 2 },
    deadLetter: false,
    ...options,
  });
  await consumer.start();
  const good = (offset: number, n: number) => message(offset, writer.key.encode(`k${offset}`), writer.value.encode({ n }));
  return { fake, kafka, consumer, fakeConsumer: kafka.theConsumer, good };
}

/** A promise the test resolves by hand, to hold a handler in flight. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open!: () => void;
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}

const until = async (cond: () => boolean): Promise<void> => {
  for (let i = 0; i < 1000 && !cond(); i++) await new Promise((r) => setTimeout(r, 1));
  if (!cond()) throw new Error('condition never held');
};

describe('typed consumer (fake kafkajs)', () => {
  test('start: auto-commit off, manual resolve, subscribed from the beginning by default, group id given to kafkajs', async () => {
    const { fakeConsumer } = await setup(() => undefined);
    expect(fakeConsumer.config).toEqual({ groupId: 'g1' });
    expect(fakeConsumer.calls).toEqual(['connect', 'subscribe', 'run']);
    expect(fakeConsumer.subscribed).toEqual({ topics: ['orders'], fromBeginning: true });
    expect(fakeConsumer.runConfig).toMatchObject({ autoCommit: false, eachBatchAutoResolve: false, partitionsConsumedConcurrently: 1 });
    const latest = await setup(() => undefined, { fromBeginning: false, partitionsConsumedConcurrently: 2, consumerConfig: { sessionTimeout: 9000 } });
    expect(latest.fakeConsumer.config).toEqual({ sessionTimeout: 9000, groupId: 'g1' });
    expect(latest.fakeConsumer.subscribed).toEqual({ topics: ['orders'], fromBeginning: false });
    expect(latest.fakeConsumer.runConfig).toMatchObject({ partitionsConsumedConcurrently: 2 });
  });

  test('a batch is committed once, after every record in it was handled, at the offset after the last', async () => {
    const seen: string[] = [];
    const { fakeConsumer, good } = await setup(async (r) => {
      // nothing of this batch may be committed while its records are being handled
      expect(fakeConsumer.commits).toEqual([]);
      seen.push(`${r.partition}@${r.offset}:${r.key}=${r.value?.n}`);
    });
    await fakeConsumer.deliver(1, [good(5, 1), good(6, 2), good(7, 3)]);
    expect(seen).toEqual(['1@5:k5=1', '1@6:k6=2', '1@7:k7=3']);
    expect(fakeConsumer.commits).toEqual([{ partition: 1, offset: '8' }]);
  });

  test('a handler that keeps failing (no dead-letter topic): the batch throws, only the records before it are committed', async () => {
    const attempts = new Map<string, number>();
    const { fakeConsumer, good } = await setup((r) => {
      attempts.set(r.offset, (attempts.get(r.offset) ?? 0) + 1);
      if (r.offset === '11') throw new Error('boom');
    });
    await expect(fakeConsumer.deliver(0, [good(10, 1), good(11, 2), good(12, 3)])).rejects.toMatchObject({
      code: 'HANDLER_FAILED',
      message: 'orders[0]@11: the handler failed 3 time(s): boom',
    });
    expect(Object.fromEntries(attempts)).toEqual({ '10': 1, '11': 3 }); // 12 never reached
    expect(fakeConsumer.commits).toEqual([{ partition: 0, offset: '11' }]);
  });

  test('a failure on the first record of a batch commits nothing', async () => {
    const { fakeConsumer, good } = await setup(() => {
      throw new Error('down');
    });
    await expect(fakeConsumer.deliver(0, [good(3, 1)])).rejects.toMatchObject({ code: 'HANDLER_FAILED' });
    expect(fakeConsumer.commits).toEqual([]);
  });

  test('stop while a handler is in flight: that record finishes and is committed, the rest of the batch is not handled', async () => {
    const held = gate();
    const seen: string[] = [];
    const { consumer, fakeConsumer, good } = await setup(async (r) => {
      seen.push(r.offset);
      if (r.offset === '1') await held.wait;
    });
    const batch = fakeConsumer.deliver(0, [good(0, 1), good(1, 2), good(2, 3)]);
    await until(() => seen.length === 2);
    const stopped = consumer.stop();
    held.open();
    await batch;
    await stopped;
    expect(seen).toEqual(['0', '1']);
    expect(fakeConsumer.commits).toEqual([{ partition: 0, offset: '2' }]);
    expect(fakeConsumer.calls.slice(-2)).toEqual(['stop', 'disconnect']);
  });

  test('stop while a failed handler waits to retry: the record is not committed (it is consumed again after a restart)', async () => {
    const seen: string[] = [];
    const { consumer, fakeConsumer, good } = await setup(
      (r) => {
        seen.push(r.offset);
        if (r.offset === '1') throw new Error('flaky');
      },
      { retry: { attempts: 5, initialDelayMs: 60_000, maxDelayMs: 60_000 } },
    );
    const batch = fakeConsumer.deliver(0, [good(0, 1), good(1, 2), good(2, 3)]);
    await until(() => seen.length === 2);
    await consumer.stop();
    await batch;
    expect(seen).toEqual(['0', '1']); // no retry after the stop, and the next record not touched
    expect(fakeConsumer.commits).toEqual([{ partition: 0, offset: '1' }]);
  });

  test('a poison record is dead-lettered and committed past; the batch goes on', async () => {
    const events: DeadLetterEvent[] = [];
    const { kafka, fakeConsumer, good } = await setup(
      (r) => {
        if (r.value?.n === 2) throw Object.assign(new Error('poison'), { code: 'E_POISON' });
      },
      { deadLetter: {}, onDeadLetter: (e) => void events.push(e) },
    );
    expect(kafka.topics.get('orders.dlq')).toBe(2); // created with the source topic's partition count
    await fakeConsumer.deliver(0, [good(0, 1), good(1, 2), good(2, 3)]);
    const [producer] = kafka.producers;
    expect(producer!.sent.map((s) => [s.topic, s.acks, s.messages.length])).toEqual([['orders.dlq', -1, 1]]);
    expect(events).toEqual([expect.objectContaining({ offset: '1', code: 'E_POISON', attempts: 3, deadLetterTopic: 'orders.dlq' })]);
    expect(fakeConsumer.commits).toEqual([{ partition: 0, offset: '3' }]);
  });

  test('a registry outage that outlasts the attempts: the batch throws, nothing is dead-lettered, the record is not committed', async () => {
    const seen: string[] = [];
    const { fake, kafka, fakeConsumer, good } = await setup((r) => void seen.push(r.offset), {
      deadLetter: {},
      retry: { attempts: 2, initialDelayMs: 1, maxDelayMs: 1 },
    });
    fake.override(/GET \/schemas\/ids\//, () => new Response(JSON.stringify({ error_code: 50301, message: 'busy' }), { status: 503 }));
    await expect(fakeConsumer.deliver(0, [good(0, 1), good(1, 2)])).rejects.toMatchObject({ code: 'REGISTRY_SERVER_ERROR', retriable: true });
    expect(fake.requests.filter((r) => r.path.startsWith('/schemas/ids/'))).toHaveLength(2);
    expect(seen).toEqual([]);
    expect(kafka.producers[0]!.sent).toEqual([]);
    expect(fakeConsumer.commits).toEqual([]);
  });

  test('a stale batch is not handled and commits nothing', async () => {
    const seen: string[] = [];
    const { fakeConsumer, good } = await setup((r) => void seen.push(r.offset));
    await fakeConsumer.deliver(0, [good(0, 1)], { stale: true });
    expect(seen).toEqual([]);
    expect(fakeConsumer.commits).toEqual([]);
  });

  test('crashes reach onCrash with the cause under kafkajs\'s retries-exceeded wrapper', async () => {
    const crashes: Array<[unknown, boolean]> = [];
    const { fakeConsumer } = await setup(() => undefined, { onCrash: (e, restart) => void crashes.push([e, restart]) });
    const cause = new Error('the real reason');
    const wrapped = Object.assign(new Error('retries exceeded', { cause: Object.assign(new Error('inner wrapper', { cause }), { name: 'KafkaJSNumberOfRetriesExceeded' }) }), {
      name: 'KafkaJSNumberOfRetriesExceeded',
    });
    fakeConsumer.crash(wrapped, true);
    const plain = new Error('plain');
    fakeConsumer.crash(plain, false);
    expect(crashes).toEqual([
      [cause, true],
      [plain, false],
    ]);
  });

  test('a group id is required; a stopped consumer cannot start again; stop is idempotent', async () => {
    const kafka = new FakeKafka();
    const registry = createSchemaRegistry({ url: 'http://unused' });
    expect(() => createConsumer(kafka.asKafka(), topic, { groupId: '', registry, handler: () => undefined })).toThrow(
      expect.objectContaining({ code: 'INVALID_CONFIG', message: "consumer 'orders': groupId is required" }),
    );
    const { consumer, fakeConsumer } = await setup(() => undefined);
    await Promise.all([consumer.stop(), consumer.stop()]);
    await consumer.stop();
    expect(fakeConsumer.calls.filter((c) => c === 'stop' || c === 'disconnect')).toEqual(['stop', 'disconnect']);
    await expect(consumer.start()).rejects.toMatchObject({ code: 'INVALID_CONFIG', message: "consumer 'orders' (group g1) was stopped; create a new one" });
  });
});

/**
 * The group coordinator drops a member that goes quiet for the session timeout, so a long batch must heartbeat: after
 * a record that was awaited, once a second has passed; after a run of synchronous records, every 256th record.
 * Only Date is faked: the clock moves when a handler says so.
 */
describe('heartbeats during a long batch', () => {
  afterEach(() => void vi.useRealTimers());

  /** A batch of `count` records whose handler moves the clock by `advance(i)` ms, noting the heartbeats seen so far. */
  async function run(count: number, advance: (i: number) => number, awaited: boolean) {
    vi.useFakeTimers({ toFake: ['Date'] });
    const beatsSeen: number[] = [];
    let i = 0;
    const step = (): void => {
      beatsSeen.push(fakeConsumer.heartbeats.length);
      vi.setSystemTime(Date.now() + advance(i++));
    };
    const { fakeConsumer, good } = await setup(awaited ? async () => step() : () => step());
    await fakeConsumer.deliver(0, [good(0, 0)]); // the first record loads the writer schema (awaited): keep it out of the count
    beatsSeen.length = 0;
    i = 0;
    fakeConsumer.heartbeats.length = 0;
    await fakeConsumer.deliver(0, Array.from({ length: count }, (_, k) => good(k + 1, k)));
    return { beatsSeen, heartbeats: fakeConsumer.heartbeats };
  }

  test('an awaited handler: a heartbeat once more than a second passed since the last one, not before', async () => {
    // 600 ms per record: 1,200 ms after the second record, then the clock starts again from that heartbeat
    const { beatsSeen, heartbeats } = await run(6, () => 600, true);
    expect(beatsSeen).toEqual([0, 0, 1, 1, 2, 2]);
    expect(heartbeats).toEqual([0, 0, 0]);
  });

  test('an awaited handler: exactly one second is not yet more than a second', async () => {
    const { heartbeats } = await run(3, (i) => (i === 0 ? 1000 : 0), true);
    expect(heartbeats).toEqual([]);
  });

  test('synchronous handlers: the clock is read every 256 records, so the heartbeat comes after the 256th', async () => {
    const { beatsSeen, heartbeats } = await run(300, (i) => (i === 0 ? 5000 : 0), false);
    expect(beatsSeen.indexOf(1)).toBe(256); // the 257th record is the first to see it
    expect(heartbeats).toEqual([0]);
  });

  test('synchronous handlers, a quick batch: no heartbeat at the 256th record', async () => {
    const { heartbeats } = await run(300, () => 0, false);
    expect(heartbeats).toEqual([]);
  });
});

describe('crashes', () => {
  test('a retries-exceeded error without a cause reaches onCrash as it is; non-errors too', async () => {
    const crashes: unknown[] = [];
    const { fakeConsumer } = await setup(() => undefined, { onCrash: (e) => void crashes.push(e) });
    const bare = Object.assign(new Error('retries exceeded'), { name: 'KafkaJSNumberOfRetriesExceeded' });
    fakeConsumer.crash(bare, true);
    fakeConsumer.crash('a string', false);
    expect(crashes).toEqual([bare, 'a string']);
  });

  test('only kafkajs\'s retries-exceeded wrapper is unwrapped: an error with a cause, or a look-alike that is no Error, reaches onCrash as it is', async () => {
    const crashes: unknown[] = [];
    const { fakeConsumer } = await setup(() => undefined, { onCrash: (e) => void crashes.push(e) });
    const withCause = new Error('join failed', { cause: new Error('socket closed') });
    const lookAlike = { name: 'KafkaJSNumberOfRetriesExceeded', cause: 'inner' };
    fakeConsumer.crash(withCause, true);
    fakeConsumer.crash(lookAlike, true);
    expect(crashes).toEqual([withCause, lookAlike]);
    expect(crashes[1]).toBe(lookAlike);
  });

  test('a consumer without onCrash survives a crash event', async () => {
    const { fakeConsumer } = await setup(() => undefined);
    expect(() => fakeConsumer.crash(new Error('broker gone'), true)).not.toThrow();
  });
});
