/**
 * Field defaults, given in Avro JSON form (specification, "Complex Types" → record field `default`), converted once
 * at compile time to the binary encoding of the value: bytes and fixed defaults are strings of code points 0-255, a
 * union default is for the branch Apache Avro Java 1.12 writes it with (union-default.ts) and must be a value of it,
 * logical types take the underlying type's form. A `long` default may be a `bigint` (generated schemas write one for
 * an integer beyond ±(2^53−1), which a JSON number would round). Encoding a missing field is
 * then a copy of these bytes, and decoding them gives the default in the codec's JS mapping.
 */
import { CodecError } from './errors.js';
import type { Node } from './nodes.js';
import { defaultBranchIndex, jsonKindOf } from './union-default.js';
import { Writer } from './writer.js';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function bad(at: string, expected: string, v: unknown): CodecError {
  const found = typeof v === 'bigint' ? String(v) : JSON.stringify(v);
  return new CodecError('INVALID_SCHEMA', `default must be ${expected}, found ${found}`, { path: at });
}

function latin1(v: unknown, at: string, what: string): Buffer {
  if (typeof v !== 'string' || [...v].some((c) => c.charCodeAt(0) > 255 || c.length > 1)) {
    throw bad(at, `a string of code points 0-255 (${what})`, v);
  }
  return Buffer.from(v, 'latin1');
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function write(node: Node, v: unknown, w: Writer, at: string): void {
  switch (node.kind) {
    case 'null':
      if (v !== null) throw bad(at, 'null', v);
      return;
    case 'boolean':
      if (typeof v !== 'boolean') throw bad(at, 'a boolean', v);
      return w.writeBoolean(v);
    case 'int':
      if (typeof v !== 'number' || (v | 0) !== v) throw bad(at, 'a 32-bit integer', v);
      return w.writeInt(v);
    case 'long': {
      if (typeof v === 'bigint') {
        if (v < INT64_MIN || v > INT64_MAX) throw bad(at, 'a 64-bit integer', v);
        return w.writeBigLong(v);
      }
      if (typeof v !== 'number' || !Number.isInteger(v)) throw bad(at, 'an integer', v);
      if (Number.isSafeInteger(v)) return w.writeLong(v);
      const big = BigInt(v); // JSON numbers beyond 2^53 are already rounded by JSON.parse
      if (big < INT64_MIN || big > INT64_MAX) throw bad(at, 'a 64-bit integer', v);
      return w.writeBigLong(big);
    }
    case 'float':
    case 'double': {
      const n = typeof v === 'bigint' ? Number(v) : v;
      if (typeof n !== 'number') throw bad(at, 'a number', v);
      return node.kind === 'float' ? w.writeFloat(n) : w.writeDouble(n);
    }
    case 'string':
      if (typeof v !== 'string') throw bad(at, 'a string', v);
      return w.writeString(v);
    case 'bytes':
      return w.writeBytes(latin1(v, at, 'bytes'));
    case 'fixed': {
      const b = latin1(v, at, `fixed of ${node.size} bytes`);
      if (b.length !== node.size) throw bad(at, `a string of ${node.size} code points`, v);
      return w.writeRaw(b);
    }
    case 'enum': {
      const i = typeof v === 'string' ? node.symbols.indexOf(v) : -1;
      if (i < 0) throw bad(at, `a symbol of ${node.fullName}`, v);
      return w.writeInt(i);
    }
    case 'array':
      if (!Array.isArray(v)) throw bad(at, 'an array', v);
      if (v.length) {
        w.writeLong(v.length);
        v.forEach((x, i) => write(node.items, x, w, `${at}[${i}]`));
      }
      return w.writeByte(0);
    case 'map': {
      if (!isObject(v)) throw bad(at, 'an object', v);
      const keys = Object.keys(v);
      if (keys.length) {
        w.writeLong(keys.length);
        for (const k of keys) {
          w.writeString(k);
          write(node.values, v[k], w, `${at}[${JSON.stringify(k)}]`);
        }
      }
      return w.writeByte(0);
    }
    case 'union': {
      const kind = jsonKindOf(v);
      const i = defaultBranchIndex(node.branches.map((b) => b.kind), kind);
      if (i < 0) throw bad(at, `a value of one of the union's branches (no branch takes a JSON ${kind})`, v);
      w.writeLong(i);
      try {
        return write(node.branches[i]!, v, w, at);
      } catch (e) {
        if (!(e instanceof CodecError) || node.branches.length === 1) throw e;
        const found = typeof v === 'bigint' ? String(v) : JSON.stringify(v);
        throw new CodecError(
          'INVALID_SCHEMA',
          `Apache Avro Java 1.12 writes the union default ${found} as branch ${i} (${node.branches[i]!.kind}), the first that takes a JSON ${kind}, and it is not a value of that branch (${e.detail}): put the branch it is meant for first`,
          { path: e.path },
        );
      }
    }
    case 'record':
      if (!isObject(v)) throw bad(at, `an object for record ${node.fullName}`, v);
      for (const f of node.fields) {
        if (Object.hasOwn(v, f.name)) write(f.type, v[f.name], w, `${at}.${f.name}`);
        else if (f.hasDefault) write(f.type, f.default, w, `${at}.${f.name}`);
        else throw bad(`${at}.${f.name}`, `given: field ${f.name} has no default of its own`, undefined);
      }
  }
}

/** The binary encoding of `value` (Avro JSON form) as `node`; INVALID_SCHEMA at `at` if it does not fit. */
export function encodeDefault(node: Node, value: unknown, at: string): Buffer {
  const w = new Writer(64);
  write(node, value, w, at);
  return w.copyOut();
}
