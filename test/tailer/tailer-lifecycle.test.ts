/**
 * The tailer's phases and what each leaves behind (over pg-stub.ts): before start, while a standby waits, during a
 * snapshot, and after a failure, whose error is the first one and after which nothing is read or confirmed.
 */
import pg from 'pg';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { begin, commit, insert, sleep, started, tailerOn, until } from './pg-stub.js';

afterEach(() => vi.restoreAllMocks());

describe('tailer: phases', () => {
  test('before start: idle, nothing confirmed; a stop then closes it', async () => {
    const t = tailerOn();
    expect(t.tailer.stats()).toEqual({ phase: 'idle', snapshotRows: 0, changes: 0, deadLetters: 0, confirmedLsn: undefined });
    expect(await t.tailer.lagBytes()).toBeUndefined();
    await t.tailer.stop();
    expect(t.tailer.stats().phase).toBe('stopped');
    await expect(t.tailer.done).resolves.toBeUndefined();
  });

  test('a standby looks at the slot every standbyPollMs', async () => {
    let looks = 0;
    const startedAt = Date.now();
    await started({ activePid: () => (++looks < 4 ? 4711 : null) }, undefined, { standby: true, standbyPollMs: 20 });
    // Three waits of 20 ms (not the default 1,000).
    expect(Date.now() - startedAt).toBeLessThan(900);
    expect(looks).toBe(4);
  });

  test('a standby stopped while it waits: start resolves, and it never streams', async () => {
    let free = false;
    const t = tailerOn({ activePid: () => (free ? null : 4711) }, { standby: true, standbyPollMs: 20 });
    const starting = t.tailer.start();
    await until(() => t.tailer.stats().phase === 'standby');
    await t.tailer.stop();
    free = true;
    await starting;
    await sleep(50);
    expect(t.streams).toEqual([]);
    expect(t.tailer.stats().phase).toBe('stopped');
  });

  test('a slot without a confirmed position streams from 0/0', async () => {
    const t = await started({ confirmedFlush: null });
    expect(t.streams[0]!.sql).toContain('LOGICAL 0/0 (');
    expect(t.tailer.stats().confirmedLsn).toBe('0/0');
  });

  test('a new slot: nothing is dropped; the snapshot phase, its connections closed after it', async () => {
    let phase: string | undefined;
    const t = tailerOn({ slot: 'none', rows: [{ id: 'a', qty: 1 }], onFetch: () => void (phase ??= t.tailer.stats().phase) });
    await t.tailer.start();
    expect(phase).toBe('snapshot');
    expect(t.statements.filter((s) => s.includes('drop_replication_slot') || s.startsWith('DROP_REPLICATION_SLOT'))).toEqual([]);
    const end = vi.mocked(pg.Client.prototype.end);
    const connect = vi.mocked(pg.Client.prototype.connect);
    // The admin connection, the slot's (replication) and the snapshot reader's, then the stream's.
    const [, repl, reader] = connect.mock.contexts as pg.Client[];
    expect(end.mock.contexts).toEqual([reader, repl]);
  });

  test('a slot left without its snapshot mark is dropped by name', async () => {
    const t = await started({ slot: 'unmarked', rows: [] });
    expect(t.calls.find((c) => c.sql === 'SELECT pg_drop_replication_slot($1)')?.params).toEqual(['unilog_items']);
  });

  test('a slot another process created first is not dropped', async () => {
    const t = tailerOn({ slot: 'none', createError: { code: '42710' } });
    await expect(t.tailer.start()).rejects.toMatchObject({ code: 'TAILER_SLOT_IN_USE' });
    expect(t.statements.filter((s) => s.startsWith('DROP_REPLICATION_SLOT'))).toEqual([]);
  });
});

describe('tailer: changes and failures', () => {
  test('every insert, update and delete is counted; other messages (a relation\'s description) are not changes', async () => {
    const t = await started();
    await t.feed(
      begin(7), ['0/150', { tag: 'relation', relationOid: 16384, schema: 'public', name: 'items', replicaIdentity: 'f', columns: [], keyColumns: [] }],
      insert('0/160', 'a', 1),
      ['0/170', { tag: 'update', old: null, key: null, new: { id: 'a', qty: 2 } }],
      ['0/180', { tag: 'delete', old: null, key: { id: 'a' } }],
      commit('0/190'),
    );
    expect(t.tailer.stats()).toMatchObject({ changes: 3, confirmedLsn: '0/190' });
  });

  test('a delete without its old row or key (replica identity changed to NOTHING) stops the tailer: it is no dead letter', async () => {
    const t = await started();
    await t.feed(begin(7), ['0/160', { tag: 'delete', old: null, key: null }], commit('0/170'));
    await expect(t.tailer.done).rejects.toThrow(TypeError);
    expect(t.tailer.stats()).toMatchObject({ phase: 'failed', deadLetters: 0, confirmedLsn: '0/100' });
    expect(t.sentTo('items.dlq')).toEqual([]);
  });

  test('after a failure nothing more is read, and a later failure does not replace the first', async () => {
    const t = await started();
    const [producer] = t.kafka.producers;
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const send = producer!.send.bind(producer);
    // Kafka writes the batch but answers only after the tailer failed: its end must not be confirmed.
    producer!.send = async (r) => {
      const written = await send(r);
      await held;
      return written;
    };
    await t.feed(begin(7), insert('0/160', 'a', 1), commit('0/170'));
    await t.feed(begin(8), ['0/180', { tag: 'truncate' }]);
    await expect(t.tailer.done).rejects.toMatchObject({ code: 'TAILER_STOPPED' });
    await t.feed(begin(9), insert('0/190', 'b', 1));
    release();
    await sleep(20);
    expect(t.tailer.stats()).toMatchObject({ phase: 'failed', changes: 1, confirmedLsn: '0/100', error: expect.stringContaining('was truncated') });
    expect(t.acks).toEqual([]);
  });
});
