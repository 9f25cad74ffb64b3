/**
 * Replay over an in-process kafkajs fake (test/runtime/fake-kafka.ts): "caught up" is the moment every partition reached
 * the high-watermark it had when the replay started (its last record is at `high - 1`), and a replay never commits.
 * The same against a real broker: test/integration/runtime-replay.test.ts.
 */
import { afterEach, describe, expect, test, vi } from 'vitest';
import { createCodec, createSchemaRegistry, replay, type AvroRecordSchema, type CaughtUp, type ConsumedRecord, type ReplayOptions } from '../../runtime/index.js';
import { FakeKafka, message, type TopicOffsets } from './fake-kafka.js';
import { FakeRegistry } from './fake-registry.js';

const VALUE: AvroRecordSchema = { type: 'record', name: 'V', fields: [{ name: 'n', type: 'int' }] };
const topic = {
  name: 'state',
  key: createCodec<string>('string'),
  value: createCodec<{ n: number }>(VALUE),
  visibility: 'shared',
  owner: 'o',
  partitions: 2,
  cleanupPolicy: 'compact',
  compatibility: 'BACKWARD',
} as const;

type Options = Partial<ReplayOptions<string, { n: number }>>;

async function setup(offsets: TopicOffsets[], options: Options = {}, handler = (_: ConsumedRecord<string, { n: number }>): void => undefined) {
  const fake = new FakeRegistry();
  const writer = createSchemaRegistry({ url: fake.base, fetch: fake.fetch }).topicSerdes(topic);
  await Promise.all([writer.key.prepare(), writer.value.prepare()]);
  const kafka = new FakeKafka();
  kafka.offsets.set('state', offsets);
  const settled: Array<CaughtUp | { rejected: unknown }> = [];
  const r = await replay(kafka.asKafka(), topic, {
    registry: createSchemaRegistry({ url: fake.base, fetch: fake.fetch }),
    handler,
    retry: { attempts: 2, initialDelayMs: 1, maxDelayMs: 1 },
    ...options,
  });
  r.caughtUp.then(
    (c) => void settled.push(c),
    (e: unknown) => void settled.push({ rejected: e }),
  );
  const good = (offset: number, n: number | null) => message(offset, writer.key.encode(`k${offset}`), n === null ? null : writer.value.encode({ n }));
  return { kafka, replay: r, c: kafka.theConsumer, settled, good };
}

/** Lets the caughtUp callbacks run. */
const flush = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

describe('replay (fake kafkajs)', () => {
  test('caught up exactly when the record at high - 1 of every partition was handled, not one record before', async () => {
    const { replay: r, c, settled, good } = await setup([
      { partition: 0, low: '0', high: '3' },
      { partition: 1, low: '5', high: '7' },
    ]);
    await c.deliver(0, [good(0, 1), good(1, 2)]);
    await c.deliver(1, [good(5, 1), good(6, 2)]);
    await flush();
    expect(settled).toEqual([]); // partition 0 still has offset 2 (= high - 1) to go
    await c.deliver(0, [good(2, 3)]);
    await flush();
    expect(settled).toEqual([{ records: 5, highWatermarks: new Map([[0, '3'], [1, '7']]), ms: expect.any(Number) }]);
    expect(await r.caughtUp).toBe(settled[0]);
    // live records after it are handled, not counted, and nothing is ever committed
    await c.deliver(0, [good(3, 4)]);
    expect(c.commits).toEqual([]);
    expect(c.subscribed).toEqual({ topics: ['state'], fromBeginning: true });
  });

  test('empty partitions (high = low) are caught up at start', async () => {
    const onCaughtUp: CaughtUp[] = [];
    const { settled } = await setup(
      [
        { partition: 0, low: '4', high: '4' },
        { partition: 1, low: '0', high: '0' },
      ],
      { onCaughtUp: (i) => void onCaughtUp.push(i) },
    );
    await flush();
    expect(settled).toEqual([expect.objectContaining({ records: 0, highWatermarks: new Map([[0, '4'], [1, '0']]) })]);
    expect(onCaughtUp).toEqual(settled);
  });

  test('a partition whose last offsets the handler never sees (compacted away) is caught up by the batch\'s last offset', async () => {
    const { c, settled, good } = await setup([{ partition: 0, low: '0', high: '10' }]);
    await c.deliver(0, [good(0, 1), good(4, 2)], { lastOffset: '8' });
    await flush();
    expect(settled).toEqual([]);
    await c.deliver(0, [], { lastOffset: '9' }); // a batch of only compacted-away or control records
    await flush();
    expect(settled).toEqual([expect.objectContaining({ records: 2 })]);
  });

  test('tombstones reach the handler as value null', async () => {
    const seen: Array<[string, unknown]> = [];
    const { c, settled, good } = await setup([{ partition: 0, low: '0', high: '2' }], {}, (r) => void seen.push([r.key, r.value]));
    await c.deliver(0, [good(0, 1), good(1, null)]);
    await flush();
    expect(seen).toEqual([
      ['k0', { n: 1 }],
      ['k1', null],
    ]);
    expect(settled).toEqual([expect.objectContaining({ records: 2 })]);
  });

  test('a fresh group each time unless one is given; stop before caught up rejects REPLAY_STOPPED', async () => {
    const a = await setup([{ partition: 0, low: '0', high: '1' }]);
    const b = await setup([{ partition: 0, low: '0', high: '1' }]);
    expect(a.replay.groupId).toMatch(/^unilog-replay-state-[0-9a-f-]{36}$/);
    expect(a.replay.groupId).not.toBe(b.replay.groupId);
    expect(a.c.config.groupId).toBe(a.replay.groupId);
    await a.replay.stop();
    await flush();
    expect(a.settled).toEqual([{ rejected: expect.objectContaining({ code: 'REPLAY_STOPPED' }) }]);
    expect((a.settled[0] as { rejected: Error }).rejected.message).toBe(
      `replay of 'state' (group ${a.replay.groupId}) stopped before it caught up`,
    );
    const named = await setup([{ partition: 0, low: '0', high: '1' }], { groupId: 'mine' });
    expect(named.replay.groupId).toBe('mine');
  });

  test('a crash kafkajs will not restart rejects caughtUp; one it restarts does not', async () => {
    const crashes: boolean[] = [];
    const { c, settled } = await setup([{ partition: 0, low: '0', high: '1' }], { onCrash: (_, restart) => void crashes.push(restart) });
    c.crash(new Error('retrying'), true);
    await flush();
    expect(settled).toEqual([]);
    const fatal = new Error('fatal');
    c.crash(fatal, false);
    await flush();
    expect(settled).toEqual([{ rejected: expect.objectContaining({ code: 'REPLAY_STOPPED', cause: fatal }) }]);
    expect((settled[0] as { rejected: Error }).rejected.message).toContain('stopped before it caught up: fatal');
    expect(crashes).toEqual([true, false]);
  });

  test('by default a record that keeps failing is dead-lettered and the replay goes on to catch up', async () => {
    const { kafka, c, settled, good } = await setup([{ partition: 0, low: '0', high: '2' }], {}, (r) => {
      if (r.offset === '0') throw new Error('bad state');
    });
    await c.deliver(0, [good(0, 1), good(1, 2)]);
    await flush();
    expect(settled).toEqual([expect.objectContaining({ records: 2 })]);
    expect(kafka.producers.flatMap((p) => p.sent.map((s) => `${s.topic} ${s.messages.length}`))).toEqual(['state.dlq 1']);
    expect(c.commits).toEqual([]);
  });

  test('a dead-letter topic of its own is where a failing record goes', async () => {
    const { kafka, c, good } = await setup([{ partition: 0, low: '0', high: '1' }], { deadLetter: { topic: 'state.poison' } }, () => {
      throw new Error('bad state');
    });
    await c.deliver(0, [good(0, 1)]);
    expect(kafka.producers.flatMap((p) => p.sent.map((s) => s.topic))).toEqual(['state.poison']);
  });

  test('with deadLetter: false a record that keeps failing stops the replay, is not skipped, and REPLAY_STOPPED says what to do', async () => {
    const { kafka, c, settled, good } = await setup([{ partition: 0, low: '0', high: '2' }], { deadLetter: false }, (r) => {
      if (r.offset === '0') throw new Error('bad state');
    });
    await expect(c.deliver(0, [good(0, 1), good(1, 2)])).rejects.toMatchObject({ code: 'HANDLER_FAILED' });
    await flush();
    expect(settled).toEqual([]);
    expect(kafka.producers).toEqual([]);
    expect(c.commits).toEqual([]);
    c.crash(new Error('the handler failed 2 time(s): bad state'), false);
    await flush();
    const stopped = (settled[0] as { rejected: Error & { code: string; cause: { code: string } } }).rejected;
    expect(stopped).toMatchObject({ code: 'REPLAY_STOPPED', cause: { code: 'HANDLER_FAILED' } });
    expect(stopped.message).toContain('remove that option to dead-letter such a record and go on');
  });

  test('watermarks: a retriable broker error is retried, any other is thrown', async () => {
    const kafka = new FakeKafka();
    kafka.offsets.set('state', [{ partition: 0, low: '0', high: '0' }]);
    kafka.offsetFailures.push(Object.assign(new Error('NOT_LEADER_FOR_PARTITION'), { retriable: true }));
    const registry = createSchemaRegistry({ url: 'http://unused' });
    const r = await replay(kafka.asKafka(), topic, { registry, handler: () => undefined, deadLetter: false });
    expect(kafka.adminCalls).toEqual(['connect', 'fetchTopicOffsets state', 'fetchTopicOffsets state', 'disconnect']);
    expect((await r.caughtUp).records).toBe(0);

    const broken = new FakeKafka();
    const denied = Object.assign(new Error('TOPIC_AUTHORIZATION_FAILED'), { retriable: false });
    broken.offsetFailures.push(denied);
    await expect(replay(broken.asKafka(), topic, { registry, handler: () => undefined })).rejects.toBe(denied);
    expect(broken.adminCalls).toEqual(['connect', 'fetchTopicOffsets state', 'disconnect']);
    expect(broken.consumers).toEqual([]);
  });
});

describe('replay: what does not count as caught up', () => {
  test('a batch cut short (kafkajs stopped running it, as in a rebalance) does not reach the high-watermark by its last offset', async () => {
    const seen: string[] = [];
    const { c, settled, good } = await setup([{ partition: 0, low: '0', high: '3' }], {}, (r) => {
      seen.push(r.offset);
      if (r.offset === '0') c.running = false; // kafkajs no longer runs this consumer: the batch ends after this record
    });
    await c.deliver(0, [good(0, 1), good(1, 2), good(2, 3)]);
    await flush();
    expect(seen).toEqual(['0']);
    expect(settled).toEqual([]); // records 1 and 2 were never handled
    c.running = true;
    await c.deliver(0, [good(1, 2), good(2, 3)]);
    await flush();
    expect(settled).toEqual([expect.objectContaining({ records: 3 })]);
  });

  test('a stale batch does not reach the high-watermark by its last offset', async () => {
    const { c, settled, good } = await setup([{ partition: 0, low: '0', high: '2' }]);
    await c.deliver(0, [good(0, 1), good(1, 2)], { stale: true });
    await flush();
    expect(settled).toEqual([]);
  });

  test('caughtUp.ms is the time since the replay started', async () => {
    const before = Date.now();
    const { c, settled, good } = await setup([{ partition: 0, low: '0', high: '1' }]);
    await c.deliver(0, [good(0, 1)]);
    await flush();
    const { ms } = settled[0] as CaughtUp;
    expect(ms).toBeGreaterThanOrEqual(0);
    expect(ms).toBeLessThanOrEqual(Date.now() - before);
  });

  test('a crash after caught up, or without onCrash, leaves caughtUp resolved and throws nothing', async () => {
    const { c, settled, good } = await setup([{ partition: 0, low: '0', high: '1' }]);
    await c.deliver(0, [good(0, 1)]);
    await flush();
    expect(() => c.crash(new Error('fatal'), false)).not.toThrow();
    await flush();
    expect(settled).toEqual([expect.objectContaining({ records: 1 })]);
  });
});

describe('replay: watermarks while the broker is not ready', () => {
  afterEach(() => void vi.useRealTimers());

  /** A replay whose first `failures` watermark requests fail with a retriable error; the backoff sleeps run on a fake clock. */
  async function withFailures(failures: number) {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const kafka = new FakeKafka();
    kafka.offsets.set('state', [{ partition: 0, low: '0', high: '0' }]);
    for (let i = 1; i <= failures; i++) kafka.offsetFailures.push(Object.assign(new Error(`NOT_LEADER_FOR_PARTITION ${i}`), { retriable: true }));
    const registry = createSchemaRegistry({ url: 'http://unused' });
    const started = replay(kafka.asKafka(), topic, { registry, handler: () => undefined, deadLetter: false }).then(
      (r) => r.caughtUp,
      (e: unknown) => ({ rejected: e }),
    );
    await vi.advanceTimersByTimeAsync(60_000);
    return { outcome: await started, fetches: kafka.adminCalls.filter((c) => c.startsWith('fetchTopicOffsets')).length };
  }

  test('ten attempts in all: nine retriable failures are waited out', async () => {
    const { outcome, fetches } = await withFailures(9);
    expect(outcome).toMatchObject({ records: 0 });
    expect(fetches).toBe(10);
  });

  test('the first retry of the watermarks comes after 50 ms (± 20 % jitter), not the handler retries\' 200', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const kafka = new FakeKafka();
    kafka.offsets.set('state', [{ partition: 0, low: '0', high: '0' }]);
    kafka.offsetFailures.push(Object.assign(new Error('NOT_LEADER_FOR_PARTITION'), { retriable: true }));
    void replay(kafka.asKafka(), topic, { registry: createSchemaRegistry({ url: 'http://unused' }), handler: () => undefined, deadLetter: false });
    await vi.advanceTimersByTimeAsync(60);
    expect(kafka.adminCalls.filter((c) => c.startsWith('fetchTopicOffsets'))).toHaveLength(2);
  });

  test('ten attempts in all: the tenth retriable failure is thrown', async () => {
    const { outcome, fetches } = await withFailures(10);
    expect(outcome).toEqual({ rejected: expect.objectContaining({ message: 'NOT_LEADER_FOR_PARTITION 10' }) });
    expect(fetches).toBe(10);
  });
});

describe('replay: stopping and failing', () => {
  test('stop after caught up, or twice, throws nothing and leaves caughtUp resolved', async () => {
    const { replay: r, c, settled, good } = await setup([{ partition: 0, low: '0', high: '1' }]);
    await c.deliver(0, [good(0, 1)]);
    await r.stop();
    await r.stop();
    await flush();
    expect(settled).toEqual([expect.objectContaining({ records: 1 })]);
  });

  test('a failure after handled records commits nothing (a replay never commits)', async () => {
    const { c, good } = await setup([{ partition: 0, low: '0', high: '3' }], { deadLetter: false }, (rec) => {
      if (rec.offset === '1') throw new Error('bad state');
    });
    await expect(c.deliver(0, [good(0, 1), good(1, 2), good(2, 3)])).rejects.toMatchObject({ code: 'HANDLER_FAILED' });
    expect(c.commits).toEqual([]);
  });

  test('REPLAY_STOPPED by a broker error carries no dead-letter hint; by an undecodable record it does', async () => {
    const broker = await setup([{ partition: 0, low: '0', high: '1' }]);
    broker.c.crash(new Error('coordinator gone'), false);
    await flush();
    const stopped = (broker.settled[0] as { rejected: Error }).rejected;
    expect(stopped.message).toBe(`replay of 'state' (group ${broker.replay.groupId}) stopped before it caught up: coordinator gone`);
    const undecodable = await setup([{ partition: 0, low: '0', high: '1' }]);
    undecodable.c.crash(Object.assign(new Error('bad bytes'), { code: 'UNDECODABLE_RECORD' }), false);
    await flush();
    expect((undecodable.settled[0] as { rejected: Error }).rejected.message).toContain('bad bytes (this replay has deadLetter: false;');
  });
});
