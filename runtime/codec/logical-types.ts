/**
 * Which logical type applies to a schema, and how it maps to JS (Avro specification, "Logical Types"). A logical type
 * that is unknown, sits on the wrong underlying type or has invalid parameters is ignored: the underlying type applies,
 * as the specification says. Pure over the JSON schema, so the type emitter decides exactly as the codec does.
 */
import { LOGICAL_MAPPINGS, type CodecContext, type LogicalMapping, type LogicalTypeName } from './options.js';

export type UnderlyingKind = 'int' | 'long' | 'string' | 'bytes' | 'fixed';

export interface LogicalInfo {
  readonly name: LogicalTypeName;
  readonly mapping: Exclude<LogicalMapping, 'underlying'>;
  /** decimal only. */
  readonly precision: number;
  readonly scale: number;
}

/** The underlying types each logical type may annotate (specification, "Logical Types"). */
export const LOGICAL_UNDERLYING: Readonly<Record<LogicalTypeName, readonly UnderlyingKind[]>> = {
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

/** Largest decimal precision a fixed of `size` bytes can hold: floor(log10(2^(8·size−1) − 1)). */
function maxDecimalPrecision(size: number): number {
  if (size < 1) return 0;
  return ((1n << BigInt(8 * size - 1)) - 1n).toString().length - 1;
}

export type LogicalValidity = { readonly ok: true; readonly precision: number; readonly scale: number } | { readonly ok: false; readonly message: string };

/**
 * Whether a known logical type is valid on its underlying type (and, for decimal, its parameters): the one rule for
 * the codec, which ignores an invalid one as the specification says, and the generator, which reports `message`.
 */
export function validateLogical(
  name: LogicalTypeName,
  kind: UnderlyingKind | 'other',
  attrs: { readonly precision?: unknown; readonly scale?: unknown; readonly size?: number | undefined },
): LogicalValidity {
  const allowed = LOGICAL_UNDERLYING[name];
  if (kind === 'other' || !allowed.includes(kind)) {
    return { ok: false, message: `logical type '${name}' must annotate ${allowed.map((b) => `'${b}'`).join(' or ')}, not '${kind}'` };
  }
  if (name === 'uuid' && kind === 'fixed' && attrs.size !== 16) {
    return { ok: false, message: `logical type 'uuid' on a fixed needs size 16, not ${attrs.size}` };
  }
  if (name === 'duration' && attrs.size !== 12) {
    return { ok: false, message: `logical type 'duration' needs a fixed of size 12, not ${attrs.size}` };
  }
  if (name !== 'decimal') return { ok: true, precision: 0, scale: 0 };
  const { precision, scale = 0 } = attrs;
  if (typeof precision !== 'number' || !Number.isInteger(precision) || precision < 1) {
    return { ok: false, message: `decimal 'precision' must be a positive integer, got ${JSON.stringify(precision)}` };
  }
  if (typeof scale !== 'number' || !Number.isInteger(scale) || scale < 0 || scale > precision) {
    return { ok: false, message: `decimal 'scale' must be an integer from 0 to precision (${precision}), got ${JSON.stringify(scale)}` };
  }
  if (kind === 'fixed') {
    const most = maxDecimalPrecision(attrs.size ?? 0);
    if (precision > most) return { ok: false, message: `decimal precision ${precision} does not fit a fixed of size ${attrs.size} (at most ${most})` };
  }
  return { ok: true, precision, scale };
}

/**
 * The logical type in force for a schema object of the given underlying kind (`size` for fixed), or undefined when
 * none applies (absent, unknown, invalid, or mapped to 'underlying' by the options).
 */
export function logicalOf(
  schema: { readonly [k: string]: unknown },
  kind: UnderlyingKind,
  size: number | undefined,
  ctx: CodecContext,
): LogicalInfo | undefined {
  const name = schema.logicalType;
  if (typeof name !== 'string' || !Object.hasOwn(LOGICAL_MAPPINGS, name)) return undefined;
  const lt = name as LogicalTypeName;
  const mapping = ctx.logical[lt];
  if (mapping === 'underlying') return undefined;
  const valid = validateLogical(lt, kind, { precision: schema.precision, scale: schema.scale, size });
  return valid.ok ? { name: lt, mapping, precision: valid.precision, scale: valid.scale } : undefined;
}
