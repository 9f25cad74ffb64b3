/** Logical types (spec §Logical Types): which ones exist and which underlying type each annotates. */
import type { LogicalType, LogicalTypeName } from '../ir.js';

type Base = 'int' | 'long' | 'string' | 'bytes' | 'fixed';

const UNDERLYING: Readonly<Record<LogicalTypeName, readonly Base[]>> = {
  decimal: ['bytes', 'fixed'],
  uuid: ['string', 'fixed'],
  date: ['int'],
  'time-millis': ['int'],
  'time-micros': ['long'],
  'timestamp-millis': ['long'],
  'timestamp-micros': ['long'],
  'timestamp-nanos': ['long'],
  'local-timestamp-millis': ['long'],
  'local-timestamp-micros': ['long'],
  'local-timestamp-nanos': ['long'],
  duration: ['fixed'],
};

export function isKnownLogicalType(name: string): name is LogicalTypeName {
  return Object.hasOwn(UNDERLYING, name);
}

export type LogicalCheck = { ok: true; logical: LogicalType } | { ok: false; message: string };

/**
 * Checks a known logical type against its underlying type. The spec says an invalid one is ignored; we report it
 * instead, since in a team's own schemas it is always a mistake that would silently change the generated types.
 */
export function checkLogicalType(
  name: LogicalTypeName,
  base: Base | 'other',
  attrs: { precision?: unknown; scale?: unknown; size?: number },
): LogicalCheck {
  const allowed = UNDERLYING[name];
  if (base === 'other' || !allowed.includes(base)) {
    return { ok: false, message: `logical type '${name}' must annotate ${allowed.map((b) => `'${b}'`).join(' or ')}, not '${base}'` };
  }
  if (name === 'uuid' && base === 'fixed' && attrs.size !== 16) {
    return { ok: false, message: `logical type 'uuid' on a fixed needs size 16, not ${attrs.size}` };
  }
  if (name === 'duration' && attrs.size !== 12) {
    return { ok: false, message: `logical type 'duration' needs a fixed of size 12, not ${attrs.size}` };
  }
  if (name !== 'decimal') return { ok: true, logical: { name } };
  const { precision, scale = 0 } = attrs;
  if (typeof precision !== 'number' || !Number.isInteger(precision) || precision < 1) {
    return { ok: false, message: `decimal 'precision' must be a positive integer, got ${JSON.stringify(precision)}` };
  }
  if (typeof scale !== 'number' || !Number.isInteger(scale) || scale < 0 || scale > precision) {
    return { ok: false, message: `decimal 'scale' must be an integer from 0 to precision (${precision}), got ${JSON.stringify(scale)}` };
  }
  if (base === 'fixed' && attrs.size !== undefined) {
    const maxPrecision = Math.floor(Math.log10(2) * (8 * attrs.size - 1));
    if (precision > maxPrecision) {
      return { ok: false, message: `decimal precision ${precision} does not fit a fixed of size ${attrs.size} (at most ${maxPrecision})` };
    }
  }
  return { ok: true, logical: { name, precision, scale } };
}
