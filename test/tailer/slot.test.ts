/**
 * The publication and replication slot of a tailer (runtime/tailer/slot.ts): the statements sent and the refusals, over
 * a stand-in for a `pg` client that answers each query from a script (the real PostgreSQL is in test/integration).
 */
import pg from 'pg';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { defaultSlotName, dropTailerSlot, ensurePublication, markSnapshot, slotLagBytes, slotState, snapshotComplete, tableIdent } from '../../runtime/tailer/slot.js';
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
    expect(none.sent[0]!.sql).toMatch(/FROM pg_publication_tables WHERE pubname = \$1 AND schemaname = \$2 AND tablename = \$3\) AS has\s+FROM pg_publication WHERE pubname = \$1/);
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
    expect(ok.sent[0]).toEqual({ sql: 'SELECT confirmed_flush_lsn::text, active_pid, plugin, database, current_database() AS here FROM pg_replication_slots WHERE slot_name = $1', params: ['s'] });
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
    const lag = client([{ lag: '123456' }]);
    expect(await slotLagBytes(lag.c, 's')).toBe(123456);
    expect(lag.sent[0]).toEqual({ sql: 'SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)::text AS lag FROM pg_replication_slots WHERE slot_name = $1', params: ['s'] });
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
    const done = client([{ comment: "unilog: the snapshot of slot it's is complete" }]);
    expect(await snapshotComplete(done.c, 'pub', "it's")).toBe(true);
    expect(done.sent[0]).toEqual({ sql: "SELECT obj_description(oid, 'pg_publication') AS comment FROM pg_publication WHERE pubname = $1", params: ['pub'] });
    expect(await snapshotComplete(client([{ comment: 'unilog: the snapshot of slot other is complete' }]).c, 'pub', "it's")).toBe(false);
    expect(await snapshotComplete(client().c, 'pub', 's')).toBe(false);
  });

  describe('dropTailerSlot', () => {
    afterEach(() => vi.restoreAllMocks());

    /** pg.Client's own methods stubbed: the statements it is sent, answered with `rowCount`. */
    function stubClient(rowCount: number | null, fail?: Error) {
      const sent: Array<{ sql: string; params?: unknown[] }> = [];
      const ended = vi.spyOn(pg.Client.prototype, 'end').mockResolvedValue(undefined as never);
      vi.spyOn(pg.Client.prototype, 'connect').mockResolvedValue(undefined as never);
      vi.spyOn(pg.Client.prototype, 'query').mockImplementation((async (sql: string, params?: unknown[]) => {
        sent.push({ sql, params });
        if (fail) throw fail;
        return { rowCount, rows: [] };
      }) as never);
      return { sent, ended };
    }

    test('drops the slot and the publication; true when there was a slot', async () => {
      const { sent, ended } = stubClient(1);
      expect(await dropTailerSlot({}, { slot: 's', publication: 'p"x' })).toBe(true);
      expect(sent).toEqual([
        { sql: 'SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1', params: ['s'] },
        { sql: 'DROP PUBLICATION IF EXISTS "p""x"', params: undefined },
      ]);
      expect(ended).toHaveBeenCalledOnce();
    });

    test('false when there was no slot; the publication is left alone unless named', async () => {
      stubClient(0);
      expect(await dropTailerSlot({}, { slot: 's' })).toBe(false);
      vi.restoreAllMocks();
      const { sent } = stubClient(null);
      expect(await dropTailerSlot({}, { slot: 's' })).toBe(false);
      expect(sent).toHaveLength(1);
    });

    test('the connection is closed when the drop fails (a tailer still reads the slot)', async () => {
      const { ended } = stubClient(0, new Error('replication slot "s" is active'));
      await expect(dropTailerSlot({}, { slot: 's' })).rejects.toThrow('is active');
      expect(ended).toHaveBeenCalledOnce();
    });
  });
});
