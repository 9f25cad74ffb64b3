/**
 * The publication and the replication slot of a tailer: created when missing, checked when present, dropped on
 * request (a forgotten slot keeps WAL forever). One slot is one stream: one tailer reads it at a time.
 */
import pg from 'pg';
import { UnilogError } from '../errors.js';
import type { TailerMapping } from './definition.js';

export interface SlotNames {
  readonly slot: string;
  readonly publication: string;
}

/** `user-connections` → `unilog_user_connections`, for the slot and the publication unless options name them. */
export function defaultSlotName(mapping: Pick<TailerMapping, 'name'>): string {
  return `unilog_${mapping.name.replace(/-/g, '_')}`;
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function tableIdent(mapping: Pick<TailerMapping, 'table'>): string {
  return `${quoteIdent(mapping.table.schema)}.${quoteIdent(mapping.table.name)}`;
}

/** Creates the publication for the table, or checks that the existing one publishes it. */
export async function ensurePublication(client: pg.ClientBase, mapping: TailerMapping, publication: string): Promise<void> {
  const found = await client.query<{ has: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_publication_tables WHERE pubname = $1 AND schemaname = $2 AND tablename = $3) AS has
       FROM pg_publication WHERE pubname = $1`,
    [publication, mapping.table.schema, mapping.table.name],
  );
  if (found.rows.length === 0) {
    await client.query(`CREATE PUBLICATION ${quoteIdent(publication)} FOR TABLE ${tableIdent(mapping)}`);
  } else if (!found.rows[0]!.has) {
    throw new UnilogError('TAILER_TABLE_MISMATCH', `publication ${publication} exists but does not publish ${mapping.table.schema}.${mapping.table.name}: add it (ALTER PUBLICATION ${quoteIdent(publication)} ADD TABLE ${tableIdent(mapping)}) or name another publication`);
  }
}

export interface SlotState {
  readonly confirmedFlushLsn: string | null;
  readonly activePid: number | null;
}

export async function slotState(client: pg.ClientBase, slot: string): Promise<SlotState | undefined> {
  const r = await client.query<{ confirmed_flush_lsn: string | null; active_pid: number | null; plugin: string; database: string; here: string }>(
    'SELECT confirmed_flush_lsn::text, active_pid, plugin, database, current_database() AS here FROM pg_replication_slots WHERE slot_name = $1',
    [slot],
  );
  const row = r.rows[0];
  if (!row) return undefined;
  if (row.database !== row.here) throw new UnilogError('TAILER_TABLE_MISMATCH', `replication slot ${slot} belongs to database ${row.database}, not ${row.here} (slot names are per cluster): name another slot`);
  if (row.plugin !== 'pgoutput') throw new UnilogError('TAILER_TABLE_MISMATCH', `replication slot ${slot} uses plugin ${row.plugin}, a tailer reads pgoutput: drop it or name another slot`);
  return { confirmedFlushLsn: row.confirmed_flush_lsn, activePid: row.active_pid };
}

/** Bytes of WAL written since the slot's confirmed position: what the tailer has still to deliver (and Postgres keeps). */
export async function slotLagBytes(client: pg.ClientBase, slot: string): Promise<number | undefined> {
  const r = await client.query<{ lag: string | null }>(
    'SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)::text AS lag FROM pg_replication_slots WHERE slot_name = $1',
    [slot],
  );
  const lag = r.rows[0]?.lag;
  return lag === undefined || lag === null ? undefined : Number(lag);
}

/**
 * Drops a tailer's slot (and its publication when `publication` is given). Resolves false when there was no slot.
 * Fails while a tailer reads the slot.
 */
export async function dropTailerSlot(connection: pg.ClientConfig, names: { slot: string; publication?: string }): Promise<boolean> {
  const client = new pg.Client(connection);
  await client.connect();
  try {
    const r = await client.query('SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1', [names.slot]);
    if (names.publication) await client.query(`DROP PUBLICATION IF EXISTS ${quoteIdent(names.publication)}`);
    return (r.rowCount ?? 0) > 0;
  } finally {
    await client.end();
  }
}

/**
 * Whether the slot's initial snapshot was written in full. The mark is the publication's comment: a tailer killed
 * during its snapshot leaves a slot without it, and the next start drops that slot and snapshots again (the slot
 * alone cannot say it, and streaming from it would miss the rows the snapshot had not written yet).
 */
export async function snapshotComplete(client: pg.ClientBase, publication: string, slot: string): Promise<boolean> {
  const r = await client.query<{ comment: string | null }>('SELECT obj_description(oid, \'pg_publication\') AS comment FROM pg_publication WHERE pubname = $1', [publication]);
  return r.rows[0]?.comment === snapshotMark(slot);
}

export async function markSnapshot(client: pg.ClientBase, publication: string, slot: string | undefined): Promise<void> {
  const mark = slot === undefined ? 'NULL' : `'${snapshotMark(slot).replace(/'/g, "''")}'`;
  await client.query(`COMMENT ON PUBLICATION ${quoteIdent(publication)} IS ${mark}`);
}

function snapshotMark(slot: string): string {
  return `unilog: the snapshot of slot ${slot} is complete`;
}
