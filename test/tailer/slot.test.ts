/**
 * The publication and replication slot of a tailer (runtime/tailer/slot.ts): the statements sent and the refusals, over
 * a stand-in for a `pg` client that answers each query from a script (the real PostgreSQL is in test/integration).
 */
import type pg from 'pg';
import { describe, expect, test } from 'vitest';
import { defaultSlotName, ensurePublication, markSnapshot, slotLagBytes, slotState, snapshotComplete, tableIdent } from '../../runtime/tailer/slot.js';
import type { TailerMapping } from '../../runtime/tailer/definition.js';

/** A client answering every query with `rows`, and the statements it was sent. */
function client(rows: ReadonlyArray<Record<string, unknown>> = []) {
  const sent: Array<{ sql: string; params?: unknown[] }> = [];
  const c = { query: async (sql: string, params?: unknown[]) => (sent.push({ sql, params }), { rows }) } as unknown as pg.ClientBase;
  return { c, sent };
}

const mapping = { name: 'user-connections', table: { schema: 'My"Schema', name: 'user_connections' } } as TailerMapping;

describe('slot and publication', () => {
  test('names: a default slot name per tailer, identifiers quoted', () => {
    expect(defaultSlotName({ name: 'user-connections-2' })).toBe('unilog_user_connections_2');
    expect(tableIdent(mapping)).toBe('"My""Schema"."user_connections"');
  });

  test('a missing publication is created for the table; one that publishes it is kept', async () => {
    const none = client();
    await ensurePublication(none.c, mapping, 'pub"1');
    expect(none.sent[0]!.params).toEqual(['pub"1', 'My"Schema', 'user_connections']);
    expect(none.sent[1]!.sql).toBe('CREATE PUBLICATION "pub""1" FOR TABLE "My""Schema"."user_connections"');
    const kept = client([{ has: true }]);
    await ensurePublication(kept.c, mapping, 'pub');
    expect(kept.sent).toHaveLength(1);
  });

  test('a publication that does not publish the table is refused with TAILER_TABLE_MISMATCH', async () => {
    await expect(ensurePublication(client([{ has: false }]).c, mapping, 'pub')).rejects.toMatchObject({
      code: 'TAILER_TABLE_MISMATCH',
      message: 'publication pub exists but does not publish My"Schema.user_connections: add it (ALTER PUBLICATION "pub" ADD TABLE "My""Schema"."user_connections") or name another publication',
    });
  });

  test('slot state: none, a pgoutput slot of this database, or a refusal naming why', async () => {
    expect(await slotState(client().c, 's')).toBeUndefined();
    const ok = client([{ confirmed_flush_lsn: '0/16B3748', active_pid: null, plugin: 'pgoutput', database: 'shop', here: 'shop' }]);
    expect(await slotState(ok.c, 's')).toEqual({ confirmedFlushLsn: '0/16B3748', activePid: null });
    expect(ok.sent[0]!.params).toEqual(['s']);
    await expect(slotState(client([{ plugin: 'pgoutput', database: 'other', here: 'shop' }]).c, 's')).rejects.toMatchObject({
      code: 'TAILER_TABLE_MISMATCH',
      message: 'replication slot s belongs to database other, not shop (slot names are per cluster): name another slot',
    });
    await expect(slotState(client([{ plugin: 'wal2json', database: 'shop', here: 'shop' }]).c, 's')).rejects.toMatchObject({
      code: 'TAILER_TABLE_MISMATCH',
      message: 'replication slot s uses plugin wal2json, a tailer reads pgoutput: drop it or name another slot',
    });
  });

  test('slot lag in bytes, undefined without a slot or a confirmed position', async () => {
    expect(await slotLagBytes(client([{ lag: '123456' }]).c, 's')).toBe(123456);
    expect(await slotLagBytes(client([{ lag: null }]).c, 's')).toBeUndefined();
    expect(await slotLagBytes(client().c, 's')).toBeUndefined();
  });

  test("the snapshot mark: the publication's comment names the slot whose snapshot is complete", async () => {
    const mark = client();
    await markSnapshot(mark.c, 'pub', "it's");
    await markSnapshot(mark.c, 'pub', undefined);
    expect(mark.sent.map((s) => s.sql)).toEqual([
      `COMMENT ON PUBLICATION "pub" IS 'unilog: the snapshot of slot it''s is complete'`,
      'COMMENT ON PUBLICATION "pub" IS NULL',
    ]);
    expect(await snapshotComplete(client([{ comment: "unilog: the snapshot of slot it's is complete" }]).c, 'pub', "it's")).toBe(true);
    expect(await snapshotComplete(client([{ comment: 'unilog: the snapshot of slot other is complete' }]).c, 'pub', "it's")).toBe(false);
    expect(await snapshotComplete(client().c, 'pub', 's')).toBe(false);
  });
});
