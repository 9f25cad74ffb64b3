/** Primitive types (Avro specification, "Primitive Types" and "Binary Encoding"). */
import { INVALID } from './errors.js';
import { leaf, type CompiledType } from './compiled-type.js';
import type { LongMode } from './options.js';
import type { PrimitiveKind } from './nodes.js';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

const NULL = leaf(
  'null',
  (_w, v) => {
    if (v !== null) throw INVALID;
  },
  () => null,
);

const BOOLEAN = leaf(
  'boolean',
  (w, v) => {
    if (typeof v !== 'boolean') throw INVALID;
    w.writeBoolean(v);
  },
  (r) => r.readBoolean(),
  { encode: "if (typeof x !== 'boolean') throw INVALID; w.writeBoolean(x);", decode: 'r.readBoolean()' },
);

export const INT = leaf(
  'int (32-bit integer number)',
  (w, v) => {
    if (typeof v !== 'number' || (v | 0) !== v) throw INVALID;
    w.writeInt(v);
  },
  (r) => r.readInt(),
  { encode: "if (typeof x !== 'number' || (x | 0) !== x) throw INVALID; w.writeInt(x);", decode: 'r.readInt()' },
);

export const LONG_NUMBER = leaf(
  'long (safe integer number, |n| ≤ 2^53−1)',
  (w, v) => {
    if (!Number.isSafeInteger(v)) throw INVALID;
    w.writeLong(v as number);
  },
  (r) => r.readLong(),
  { encode: 'if (!Number.isSafeInteger(x)) throw INVALID; w.writeLong(x);', decode: 'r.readLong()' },
);

export const LONG_BIGINT = leaf(
  'long (bigint in the int64 range)',
  (w, v) => {
    if (typeof v !== 'bigint' || v < INT64_MIN || v > INT64_MAX) throw INVALID;
    w.writeBigLong(v);
  },
  (r) => r.readBigLong(),
  { encode: "if (typeof x !== 'bigint' || x < -9223372036854775808n || x > 9223372036854775807n) throw INVALID; w.writeBigLong(x);", decode: 'r.readBigLong()' },
);

const FLOAT = leaf(
  'float (number)',
  (w, v) => {
    if (typeof v !== 'number') throw INVALID;
    w.writeFloat(v);
  },
  (r) => r.readFloat(),
  { encode: "if (typeof x !== 'number') throw INVALID; w.writeFloat(x);", decode: 'r.readFloat()' },
);

const DOUBLE = leaf(
  'double (number)',
  (w, v) => {
    if (typeof v !== 'number') throw INVALID;
    w.writeDouble(v);
  },
  (r) => r.readDouble(),
  { encode: "if (typeof x !== 'number') throw INVALID; w.writeDouble(x);", decode: 'r.readDouble()' },
);

export const STRING = leaf(
  'string',
  (w, v) => {
    if (typeof v !== 'string') throw INVALID;
    w.writeString(v);
  },
  (r) => r.readString(),
  { encode: "if (typeof x !== 'string') throw INVALID; w.writeString(x);", decode: 'r.readString()' },
);

const BYTES = leaf(
  'bytes (Buffer or Uint8Array)',
  (w, v) => {
    if (!(v instanceof Uint8Array)) throw INVALID;
    w.writeBytes(v);
  },
  (r) => r.readBytes(),
);

function longType(mode: LongMode): CompiledType {
  return mode === 'bigint' ? LONG_BIGINT : LONG_NUMBER;
}

export function compilePrimitive(kind: PrimitiveKind, long: LongMode): CompiledType {
  switch (kind) {
    case 'null':
      return NULL;
    case 'boolean':
      return BOOLEAN;
    case 'int':
      return INT;
    case 'long':
      return longType(long);
    case 'float':
      return FLOAT;
    case 'double':
      return DOUBLE;
    case 'bytes':
      return BYTES;
    case 'string':
      return STRING;
  }
}
