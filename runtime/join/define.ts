/**
 * Join definitions as generated code states them (generated/joins/<name>.ts, from schemas/joins.yaml): the topics,
 * the match, and through the type parameters the exact type of the function the owner writes (docs/joins.md).
 */
import type { Topic } from '../topic.js';

export type JoinMode = 'inner' | 'left';

/** The internal re-key topic: the runtime writes its own framing (key bytes, value bytes in the catalog). */
export type ViaTopic = Topic<Buffer, Uint8Array, Buffer, Uint8Array>;

/** One output record per table row, with the related rows pointing at it, grouped by side. */
export interface TableJoin<TK, TKI, TV, TVI, RK, RKI, RV, RVI, Side extends string, OK, OV, OVI> {
  readonly kind: 'table-table';
  readonly name: string;
  readonly owner: string;
  /** `left`: a row with no related rows still gets an output record; `inner`: only rows with at least one. */
  readonly mode: JoinMode;
  readonly table: Topic<TK, TKI, TV, TVI>;
  readonly related: Topic<RK, RKI, RV, RVI>;
  readonly via: ViaTopic;
  /** Keyed like the table: the table row's key is the output key. */
  readonly output: Topic<OK, TK, OV, OVI>;
  readonly sides: readonly Side[];
  /** The table key each side of a related row points at, from the related row's key. */
  readonly match: (key: RK) => { readonly [S in Side]: TKI };
}

/** What the owner writes for a table join: the output value for a row and its related rows, or null for none. */
export type TableJoinFunction<TV, RV, Side extends string, OVI> = (row: TV, related: { [S in Side]: RV[] }) => OVI | null;

/** Each stream record enriched with the latest table row it names. */
export interface StreamTableJoin<SK, SKI, SV, SVI, TK, TKI, TV, TVI, M extends JoinMode, OK, OV, OVI> {
  readonly kind: 'stream-table';
  readonly name: string;
  readonly owner: string;
  /** `left`: a record whose row is missing is passed with null; `inner`: it is dropped. */
  readonly mode: M;
  readonly stream: Topic<SK, SKI, SV, SVI>;
  readonly table: Topic<TK, TKI, TV, TVI>;
  /** Present when the stream is matched on something else than its key: the stream re-keyed by the table key. */
  readonly via?: ViaTopic;
  /** Keyed like the stream: an enriched record keeps its stream key. */
  readonly output: Topic<OK, SK, OV, OVI>;
  /** The table key a stream record names. */
  readonly match: (key: SK, value: SV) => TKI;
}

/** What the owner writes for an enrichment: the output value, or null to emit nothing for this record. */
export type StreamTableJoinFunction<SK, SV, TV, M extends JoinMode, OVI> = (
  record: SV,
  row: M extends 'inner' ? TV : TV | null,
  key: SK,
) => OVI | null;

export function defineTableJoin<TK, TKI, TV, TVI, RK, RKI, RV, RVI, Side extends string, OK, OV, OVI>(
  def: Omit<TableJoin<TK, TKI, TV, TVI, RK, RKI, RV, RVI, Side, OK, OV, OVI>, 'kind'>,
): TableJoin<TK, TKI, TV, TVI, RK, RKI, RV, RVI, Side, OK, OV, OVI> {
  return Object.freeze({ kind: 'table-table', ...def });
}

export function defineStreamTableJoin<SK, SKI, SV, SVI, TK, TKI, TV, TVI, M extends JoinMode, OK, OV, OVI>(
  def: Omit<StreamTableJoin<SK, SKI, SV, SVI, TK, TKI, TV, TVI, M, OK, OV, OVI>, 'kind'>,
): StreamTableJoin<SK, SKI, SV, SVI, TK, TKI, TV, TVI, M, OK, OV, OVI> {
  return Object.freeze({ kind: 'stream-table', ...def });
}
