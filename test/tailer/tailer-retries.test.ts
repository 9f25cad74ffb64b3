/**
 * Kafka unreachable: the tailer sends again with fresh producers after a backoff that doubles (200 ms, 400 ms, …),
 * for up to `maxOutageMs`, then stops with Kafka's error; a stop or a failure ends the retries. Over pg-stub.ts.
 */
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { FakeKafka, FakeProducer } from '../runtime/fake-kafka.js';
import { begin, commit, insert, sleep, started } from './pg-stub.js';

afterEach(() => vi.restoreAllMocks());

/** Every producer there is, and every one made from now on, refuses sends until `up()`. */
function kafkaDown(kafka: FakeKafka): { up: () => void } {
  let down = true;
  const refuse = (p: FakeProducer) => {
    const send = p.send.bind(p);
    p.send = async (r) => {
      if (down) throw new Error('connect ECONNREFUSED');
      return send(r);
    };
  };
  kafka.producers.forEach(refuse);
  const producer = kafka.producer.bind(kafka);
  kafka.producer = (config) => {
    const p = producer(config);
    refuse(p);
    return p;
  };
  return { up: () => (down = false) };
}

describe('tailer: Kafka unreachable', () => {
  test('sends again after a backoff that doubles, with fresh producers each time, and confirms once Kafka is back', async () => {
    const t = await started();
    const first = t.kafka.producers.length;
    const kafka = kafkaDown(t.kafka);
    await t.feed(begin(7), insert('0/160', 'a', 1), commit('0/180'));
    // Tries at 0, 200 and 600 ms: two renewals of the two producers by 750 ms.
    await sleep(750);
    expect(t.kafka.producers.length - first).toBe(4);
    expect(t.kafka.producers.slice(0, -2).some((p) => p.connected)).toBe(false);
    kafka.up();
    await sleep(900);
    expect(t.values()).toEqual([['a', { id: 'a', qty: 1 }]]);
    expect(t.acks).toEqual(['0/180']);
  });

  test('a renewed dead-letter producer is configured as the first: idempotent, one request in flight, no topic creation, acks from every replica', async () => {
    const t = await started();
    const [, dead] = t.kafka.producers;
    expect(dead!.config).toMatchObject({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    dead!.failSends.push(new Error('connect ECONNREFUSED'));
    await t.feed(begin(7), insert('0/160', 'a', 'many'), commit('0/180'));
    await sleep(400);
    expect(t.acks).toEqual(['0/180']);
    const renewed = t.kafka.producers.slice(2).find((p) => p.sent.length > 0)!;
    expect(renewed.config).toMatchObject({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    expect(renewed.sent.map((s) => [s.topic, s.acks])).toEqual([['items.dlq', -1]]);
  });

  test('past maxOutageMs the tailer stops with Kafka\'s error, having confirmed nothing', async () => {
    const t = await started({}, undefined, { maxOutageMs: 100 });
    kafkaDown(t.kafka);
    await t.feed(begin(7), insert('0/160', 'a', 1), commit('0/180'));
    const outcome = await Promise.race([t.tailer.done.then(() => 'stopped', (e: Error) => e.message), sleep(1500).then(() => 'still retrying')]);
    expect(outcome).toBe('connect ECONNREFUSED');
    expect(t.acks).toEqual([]);
  });

  test('maxOutageMs is how long an outage may last: a failure in its last millisecond is still sent again', async () => {
    const t = await started({}, undefined, { maxOutageMs: 0 });
    const kafka = kafkaDown(t.kafka);
    // The clock stands still: every failure falls in the deadline's own millisecond.
    vi.spyOn(Date, 'now').mockReturnValue(1_700_000_000_000);
    await t.feed(begin(7), insert('0/160', 'a', 1), commit('0/180'));
    kafka.up();
    await sleep(400);
    expect(t.acks).toEqual(['0/180']);
  });

  test('a stop during the outage ends the retries: nothing is written or confirmed after it', async () => {
    const t = await started();
    const kafka = kafkaDown(t.kafka);
    await t.feed(begin(7), insert('0/160', 'a', 1), commit('0/180'));
    await t.tailer.stop();
    kafka.up();
    await sleep(700);
    expect(t.values()).toEqual([]);
    expect(t.kafka.producers.some((p) => p.connected)).toBe(false);
    expect(t.tailer.stats()).toMatchObject({ phase: 'stopped', confirmedLsn: '0/100' });
  });

  test('a failure during the outage ends the retries, and is the error reported', async () => {
    const t = await started();
    const kafka = kafkaDown(t.kafka);
    await t.feed(begin(7), insert('0/160', 'a', 1), commit('0/180'));
    t.services[0]!.emit('error', new Error('connection reset by peer'));
    kafka.up();
    await sleep(700);
    expect(t.values()).toEqual([]);
    expect(t.kafka.producers.some((p) => p.connected)).toBe(false);
    expect(t.tailer.stats()).toMatchObject({ phase: 'failed', error: 'connection reset by peer', confirmedLsn: '0/100' });
  });
});
