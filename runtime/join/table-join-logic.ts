/**
 * Table ⋈ table, one-to-many: per partition, the table rows by key and, per table key and side, the related rows
 * (read from the via topic, where the re-key step put them under the key they point at). A change to a row or to one
 * of its related rows recomputes that row's output; a deleted row becomes an output tombstone.
 */
import type { KafkaMessage } from 'kafkajs';
import { UnilogError } from '../errors.js';
import type { SchemaRegistry, Serde } from '../registry/index.js';
import type { TableJoin, TableJoinFunction } from './define.js';
import type { InputRole, JoinLogic, OutputRecord } from './join-logic.js';
import { idOf, viaKeyCodec } from './via-record.js';

interface TableJoinState<TK, TV, RV> {
  readonly rows: Map<string, { key: TK; value: TV }>;
  /** Table key id → side → related key id → related row. */
  readonly related: Map<string, Map<string, Map<string, RV>>>;
  relatedCount: number;
  /** Table key ids changed since the last drain; the key is kept for a deleted row's tombstone. */
  readonly dirty: Map<string, TK | undefined>;
}

export class TableJoinLogic<TK, TKI, TV, TVI, RK, RKI, RV, RVI, Side extends string, OK, OV, OVI>
  implements JoinLogic<TableJoinState<TK, TV, RV>>
{
  private readonly tableKey: Serde<TK, TKI>;
  private readonly tableValue: Serde<TV, TVI>;
  private readonly viaKey: Serde<Buffer, Uint8Array>;
  private readonly viaValue: Serde<Buffer, Uint8Array>;
  private readonly relatedValue: Serde<RV, RVI>;

  constructor(
    private readonly join: TableJoin<TK, TKI, TV, TVI, RK, RKI, RV, RVI, Side, OK, OV, OVI>,
    private readonly fn: TableJoinFunction<TV, RV, Side, OVI>,
    registry: SchemaRegistry,
  ) {
    const table = registry.topicSerdes(join.table);
    const via = registry.topicSerdes(join.via);
    this.tableKey = table.key;
    this.tableValue = table.value;
    this.viaKey = via.key;
    this.viaValue = via.value;
    this.relatedValue = registry.topicSerdes(join.related).value;
  }

  newPartition(): TableJoinState<TK, TV, RV> {
    return { rows: new Map(), related: new Map(), relatedCount: 0, dirty: new Map() };
  }

  async apply(s: TableJoinState<TK, TV, RV>, role: InputRole, m: KafkaMessage, emit: boolean): Promise<void> {
    if (!m.key) return;
    if (role === 'table') {
      const key = await this.tableKey.decodeAsync(m.key);
      const id = idOf(this.join.table.key.encode(key as unknown as TKI));
      if (m.value) s.rows.set(id, { key, value: await this.tableValue.decodeAsync(m.value) });
      else s.rows.delete(id);
      if (emit) s.dirty.set(id, key);
      return;
    }
    const via = viaKeyCodec.decode(await this.viaKey.decodeAsync(m.key));
    const id = idOf(via.tableKey);
    let sides = s.related.get(id);
    if (!sides) s.related.set(id, (sides = new Map()));
    let rows = sides.get(via.side);
    if (!rows) sides.set(via.side, (rows = new Map()));
    const relId = idOf(via.key);
    const before = rows.size;
    if (m.value) rows.set(relId, await this.relatedValue.decodeAsync(await this.viaValue.decodeAsync(m.value)));
    else rows.delete(relId);
    s.relatedCount += rows.size - before;
    if (rows.size === 0) sides.delete(via.side);
    if (sides.size === 0) s.related.delete(id);
    if (emit && !s.dirty.has(id)) s.dirty.set(id, undefined);
  }

  drain(s: TableJoinState<TK, TV, RV>): OutputRecord[] {
    const out: OutputRecord[] = [];
    for (const [id, deletedKey] of s.dirty) {
      const row = s.rows.get(id);
      if (!row) {
        // A deleted row: its output goes. A related change for a row that does not exist writes nothing.
        if (deletedKey !== undefined) out.push({ key: deletedKey, value: null });
        continue;
      }
      const sides = s.related.get(id);
      const related = {} as { [S in Side]: RV[] };
      let any = false;
      for (const side of this.join.sides) {
        const rows = sides?.get(side);
        related[side] = rows ? [...rows.values()] : [];
        any ||= related[side].length > 0;
      }
      let value: OVI | null = null;
      if (any || this.join.mode === 'left') {
        try {
          value = this.fn(row.value, related);
        } catch (error) {
          throw new UnilogError('JOIN_FUNCTION_FAILED', `join ${this.join.name}: the join function threw: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
        }
      }
      out.push({ key: row.key, value });
    }
    s.dirty.clear();
    return out;
  }

  size(s: TableJoinState<TK, TV, RV>): { rows: number; related: number } {
    return { rows: s.rows.size, related: s.relatedCount };
  }
}
