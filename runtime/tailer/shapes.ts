/**
 * What a change becomes in the topic, per output shape:
 *
 * - row: the topic holds the latest row per key: an insert or update is the row as value, a delete a tombstone, an
 *   update that changed the key a tombstone for the old key and the row at the new one.
 * - envelope: Debezium's change event (`before`, `after`, `op` c/u/d/r, `source{…, lsn, txId, ts_ms}`, `ts_ms`), so
 *   consumers keep working after a move to Debezium on Kafka Connect; as Debezium does, a delete is followed by a
 *   tombstone on a compacted topic, and a key change is a delete of the old key and a create at the new one.
 *
 * A value that cannot be converted throws `UnmappableValue` (convert.ts); the tailer dead-letters the change.
 */
import type { ProducerRecord } from '../kafka/producer.js';
import { buildRecord, type Row } from './convert.js';
import { columnsOf, type TailerDefinition } from './definition.js';

/** Where a change comes from, for the envelope's `source`. */
export interface ChangeSource {
  /** The change's WAL position (the snapshot's consistent point for snapshot rows). */
  readonly lsn: bigint;
  readonly txId: number | null;
  /** Commit time, ms since the epoch (the snapshot's start for snapshot rows). */
  readonly commitMs: number;
  /** Debezium's `snapshot`: 'true' for snapshot rows ('last' for the last one), else 'false'. */
  readonly snapshot: 'true' | 'last' | 'false';
  readonly database: string;
}

type Records = ProducerRecord<unknown, unknown>[];

export interface Shape {
  /** A snapshot row (`op: r`) or an insert (`op: c`). */
  insert(row: Row, source: ChangeSource, snapshot: boolean): Records;
  /** `old` is the old key (key columns only) or the whole old row (REPLICA IDENTITY FULL), or null when unchanged. */
  update(old: Row | null, row: Row, source: ChangeSource): Records;
  /** `old` as for update: the key columns at least. */
  delete(old: Row, source: ChangeSource): Records;
}

/** The envelope's `source.version`: Debezium puts its own version there; this names the writer instead. */
const SOURCE_VERSION = 'unilog-tailer';

export function shapeOf(def: TailerDefinition): Shape {
  const keyColumns = columnsOf({ ...def, value: [] }).map((c) => c.column);
  const keyOf = (row: Row): unknown => buildRecord(def.key, row);
  const keyChanged = (old: Row | null, row: Row): boolean =>
    old !== null && keyColumns.some((c) => old[c] !== undefined && String(old[c]) !== String(row[c]));
  const compacted = def.topic.cleanupPolicy === 'compact';

  if (def.shape === 'row') {
    return {
      insert: (row) => [{ key: keyOf(row), value: buildRecord(def.value, row) }],
      update: (old, row) => [...(keyChanged(old, row) ? [{ key: keyOf(old!), value: null }] : []), { key: keyOf(row), value: buildRecord(def.value, row) }],
      delete: (old) => [{ key: keyOf(old), value: null }],
    };
  }

  const envelope = def.envelope!;
  const long = (n: bigint | number): bigint | number => (envelope.long === 'bigint' ? BigInt(n) : Number(n));
  const sourceOf = (s: ChangeSource): Record<string, unknown> => {
    const all: Record<string, unknown> = {
      version: SOURCE_VERSION, connector: 'postgresql', name: def.name, ts_ms: long(s.commitMs), snapshot: s.snapshot, db: s.database, sequence: null,
      schema: def.table.schema, table: def.table.name, txId: s.txId === null ? null : long(s.txId), lsn: long(s.lsn), xmin: null,
    };
    return Object.fromEntries(envelope.source.map((f) => [f, all[f]]));
  };
  const event = (op: 'c' | 'u' | 'd' | 'r', before: Row | null, after: Row | null, s: ChangeSource): unknown => ({
    before: before === null ? null : buildRecord(def.value, before),
    after: after === null ? null : buildRecord(def.value, after),
    op,
    source: sourceOf(s),
    ts_ms: long(Date.now()),
  });
  const del = (old: Row, s: ChangeSource): Records => [
    { key: keyOf(old), value: event('d', old, null, s) },
    ...(compacted ? [{ key: keyOf(old), value: null }] : []),
  ];
  return {
    insert: (row, s, snapshot) => [{ key: keyOf(row), value: event(snapshot ? 'r' : 'c', null, row, s) }],
    update: (old, row, s) =>
      keyChanged(old, row)
        ? [...del(old!, s), { key: keyOf(row), value: event('c', null, row, s) }]
        : [{ key: keyOf(row), value: event('u', old, row, s) }],
    delete: del,
  };
}
