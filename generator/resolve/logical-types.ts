/**
 * Logical types (spec §Logical Types) as the loader sees them: which names exist, and whether one is valid where it
 * stands. The rules are the codec's (`validateLogical` in runtime/codec/logical-types.ts), so a logical type the
 * generator accepts is exactly one the codec applies.
 */
import { LOGICAL_UNDERLYING, validateLogical, type UnderlyingKind } from '../../runtime/codec/logical-types.js';
import type { LogicalType, LogicalTypeName } from '../ir.js';

export function isKnownLogicalType(name: string): name is LogicalTypeName {
  return Object.hasOwn(LOGICAL_UNDERLYING, name);
}

export type LogicalCheck = { ok: true; logical: LogicalType } | { ok: false; message: string };

/**
 * Checks a known logical type against its underlying type. The spec says an invalid one is ignored and the underlying
 * type used, and Apache Avro Java does so; the loader does too, with a located warning (`ignoredLogicalType`), since
 * in a team's own schema it is usually a mistake that changes the generated types.
 */
export function checkLogicalType(
  name: LogicalTypeName,
  base: UnderlyingKind | 'other',
  attrs: { precision?: unknown; scale?: unknown; size?: number },
): LogicalCheck {
  const valid = validateLogical(name, base, attrs);
  if (!valid.ok) return valid;
  return { ok: true, logical: name === 'decimal' ? { name, precision: valid.precision, scale: valid.scale } : { name } };
}

/** The warning for a logical type that is ignored: what is wrong, and what the values are instead. */
export function ignoredLogicalType(problem: string, base: string): string {
  return `${problem}; the logical type is ignored (as the Avro specification says) and values are plain ${base}`;
}
