/** Logical types in TypeScript: which representation the config chose, and the type that representation has. */
import type { LogicalMapping, TypeMapping } from '../config/type-mapping.js';
import type { LogicalType } from '../ir.js';

/** The representation chosen for a logical type, or `false` when it is ignored (underlying type's representation). */
export function logicalMapping(logical: LogicalType, mapping: TypeMapping): Exclude<LogicalMapping, 'underlying'> | false {
  const m = mapping.logicalTypes[logical.name];
  return m === 'underlying' ? false : m;
}

export function logicalTsType(m: Exclude<LogicalMapping, 'underlying'>): string {
  switch (m) {
    case 'date':
      return 'globalThis.Date';
    case 'number':
      return 'number';
    case 'bigint':
      return 'bigint';
    case 'string':
      return 'string';
    case 'object':
      return '{ months: number; days: number; milliseconds: number }';
  }
}

/** A line for the JSDoc of a field whose representation is not obvious from its TypeScript type. */
export function logicalNote(logical: LogicalType, m: Exclude<LogicalMapping, 'underlying'>): string | undefined {
  switch (logical.name) {
    case 'decimal':
      return m === 'string'
        ? `Decimal(${logical.precision}, ${logical.scale}) as an exact decimal string, e.g. "${'1'.padStart(Math.max(1, logical.precision - logical.scale), '0')}${logical.scale ? `.${'0'.repeat(logical.scale)}` : ''}".`
        : `Decimal(${logical.precision}, ${logical.scale}) as its unscaled integer (value × 10^${logical.scale}).`;
    case 'timestamp-micros':
    case 'local-timestamp-micros':
      return `Microseconds since the Unix epoch${logical.name.startsWith('local') ? ' (local time)' : ''}.`;
    case 'timestamp-nanos':
    case 'local-timestamp-nanos':
      return `Nanoseconds since the Unix epoch${logical.name.startsWith('local') ? ' (local time)' : ''}.`;
    case 'timestamp-millis':
    case 'local-timestamp-millis':
      return m === 'number' ? 'Milliseconds since the Unix epoch.' : logical.name.startsWith('local') ? 'Local time (no time zone), held as if UTC.' : undefined;
    case 'date':
      return m === 'date' ? 'A calendar date: a Date at midnight UTC.' : 'Days since 1970-01-01.';
    case 'time-millis':
      return 'Milliseconds after midnight.';
    case 'time-micros':
      return 'Microseconds after midnight.';
    case 'uuid':
      return 'A UUID string (8-4-4-4-12 hex digits).';
    case 'duration':
      return undefined;
  }
}
