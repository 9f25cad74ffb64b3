/**
 * Codec options as the user writes them (all optional), normalised once into a full `CodecContext`: nothing deeper
 * applies a default of its own.
 */
import { CodecError } from './errors.js';

export type LongMode = 'number' | 'bigint';

export const LOGICAL_TYPE_NAMES = [
  'timestamp-millis',
  'timestamp-micros',
  'timestamp-nanos',
  'local-timestamp-millis',
  'local-timestamp-micros',
  'local-timestamp-nanos',
  'date',
  'time-millis',
  'time-micros',
  'uuid',
  'decimal',
  'duration',
] as const;
export type LogicalTypeName = (typeof LOGICAL_TYPE_NAMES)[number];

/** The JS form a logical type maps to; 'underlying' = the underlying Avro type's form (logical type ignored). */
export type LogicalMapping = 'date' | 'number' | 'bigint' | 'string' | 'object' | 'underlying';

/** Allowed mappings per logical type; the first is the default. */
export const LOGICAL_MAPPINGS: Readonly<Record<LogicalTypeName, readonly LogicalMapping[]>> = {
  'timestamp-millis': ['date', 'number', 'underlying'],
  'local-timestamp-millis': ['date', 'number', 'underlying'],
  'timestamp-micros': ['number', 'bigint', 'underlying'],
  'local-timestamp-micros': ['number', 'bigint', 'underlying'],
  'timestamp-nanos': ['bigint', 'number', 'underlying'],
  'local-timestamp-nanos': ['bigint', 'number', 'underlying'],
  date: ['date', 'number', 'underlying'],
  'time-millis': ['number', 'underlying'],
  'time-micros': ['number', 'bigint', 'underlying'],
  uuid: ['string', 'underlying'],
  decimal: ['string', 'bigint', 'underlying'],
  duration: ['object', 'underlying'],
};

export interface CodecOptions {
  /** How Avro `long` maps to JS: 'number' (default; checked, never loses precision) or 'bigint'. */
  long?: LongMode;
  /** true (default) = every logical type at its default mapping; false = all off; or per-type overrides. */
  logicalTypes?: boolean | Partial<Record<LogicalTypeName, LogicalMapping>>;
}

export interface CodecContext {
  readonly long: LongMode;
  readonly logical: Readonly<Record<LogicalTypeName, LogicalMapping>>;
}

function fill(pick: (name: LogicalTypeName) => LogicalMapping): Record<LogicalTypeName, LogicalMapping> {
  const out = {} as Record<LogicalTypeName, LogicalMapping>;
  for (const name of LOGICAL_TYPE_NAMES) out[name] = pick(name);
  return out;
}

const DEFAULT_LOGICAL = Object.freeze(fill((name) => LOGICAL_MAPPINGS[name][0] ?? 'underlying'));
const NO_LOGICAL = Object.freeze(fill(() => 'underlying'));
const cache = new Map<string, CodecContext>();

/** Normalises options into a full context; throws INVALID_OPTIONS naming the bad option. Cached by value. */
export function normaliseOptions(options: CodecOptions = {}): CodecContext {
  const key = JSON.stringify([options.long, options.logicalTypes]);
  const hit = cache.get(key);
  if (hit) return hit;
  const long = options.long ?? 'number';
  if (long !== 'number' && long !== 'bigint') {
    throw new CodecError('INVALID_OPTIONS', `option long must be 'number' or 'bigint', found ${JSON.stringify(long)}`);
  }
  const lt = options.logicalTypes ?? true;
  let logical: Readonly<Record<LogicalTypeName, LogicalMapping>>;
  if (lt === true) logical = DEFAULT_LOGICAL;
  else if (lt === false) logical = NO_LOGICAL;
  else if (typeof lt === 'object' && lt !== null) {
    for (const [name, mapping] of Object.entries(lt)) {
      const allowed = LOGICAL_MAPPINGS[name as LogicalTypeName] as readonly LogicalMapping[] | undefined;
      if (!allowed) throw new CodecError('INVALID_OPTIONS', `logicalTypes: unknown logical type ${JSON.stringify(name)}`);
      if (mapping !== undefined && !allowed.includes(mapping)) {
        throw new CodecError(
          'INVALID_OPTIONS',
          `logicalTypes.${name} must be one of ${allowed.map((m) => `'${m}'`).join(', ')}, found ${JSON.stringify(mapping)}`,
        );
      }
    }
    logical = Object.freeze(fill((name) => lt[name] ?? DEFAULT_LOGICAL[name]));
  } else {
    throw new CodecError('INVALID_OPTIONS', `option logicalTypes must be a boolean or an object`);
  }
  const ctx: CodecContext = Object.freeze({ long, logical });
  cache.set(key, ctx);
  return ctx;
}
