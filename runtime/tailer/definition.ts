/**
 * A tailer's definition as generated code gives it (`generated/tailers/<name>.ts`, from `tailers.yaml`): the table,
 * the topic binding, and per key and value field its column (type, nullability, the Avro target worked out by the
 * generator) or a constant. The generator has checked it against the schemas; the tailer checks it against the real
 * table when it starts (table-check.ts).
 */
import type { Topic } from '../topic.js';
import type { AvroTarget } from './pg-types.js';

export interface ColumnField {
  /** The field's path in the key or value record ([] for a key that is not a record). */
  readonly field: readonly string[];
  readonly column: string;
  /** As `format_type` prints it, without modifier (`text`, `bigint`, `timestamp with time zone`, `text[]`, an enum's name). */
  readonly type: string;
  /** The type is a user-defined enum. */
  readonly enum?: boolean;
  /** The mapping says the column is NOT NULL; the table check holds the table to it. */
  readonly notNull: boolean;
  /** The field is a union with null. */
  readonly nullable: boolean;
  readonly target: AvroTarget;
  /** How the codec represents the field's logical type or long (from the config's type mapping). */
  readonly representation?: 'date' | 'number' | 'bigint';
}

export interface ConstantField {
  readonly field: readonly string[];
  readonly constant: string | number | boolean;
}

export type FieldMapping = ColumnField | ConstantField;

/** The envelope shape's facts from the topic's value schema (the generator checked it has Debezium's layout). */
export interface EnvelopeMapping {
  /** The fields of the value's `source` record, in schema order: the tailer fills these. */
  readonly source: readonly string[];
  /** How the schema's longs are represented (the config's `types.long`). */
  readonly long: 'number' | 'bigint';
}

export interface TailerMapping {
  readonly name: string;
  readonly table: { readonly schema: string; readonly name: string };
  /** row: the latest row per key, deletes as tombstones; envelope: Debezium's change event. */
  readonly shape: 'row' | 'envelope';
  readonly key: readonly FieldMapping[];
  /** The row's fields: the value itself (row), or the record of `before` and `after` (envelope). */
  readonly value: readonly FieldMapping[];
  /** Only with the envelope shape. */
  readonly envelope?: EnvelopeMapping;
}

export interface TailerDefinition<K = unknown, KI = unknown, V = unknown, VI = unknown> extends TailerMapping {
  readonly topic: Topic<K, KI, V, VI>;
}

export function defineTailer<K, KI, V, VI>(topic: Topic<K, KI, V, VI>, mapping: TailerMapping): TailerDefinition<K, KI, V, VI> {
  return Object.freeze({ ...mapping, topic });
}

export function isColumn(f: FieldMapping): f is ColumnField {
  return 'column' in f;
}

/** Every column the mapping reads, once, in mapping order. */
export function columnsOf(mapping: TailerMapping): ColumnField[] {
  const seen = new Map<string, ColumnField>();
  for (const f of [...mapping.key, ...mapping.value]) if (isColumn(f) && !seen.has(f.column)) seen.set(f.column, f);
  return [...seen.values()];
}
