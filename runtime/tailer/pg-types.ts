/**
 * The one rule of which PostgreSQL column types a tailer converts to which Avro types. The generator checks a mapping
 * with it (`generator/tailers`), the tailer converts values with it (`convert.ts`), and the start-time table check
 * compares the declared type with the real one in the spelling this file gives (`normalisePgType`).
 */

/** What an Avro field holds, as far as a column can feed it (unions with null are unwrapped before). */
export type AvroTarget =
  | { readonly kind: 'string'; readonly logical?: 'uuid' }
  | { readonly kind: 'boolean' | 'int' | 'float' | 'double' | 'bytes' }
  | { readonly kind: 'long'; readonly logical?: 'timestamp-millis' | 'timestamp-micros' }
  | { readonly kind: 'date' }
  | { readonly kind: 'enum'; readonly symbols: readonly string[] }
  | { readonly kind: 'array'; readonly items: AvroTarget; readonly itemsNullable: boolean }
  | { readonly kind: 'map-of-string' };

/** The built-in types a tailer reads, under the name `format_type` prints (aliases map to it). */
const BUILTIN: Record<string, string> = {
  text: 'text', varchar: 'character varying', 'character varying': 'character varying',
  uuid: 'uuid', boolean: 'boolean', bool: 'boolean',
  smallint: 'smallint', int2: 'smallint', integer: 'integer', int: 'integer', int4: 'integer', bigint: 'bigint', int8: 'bigint',
  numeric: 'numeric', decimal: 'numeric', real: 'real', float4: 'real', 'double precision': 'double precision', float8: 'double precision',
  timestamptz: 'timestamp with time zone', 'timestamp with time zone': 'timestamp with time zone', date: 'date',
  jsonb: 'jsonb', json: 'json', bytea: 'bytea',
};

/** A declared column type: a built-in, an array of one, or a user-defined enum (any other identifier). */
export interface PgType {
  /** The element type's `format_type` spelling (an enum: its name as declared). */
  readonly base: string;
  readonly array: boolean;
  readonly enum: boolean;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$/;

/** Parses a declared type such as `text`, `bigint[]`, `timestamptz` or `account_status`; undefined when it is none. */
export function parsePgType(text: string): PgType | undefined {
  const t = text.trim().toLowerCase().replace(/\s+/g, ' ');
  const array = t.endsWith('[]');
  const base = array ? t.slice(0, -2).trim() : t;
  const builtin = BUILTIN[base];
  if (builtin) return { base: builtin, array, enum: false };
  if (IDENTIFIER.test(base) && !base.includes(' ')) return { base, array, enum: true };
  return undefined;
}

/** The spelling `format_type(atttypid, atttypmod)` gives, without a type modifier: what the table check compares. */
export function normalisePgType(t: PgType): string {
  return t.array ? `${t.base}[]` : t.base;
}

/** Why `pg` cannot feed `avro`, or undefined when it can. */
export function conversionProblem(pg: PgType, avro: AvroTarget): string | undefined {
  if (avro.kind === 'array') {
    if (!pg.array) return 'an array field needs an array column';
    return conversionProblem({ ...pg, array: false }, avro.items);
  }
  if (pg.array) return 'an array column feeds only an array field';
  const ok = ACCEPTS[avro.kind === 'string' && avro.logical === 'uuid' ? 'uuid' : avro.kind === 'long' && avro.logical ? 'timestamp' : avro.kind] ?? [];
  if (pg.enum) return avro.kind === 'enum' || (avro.kind === 'string' && avro.logical === undefined) ? undefined : 'an enum column feeds an enum or a string field';
  return ok.includes(pg.base) ? undefined : `it takes ${ok.join(', ')}${avro.kind === 'enum' ? ' or a PostgreSQL enum' : ''}`;
}

/** Per Avro target, the built-in column types that convert to it exactly. */
const ACCEPTS: Record<string, readonly string[]> = {
  string: ['text', 'character varying', 'uuid', 'numeric', 'bigint', 'integer', 'smallint', 'jsonb', 'json'],
  uuid: ['uuid', 'text', 'character varying'],
  boolean: ['boolean'],
  int: ['smallint', 'integer'],
  long: ['smallint', 'integer', 'bigint'],
  float: ['real', 'smallint'],
  double: ['double precision', 'real', 'smallint', 'integer'],
  bytes: ['bytea'],
  timestamp: ['timestamp with time zone'],
  date: ['date'],
  enum: ['text', 'character varying'],
  'map-of-string': ['jsonb', 'json'],
};
