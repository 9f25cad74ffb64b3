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

const UNDERLYING: Readonly<Record<LogicalTypeName, readonly UnderlyingKind[]>> = {
  'timestamp-millis': ['long'],
  'timestamp-micros': ['long'],
  'timestamp-nanos': ['long'],
  'local-timestamp-millis': ['long'],
  'local-timestamp-micros': ['long'],
  'local-timestamp-nanos': ['long'],
  date: ['int'],
  'time-millis': ['int'],
  'time-micros': ['long'],
  uuid: ['string', 'fixed'],
  decimal: ['bytes', 'fixed'],
  duration: ['fixed'],
};

/** Largest decimal precision a fixed of `size` bytes can hold: floor(log10(2^(8·size−1) − 1)). */
function maxDecimalPrecision(size: number): number {
  if (size < 1) return 0;
  return ((1n << BigInt(8 * size - 1)) - 1n).toString().length - 1;
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
  if (!UNDERLYING[lt].includes(kind)) return undefined;
  const mapping = ctx.logical[lt];
  if (mapping === 'underlying') return undefined;
  let precision = 0;
  let scale = 0;
  if (lt === 'uuid' && kind === 'fixed' && size !== 16) return undefined;
  if (lt === 'duration' && size !== 12) return undefined;
  if (lt === 'decimal') {
    const p = schema.precision;
    const s = schema.scale ?? 0;
    if (typeof p !== 'number' || !Number.isInteger(p) || p < 1) return undefined;
    if (typeof s !== 'number' || !Number.isInteger(s) || s < 0 || s > p) return undefined;
    if (kind === 'fixed' && p > maxDecimalPrecision(size ?? 0)) return undefined;
    precision = p;
    scale = s;
  }
  return { name: lt, mapping, precision, scale };
}
