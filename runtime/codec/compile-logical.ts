/**
 * Logical types mapped to JS values (Avro specification, "Logical Types"; mappings in docs/value-mapping.md). Which
 * logical type applies, if any, is decided by `logical-types.ts`; this file builds its encoder and decoder.
 */
import { CodecError, INVALID } from './errors.js';
import { leaf, type CompiledType } from './compiled-type.js';
import { fitsPrecision, formatDecimal, fromTwosComplement, parseDecimal, toTwosComplement } from './decimal.js';
import type { LogicalInfo, UnderlyingKind } from './logical-types.js';
import { INT, LONG_BIGINT, LONG_NUMBER } from './compile-primitives.js';
import type { Reader } from './reader.js';
import type { Writer } from './writer.js';

const DAY_MS = 86_400_000;
/** The range of a JavaScript Date (ECMAScript: ±8.64e15 ms, ±1e8 days around 1970-01-01). */
const DATE_MAX_MS = 8.64e15;

/**
 * Decode gives only values encode accepts: a value its mapping cannot hold is PRECISION_LOSS (as a long beyond 2^53
 * read as a number), one that breaks its logical type is INVALID_ENCODING; each message says how to read it anyway.
 */
function unreadable(code: 'PRECISION_LOSS' | 'INVALID_ENCODING', message: string): CodecError {
  return new CodecError(code, message);
}

function toDate(ms: number, what: string, unit: string, n: number): Date {
  if (ms > DATE_MAX_MS || ms < -DATE_MAX_MS) {
    throw unreadable('PRECISION_LOSS', `${what} ${n} ${unit} is outside the range of a JavaScript Date (±8.64e15 ms); read it with logicalTypes: { '${what}': 'number' }`);
  }
  return new Date(ms);
}
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

function named(base: CompiledType, expected: string): CompiledType {
  return leaf(expected, base.encode, base.decode);
}

const TIMESTAMP_DATE = leaf(
  'Date (valid)',
  (w, v) => {
    if (!(v instanceof Date)) throw INVALID;
    const t = v.getTime();
    if (Number.isNaN(t)) throw INVALID;
    w.writeLong(t);
  },
  (r) => {
    const ms = r.readLong();
    return toDate(ms, 'timestamp-millis', 'ms', ms);
  },
);

const DATE_DATE = leaf(
  'Date at UTC midnight',
  (w, v) => {
    if (!(v instanceof Date)) throw INVALID;
    const t = v.getTime();
    const days = t / DAY_MS;
    if ((days | 0) !== days) throw INVALID; // NaN, not midnight UTC, or beyond int32 days
    w.writeInt(days);
  },
  (r) => {
    const days = r.readInt();
    return toDate(days * DAY_MS, 'date', 'days', days);
  },
);

function uuidFixed(): CompiledType {
  return leaf(
    'uuid string (8-4-4-4-12 hex)',
    (w: Writer, v) => {
      if (typeof v !== 'string' || !UUID.test(v)) throw INVALID;
      w.writeRaw(Buffer.from(v.replaceAll('-', ''), 'hex'));
    },
    (r: Reader) => {
      const h = r.readFixed(16).toString('hex');
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    },
  );
}

function decimal(info: LogicalInfo, kind: UnderlyingKind, size: number | undefined): CompiledType {
  const { precision, scale } = info;
  const write = (w: Writer, u: bigint): void => {
    if (!fitsPrecision(u, precision)) throw INVALID;
    const bytes = toTwosComplement(u, kind === 'fixed' ? size : undefined);
    if (kind === 'fixed') w.writeRaw(bytes);
    else w.writeBytes(bytes);
  };
  const read = (r: Reader): bigint => {
    const u = fromTwosComplement(kind === 'fixed' ? r.readFixed(size ?? 0) : r.readBytes());
    if (!fitsPrecision(u, precision)) {
      throw unreadable('INVALID_ENCODING', `decimal(${precision},${scale}) value ${u} (unscaled) has more than ${precision} digits; read it with logicalTypes: { decimal: 'underlying' }`);
    }
    return u;
  };
  if (info.mapping === 'bigint') {
    return leaf(
      `decimal(${precision},${scale}) unscaled bigint with at most ${precision} digits`,
      (w, v) => {
        if (typeof v !== 'bigint') throw INVALID;
        write(w, v);
      },
      read,
    );
  }
  return leaf(
    `decimal(${precision},${scale}) string with at most ${scale} fraction digits and ${precision} digits in all`,
    (w, v) => {
      if (typeof v !== 'string') throw INVALID;
      const u = parseDecimal(v, scale);
      if (u === undefined) throw INVALID;
      write(w, u);
    },
    (r) => formatDecimal(read(r), scale),
  );
}

const UINT32_MAX = 0xffffffff;
const isUint32 = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= UINT32_MAX;

const DURATION = leaf(
  '{ months, days, milliseconds } (unsigned 32-bit integers)',
  (w, v) => {
    if (typeof v !== 'object' || v === null) throw INVALID;
    const { months, days, milliseconds } = v as Record<string, unknown>;
    if (!isUint32(months) || !isUint32(days) || !isUint32(milliseconds)) throw INVALID;
    w.writeUint32LE(months);
    w.writeUint32LE(days);
    w.writeUint32LE(milliseconds);
  },
  (r) => {
    if (r.pos + 12 > r.end) {
      r.pos += 12;
      throw r.truncated();
    }
    return { months: r.readUint32LE(), days: r.readUint32LE(), milliseconds: r.readUint32LE() };
  },
);

/** The compiled type for a logical type in force (see `logicalOf`). */
export function compileLogical(info: LogicalInfo, kind: UnderlyingKind, size: number | undefined): CompiledType {
  const { name, mapping } = info;
  switch (name) {
    case 'timestamp-millis':
    case 'local-timestamp-millis':
      return mapping === 'date' ? TIMESTAMP_DATE : named(LONG_NUMBER, `${name} (safe integer number of ms)`);
    case 'timestamp-micros':
    case 'local-timestamp-micros':
    case 'timestamp-nanos':
    case 'local-timestamp-nanos':
    case 'time-micros': {
      const unit = name.endsWith('nanos') ? 'ns' : 'µs';
      return mapping === 'bigint'
        ? named(LONG_BIGINT, `${name} (bigint of ${unit})`)
        : named(LONG_NUMBER, `${name} (safe integer number of ${unit})`);
    }
    case 'date':
      return mapping === 'date' ? DATE_DATE : named(INT, 'date (int number of days since 1970-01-01)');
    case 'time-millis':
      return named(INT, 'time-millis (int number of ms after midnight)');
    case 'uuid':
      return kind === 'fixed'
        ? uuidFixed()
        : leaf(
            'uuid string (8-4-4-4-12 hex)',
            (w, v) => {
              if (typeof v !== 'string' || !UUID.test(v)) throw INVALID;
              w.writeString(v);
            },
            (r) => {
              const v = r.readString();
              if (!UUID.test(v)) throw unreadable('INVALID_ENCODING', `uuid ${JSON.stringify(v.slice(0, 40))} is not in the 8-4-4-4-12 hex form; read it with logicalTypes: { uuid: 'underlying' }`);
              return v;
            },
          );
    case 'decimal':
      return decimal(info, kind, size);
    case 'duration':
      return DURATION;
  }
}
