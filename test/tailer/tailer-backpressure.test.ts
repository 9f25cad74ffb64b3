/**
 * While Kafka is behind, the tailer holds at most `maxBufferedRecords` records (dead letters included) of committed
 * transactions and stops reading the stream (flow control); what it holds is sent in requests of up to 5,000 records,
 * and each request's last transaction is the position confirmed. Over pg-stub.ts.
 */
import { afterEach, describe, expect, test, vi } from 'vitest';
import { begin, commit, holdSends, insert, started, until } from './pg-stub.js';

afterEach(() => vi.restoreAllMocks());

describe('tailer: backpressure', () => {
  test('reads on while it holds up to maxBufferedRecords records, stops reading past that, and goes on once Kafka answered', async () => {
    const t = await started({}, undefined, { maxBufferedRecords: 2 });
    const kafka = holdSends(t.kafka);
    // One record and one dead letter: 2 held, not more than the limit.
    await t.feed(begin(1), insert('0/160', 'a', 1), insert('0/161', 'z', 'not a number'), commit('0/170'));
    await t.feed(begin(2), insert('0/180', 'b', 2), commit('0/190'));
    await t.feed(begin(3), insert('0/1A0', 'c', 3), commit('0/1B0'));
    // Three held: the third transaction is not read while Kafka is behind.
    expect(t.tailer.stats().changes).toBe(3);
    expect(t.acks).toEqual([]);
    kafka.open();
    await until(() => t.acks.includes('0/1B0'));
    expect(t.tailer.stats().changes).toBe(4);
    expect(t.values()).toEqual([['a', { id: 'a', qty: 1 }], ['b', { id: 'b', qty: 2 }], ['c', { id: 'c', qty: 3 }]]);
    expect(t.sentTo('items.dlq')).toHaveLength(1);
  });

  test('a transaction of more dead letters than the buffer holds is written, and the stream goes on', async () => {
    const t = await started({}, undefined, { maxBufferedRecords: 2 });
    await t.feed(begin(1), insert('0/160', 'x', 'x'), insert('0/161', 'y', 'y'), insert('0/162', 'z', 'z'), commit('0/170'));
    await t.feed(begin(2), insert('0/180', 'b', 2), commit('0/190'));
    await t.feed(begin(3), insert('0/1A0', 'c', 3), commit('0/1B0'));
    await until(() => t.acks.includes('0/1B0'));
    expect(t.sentTo('items.dlq')).toHaveLength(3);
    expect(t.values()).toEqual([['b', { id: 'b', qty: 2 }], ['c', { id: 'c', qty: 3 }]]);
  });

  test('held transactions are sent in requests of up to 5,000 records, dead letters counted; each request then confirmed', async () => {
    const t = await started();
    const kafka = holdSends(t.kafka);
    const tx = (xid: number, from: number, n: number, end: string, bad = 0) => [
      begin(xid),
      ...Array.from({ length: n }, (_, i) => insert('0/200', `k${from + i}`, i < bad ? 'bad' : 1)),
      commit(end),
    ];
    await t.feed(...tx(1, 0, 1, '0/1000'));
    // 3,000 + 2,000 (one of them a dead letter) fill one request; the next transaction waits for the one after.
    t.emit(...tx(2, 1, 3000, '0/2000'), ...tx(3, 3001, 2000, '0/3000', 1), ...tx(4, 5001, 1, '0/4000'));
    await until(() => t.tailer.stats().changes === 5002);
    kafka.open();
    await until(() => t.acks.includes('0/4000'));
    expect(t.acks).toEqual(['0/1000', '0/3000', '0/4000']);
    const keys = t.values().map(([k]) => k);
    expect(keys).toHaveLength(5001);
    expect(keys.slice(0, 3)).toEqual(['k0', 'k1', 'k2']);
    expect(keys.at(-1)).toBe('k5001');
  }, 30_000);
});
