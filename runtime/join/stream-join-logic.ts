/**
 * Stream ⋈ table enrichment: per partition, the table rows by key; each stream record (read directly when the stream
 * is keyed like the table, else from the via topic the re-key step wrote) is joined with the row as it is when the
 * record is processed. A table change affects only stream records processed after it; nothing is re-emitted for it.
 */
import type { KafkaMessage } from 'kafkajs';
import { UnilogError } from '../errors.js';
import type { SchemaRegistry, Serde } from '../registry/index.js';
import type { JoinMode, StreamTableJoin, StreamTableJoinFunction } from './define.js';
import type { InputRole, JoinLogic, OutputRecord } from './join-logic.js';
import { idOf, viaKeyCodec } from './via-record.js';

interface StreamJoinState<SK, SV, TV> {
  readonly rows: Map<string, TV>;
  /** Stream records waiting for the next drain, in order. */
  readonly pending: Array<{ key: SK; value: SV; tableId: string }>;
}

export class StreamJoinLogic<SK, SKI, SV, SVI, TK, TKI, TV, TVI, M extends JoinMode, OK, OV, OVI>
  implements JoinLogic<StreamJoinState<SK, SV, TV>>
{
  private readonly tableKey: Serde<TK, TKI>;
  private readonly tableValue: Serde<TV, TVI>;
  private readonly streamKey: Serde<SK, SKI>;
  private readonly streamValue: Serde<SV, SVI>;
  private readonly viaKey: Serde<Buffer, Uint8Array> | undefined;
  private readonly viaValue: Serde<Buffer, Uint8Array> | undefined;

  constructor(
    private readonly join: StreamTableJoin<SK, SKI, SV, SVI, TK, TKI, TV, TVI, M, OK, OV, OVI>,
    private readonly fn: StreamTableJoinFunction<SK, SV, TV, M, OVI>,
    registry: SchemaRegistry,
  ) {
    const table = registry.topicSerdes(join.table);
    const stream = registry.topicSerdes(join.stream);
    this.tableKey = table.key;
    this.tableValue = table.value;
    this.streamKey = stream.key;
    this.streamValue = stream.value;
    const via = join.via ? registry.topicSerdes(join.via) : undefined;
    this.viaKey = via?.key;
    this.viaValue = via?.value;
  }

  newPartition(): StreamJoinState<SK, SV, TV> {
    return { rows: new Map(), pending: [] };
  }

  async apply(s: StreamJoinState<SK, SV, TV>, role: InputRole, m: KafkaMessage, emit: boolean): Promise<void> {
    if (!m.key) return;
    if (role === 'table') {
      const key = await this.tableKey.decodeAsync(m.key);
      const id = idOf(this.join.table.key.encode(key as unknown as TKI));
      if (m.value) s.rows.set(id, await this.tableValue.decodeAsync(m.value));
      else s.rows.delete(id);
      return;
    }
    if (!emit || !m.value) return; // a stream is not state: records before the committed offset were joined already
    if (this.viaKey && this.viaValue) {
      const via = viaKeyCodec.decode(await this.viaKey.decodeAsync(m.key));
      const key = this.join.stream.key.decode(via.key);
      const value = await this.streamValue.decodeAsync(await this.viaValue.decodeAsync(m.value));
      s.pending.push({ key, value, tableId: idOf(via.tableKey) });
      return;
    }
    const key = await this.streamKey.decodeAsync(m.key);
    const value = await this.streamValue.decodeAsync(m.value);
    s.pending.push({ key, value, tableId: idOf(this.join.table.key.encode(this.join.match(key, value))) });
  }

  drain(s: StreamJoinState<SK, SV, TV>): OutputRecord[] {
    const out: OutputRecord[] = [];
    for (const p of s.pending) {
      const row = s.rows.get(p.tableId) ?? null;
      if (row === null && this.join.mode === 'inner') continue;
      let value: OVI | null;
      try {
        value = this.fn(p.value, row as M extends 'inner' ? TV : TV | null, p.key);
      } catch (error) {
        throw new UnilogError('JOIN_FUNCTION_FAILED', `join ${this.join.name}: the join function threw: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
      if (value !== null) out.push({ key: p.key, value });
    }
    s.pending.length = 0;
    return out;
  }

  size(s: StreamJoinState<SK, SV, TV>): { rows: number; related: number } {
    return { rows: s.rows.size, related: s.pending.length };
  }
}
