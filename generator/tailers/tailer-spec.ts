/** A checked entry of `tailers.yaml`: which table feeds which topic, and how columns become key and value fields. */
import type { TopicSpec } from '../catalog/catalog.js';
import type { SourcePos } from '../diagnostics.js';
import type { AvroTarget, PgType } from '../../runtime/tailer/pg-types.js';

export const TAILER_SHAPES = ['row', 'envelope'] as const;
export type TailerShape = (typeof TAILER_SHAPES)[number];

/** How a JS value of a logical type is represented (from the config's type mapping). */
export type Representation = 'date' | 'number' | 'bigint';

/** One field fed by a column, or set to a constant. */
export type FieldSource =
  | {
      readonly path: readonly string[];
      readonly column: string;
      readonly type: PgType;
      readonly notNull: boolean;
      readonly target: AvroTarget;
      /** The field is a union with null. */
      readonly nullable: boolean;
      readonly representation?: Representation;
    }
  | { readonly path: readonly string[]; readonly constant: string | number | boolean };

export interface TailerSpec {
  readonly name: string;
  readonly table: { readonly schema: string; readonly name: string };
  readonly topic: TopicSpec;
  readonly shape: TailerShape;
  readonly key: readonly FieldSource[];
  /** The row's fields: of the value (row), or of the record `before` and `after` hold (envelope). */
  readonly value: readonly FieldSource[];
  /** Envelope only: the fields of the value's `source` record the tailer fills, in schema order. */
  readonly envelopeSource?: readonly string[];
  readonly pos: SourcePos;
}

export interface TailerDeclarations {
  readonly file: string;
  readonly tailers: readonly TailerSpec[];
}
