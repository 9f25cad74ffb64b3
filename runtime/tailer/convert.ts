/**
 * A row (as `pg` parses it: the replication stream and the snapshot query use the same type parsers) into the key and
 * value of a topic record, following the rule of pg-types.ts. A value that cannot be represented exactly (a bigint
 * beyond 2^53 with `long: number`, a NULL in a NOT NULL mapping, a label the Avro enum lacks, an unchanged TOAST
 * value PostgreSQL did not send) throws `UnmappableValue`: the tailer writes the row to the dead-letter topic.
 */
import pg from 'pg';
import type { ColumnField, FieldMapping } from './definition.js';
import { isColumn } from './definition.js';
import type { AvroTarget } from './pg-types.js';

export type Row = Readonly<Record<string, unknown>>;

export class UnmappableValue extends Error {
  override readonly name = 'UnmappableValue';
  constructor(
    readonly column: string,
    reason: string,
  ) {
    super(`column ${column}: ${reason}`);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INTEGER = /^-?\d+$/;

/** Builds the key or value record from a row: fields nested along their paths. */
export function buildRecord(fields: readonly FieldMapping[], row: Row): unknown {
  if (fields.length === 1 && fields[0]!.field.length === 0) return valueOf(fields[0]!, row);
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    let at = out;
    for (let i = 0; i < f.field.length - 1; i++) at = (at[f.field[i]!] ??= {}) as Record<string, unknown>;
    at[f.field[f.field.length - 1]!] = valueOf(f, row);
  }
  return out;
}

function valueOf(f: FieldMapping, row: Row): unknown {
  if (!isColumn(f)) return f.constant;
  const raw = row[f.column];
  if (raw === undefined) {
    throw new UnmappableValue(f.column, 'not in the change (an unchanged TOAST value is sent only with REPLICA IDENTITY FULL)');
  }
  if (raw === null) {
    if (f.nullable) return null;
    throw new UnmappableValue(f.column, `NULL, but field '${f.field.join('.') || 'key'}' cannot hold null`);
  }
  return convert(raw, f.target, f);
}

function convert(v: unknown, target: AvroTarget, f: ColumnField): unknown {
  const fail = (why: string): never => {
    throw new UnmappableValue(f.column, `${describe(v)} ${why}`);
  };
  switch (target.kind) {
    case 'string':
      if (typeof v === 'string') return target.logical === 'uuid' && !UUID.test(v) ? fail('is not a UUID') : v;
      if (typeof v === 'number' || typeof v === 'bigint') return String(v);
      if (typeof v === 'object' && !(v instanceof Date) && !Buffer.isBuffer(v)) return JSON.stringify(v);
      return fail('is not text');
    case 'boolean':
      return typeof v === 'boolean' ? v : fail('is not a boolean');
    case 'int':
      return typeof v === 'number' && Number.isInteger(v) ? v : fail('is not an int');
    case 'float':
    case 'double':
      return typeof v === 'number' ? v : fail('is not a number');
    case 'bytes':
      return Buffer.isBuffer(v) ? v : fail('is not bytes');
    case 'enum': {
      const label = typeof v === 'string' ? v : fail('is not an enum label');
      return target.symbols.includes(label) ? label : fail(`is not a symbol of the Avro enum (${target.symbols.join(', ')})`);
    }
    case 'long':
      return target.logical ? timestamp(v, target.logical, f, fail) : exactLong(v, f.representation ?? 'number', fail);
    case 'date':
      return date(v, f.representation ?? 'number', fail);
    case 'map-of-string': {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail('is not a JSON object');
      for (const [k, x] of Object.entries(v)) if (typeof x !== 'string') fail(`has a non-string value at '${k}'`);
      return v;
    }
    case 'array': {
      // Arrays of a type pg has no parser for (an enum) arrive as the array literal.
      const items = typeof v === 'string' ? parseArrayLiteral(v) : v;
      if (!Array.isArray(items)) return fail('is not an array');
      return items.map((x: unknown) => {
        if (x === null) return target.itemsNullable ? null : fail('has a NULL element, and the Avro items cannot hold null');
        return convert(x, target.items, f);
      });
    }
  }
}

function exactLong(v: unknown, rep: 'date' | 'number' | 'bigint', fail: (why: string) => never): number | bigint {
  // int8 arrives as a string (exact); int2 and int4 as numbers.
  const text = typeof v === 'number' && Number.isInteger(v) ? String(v) : typeof v === 'string' && INTEGER.test(v) ? v : fail('is not an integer');
  if (rep === 'bigint') return BigInt(text);
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : fail('is beyond ±(2^53−1), not exact as a number (map long to bigint in unilog.config.yaml)');
}

function timestamp(v: unknown, logical: 'timestamp-millis' | 'timestamp-micros', f: ColumnField, fail: (why: string) => never): Date | number | bigint {
  if (!(v instanceof Date) || Number.isNaN(v.getTime())) return fail('is not a finite timestamp');
  const rep = f.representation ?? 'number';
  if (rep === 'date') return v;
  const ms = v.getTime();
  if (logical === 'timestamp-millis') return rep === 'bigint' ? BigInt(ms) : ms;
  return rep === 'bigint' ? BigInt(ms) * 1000n : ms * 1000;
}

/** pg parses `date` as local midnight; the Avro date is days since 1970-01-01. */
function date(v: unknown, rep: 'date' | 'number' | 'bigint', fail: (why: string) => never): Date | number {
  if (!(v instanceof Date) || Number.isNaN(v.getTime())) return fail('is not a finite date');
  const utc = Date.UTC(v.getFullYear(), v.getMonth(), v.getDate());
  return rep === 'date' ? new Date(utc) : utc / 86_400_000;
}

function parseArrayLiteral(text: string): unknown {
  const parser = (pg.types as unknown as { arrayParser: { create(source: string, transform: (s: string) => unknown): { parse(): unknown[] } } }).arrayParser;
  return parser.create(text, (s) => s).parse();
}

/**
 * A Date as text for messages and dead letters. An invalid Date (`pg`'s parse of a timestamp beyond JavaScript's
 * range, which PostgreSQL allows) has no ISO form: toISOString would throw a RangeError instead of the
 * UnmappableValue that dead-letters the change.
 */
export function dateText(d: Date): string {
  return Number.isNaN(d.getTime()) ? 'Invalid Date' : d.toISOString();
}

function describe(v: unknown): string {
  const s = v instanceof Date ? dateText(v) : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}
