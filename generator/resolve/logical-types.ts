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
 * Checks a known logical type against its underlying type. The spec says an invalid one is ignored; we report it
 * instead, since in a team's own schemas it is always a mistake that would silently change the generated types.
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
