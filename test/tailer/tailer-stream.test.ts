/**
 * The tailer's replication stream (runtime/tailer/tailer.ts `stream`) over pg-stub.ts: what is asked of PostgreSQL,
 * and what becomes of the tailer when the stream fails, ends, or cannot start because another process took the slot.
 */
import { afterEach, describe, expect, test, vi } from 'vitest';
import { begin, commit, insert, sleep, started, tailerOn, until } from './pg-stub.js';

afterEach(() => vi.restoreAllMocks());

const busy = () => Object.assign(new Error('replication slot "unilog_items" is active for PID 4711'), { code: '55006' });

describe('tailer: the replication stream', () => {
  test('asks for pgoutput protocol 1 on its publication, from the confirmed position; confirms nothing it only received', async () => {
    const t = await started();
    expect(t.streams.map((s) => s.sql)).toEqual([
      `START_REPLICATION SLOT "unilog_items" LOGICAL 0/100 (proto_version '1', publication_names 'unilog_items', messages 'false')`,
    ]);
    await t.feed(begin(7), insert('0/160', 'a', 1));
    t.keepalive('0/170', false);
    await sleep(5);
    expect(t.acks).toEqual([]);
  });

  test('an error of the running stream stops the tailer with it', async () => {
    const t = await started();
    t.services[0]!.emit('error', new Error('connection reset by peer'));
    await expect(t.tailer.done).rejects.toThrow('connection reset by peer');
    expect(t.tailer.stats()).toMatchObject({ phase: 'failed', error: 'connection reset by peer' });
  });

  test('a stream that ends stops the tailer with TAILER_STOPPED', async () => {
    const t = await started();
    t.streams[0]!.end();
    await expect(t.tailer.done).rejects.toMatchObject({ code: 'TAILER_STOPPED', message: 'tailer items: the replication stream ended' });
    expect(t.tailer.stats().phase).toBe('failed');
  });

  test('a stream that fails stops the tailer with its error', async () => {
    const t = await started();
    t.streams[0]!.fail(new Error('terminating connection due to administrator command'));
    await expect(t.tailer.done).rejects.toThrow('terminating connection due to administrator command');
  });

  test('a stream that fails before it starts: start fails with its error', async () => {
    const denied = Object.assign(new Error('permission denied to start WAL sender'), { code: '42501' });
    const t = tailerOn({ stream: () => denied });
    await expect(t.tailer.start()).rejects.toBe(denied);
    expect(t.tailer.stats()).toMatchObject({ phase: 'failed', error: 'permission denied to start WAL sender' });
  });

  test('the slot taken by another process before the stream starts: TAILER_SLOT_IN_USE, or a standby waits and takes over', async () => {
    for (const answer of [busy(), 'end' as const]) {
      const t = tailerOn({ stream: () => answer });
      await expect(t.tailer.start()).rejects.toMatchObject({ code: 'TAILER_SLOT_IN_USE' });
      vi.restoreAllMocks();
    }
    const t = tailerOn({ stream: (n) => (n < 2 ? busy() : 'start') }, { standby: true, standbyPollMs: 5 });
    await t.tailer.start();
    expect(t.streams).toHaveLength(3);
    expect(t.tailer.stats().phase).toBe('streaming');
    await t.feed(begin(7), insert('0/160', 'a', 1), commit('0/170'));
    expect(t.values()).toEqual([['a', { id: 'a', qty: 1 }]]);
    expect(t.acks).toEqual(['0/170']);
  });

  test('stop ends the stream; the tailer stays stopped', async () => {
    const t = await started();
    await t.tailer.stop();
    await until(() => t.streams[0] !== undefined);
    await sleep(10);
    expect(t.tailer.stats()).toEqual({ phase: 'stopped', snapshotRows: 0, changes: 0, deadLetters: 0, confirmedLsn: '0/100' });
    await expect(t.tailer.done).resolves.toBeUndefined();
  });
});
