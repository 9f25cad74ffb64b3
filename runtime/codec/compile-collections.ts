/**
 * Arrays (JS arrays) and maps (plain objects with own enumerable properties; a key `__proto__` is an own property,
 * never the prototype). Both are written as one block and a terminating 0; reading accepts any number of blocks,
 * including negative counts followed by the block's byte size (Avro specification, "Complex Types").
 *
 * Children are called through their CompiledType object at run time (`it.encode`), so a child that is a recursive
 * record still being compiled is bound by the time data flows.
 */
import { CodecError, INVALID, propSegment, withSegment } from './errors.js';
import { describeValue } from './describe.js';
import { setProp, type CompiledType, type DecodeFn } from './compiled-type.js';
import type { Reader } from './reader.js';

/** Count of the next block (the byte size after a negative count is not needed to read items). */
function blockCount(r: Reader): number {
  const n = r.readLong();
  if (n >= 0) return n;
  r.readLong();
  return -n;
}

/**
 * Items of a type that takes no bytes (`null`, a record without fields) cost nothing to claim, so a hostile count
 * could make an array of billions of them. An array may hold at most this many items beyond one per remaining byte
 * (items that take bytes are bounded by the input anyway; maps are too, since every key takes a byte), and all the
 * arrays of one input together at most this many beyond one per byte of it: else a thousand nested arrays, each
 * within its own bound, would claim a billion nulls from 4 KB.
 */
export const MAX_ZERO_SIZE_ITEMS = 1_000_000;

/** Reads array blocks with `item` (an object, so a recursive item type still being compiled is bound at run time). */
export function arrayDecoder(item: { readonly decode: DecodeFn }): DecodeFn {
  return (r) => {
    const out: unknown[] = [];
    try {
      for (let n = blockCount(r); n !== 0; n = blockCount(r)) {
        checkItemCount(out.length + n, r, n);
        for (; n > 0; n--) {
          const x = item.decode(r);
          // before the push, so the error's path names this item, not the next
          if (r.pos > r.end) throw r.truncated();
          out.push(x);
        }
      }
    } catch (e) {
      throw withSegment(e, `[${out.length}]`);
    }
    return out;
  };
}

/**
 * Throws before an array claims more items than its remaining bytes could hold (plus MAX_ZERO_SIZE_ITEMS), or before
 * the `added` items take the input's arrays past one item per byte of it (plus MAX_ZERO_SIZE_ITEMS).
 */
export function checkItemCount(total: number, r: Reader, added: number): void {
  if (total > r.end - r.pos + MAX_ZERO_SIZE_ITEMS) {
    throw new CodecError('INVALID_ENCODING', `an array claims ${total} items, more than its ${r.end - r.pos} remaining bytes can hold`);
  }
  if ((r.claimed += added) > r.end + MAX_ZERO_SIZE_ITEMS) {
    throw new CodecError('INVALID_ENCODING', `the arrays claim ${r.claimed} items in all, more than the input's ${r.end} bytes can hold`);
  }
}

/** Reads map blocks with `item`; every key becomes an own property, `__proto__` included. */
export function mapDecoder(item: { readonly decode: DecodeFn }): DecodeFn {
  return (r) => {
    const out: Record<string, unknown> = {};
    let key: string | undefined;
    try {
      for (let n = blockCount(r); n !== 0; n = blockCount(r)) {
        for (; n > 0; n--) {
          // A key that cannot be read is the map's own error, not the entry's before it.
          key = undefined;
          key = r.readString();
          const value = item.decode(r);
          if (key === '__proto__') setProp(out, key, value);
          else out[key] = value;
          if (r.pos > r.end) throw r.truncated();
        }
      }
    } catch (e) {
      throw key === undefined ? e : withSegment(e, propSegment(key));
    }
    return out;
  };
}

export function compileArray(it: CompiledType): CompiledType {
  const expected = `array of ${it.expected}`;
  return {
    expected,
    encode(w, v) {
      if (!Array.isArray(v)) throw INVALID;
      const n = v.length;
      if (n) {
        w.writeLong(n);
        for (let i = 0; i < n; i++) it.encode(w, v[i]);
      }
      w.writeByte(0);
    },
    decode: arrayDecoder(it),
    check(v, path, issues) {
      if (!Array.isArray(v)) issues.push({ path, message: `expected ${expected}, found ${describeValue(v)}` });
      else v.forEach((x, i) => it.check(x, `${path}[${i}]`, issues));
    },
  };
}

/** A plain object: prototype Object.prototype or null (not a Map, array, Buffer, Date or class instance). */
function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const p: unknown = Object.getPrototypeOf(v);
  return p === Object.prototype || p === null;
}

export function compileMap(it: CompiledType): CompiledType {
  const expected = `map (plain object) of ${it.expected}`;
  return {
    expected,
    encode(w, v) {
      if (!isPlainObject(v)) throw INVALID;
      const keys = Object.keys(v);
      const n = keys.length;
      if (n) {
        w.writeLong(n);
        for (let i = 0; i < n; i++) {
          const k = keys[i]!;
          w.writeString(k);
          it.encode(w, v[k]);
        }
      }
      w.writeByte(0);
    },
    decode: mapDecoder(it),
    check(v, path, issues) {
      if (!isPlainObject(v)) issues.push({ path, message: `expected ${expected}, found ${describeValue(v)}` });
      else for (const k of Object.keys(v)) it.check(v[k], `${path}${propSegment(k)}`, issues);
    },
  };
}
