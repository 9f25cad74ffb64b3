/**
 * Writes random, valid Avro binary for a type straight from the schema IR — a third implementation of the encoding,
 * independent of both runtime/codec and avsc, so a round trip through the generated codec proves something.
 * Values stay inside what the configured mapping can represent exactly (e.g. longs within 2^53 in number mode).
 */
import type { TypeNode } from '../../generator/ir.js';

export class ByteSink {
  private bytes: number[] = [];
  byte(b: number): void {
    this.bytes.push(b & 0xff);
  }
  raw(bs: ArrayLike<number>): void {
    for (let i = 0; i < bs.length; i++) this.byte(bs[i]!);
  }
  /** zigzag varint of a 64-bit value. */
  long(v: bigint): void {
    let z = BigInt.asUintN(64, (v << 1n) ^ (v >> 63n));
    while (z >= 0x80n) {
      this.byte(Number(z & 0x7fn) | 0x80);
      z >>= 7n;
    }
    this.byte(Number(z));
  }
  done(): Buffer {
    return Buffer.from(this.bytes);
  }
}

export function randomAvroBytes(type: TypeNode, rnd: () => number, depthBudget = 4): Buffer {
  const sink = new ByteSink();
  writeRandom(type, rnd, sink, depthBudget);
  return sink.done();
}

const int = (rnd: () => number, lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));

function randomString(rnd: () => number): string {
  const alphabet = ['a', 'Z', '0', ' ', 'é', '✓', '😀', '"', '\\', '\n', '__proto__', 'constructor'];
  let s = '';
  for (let i = int(rnd, 0, 4); i > 0; i--) s += alphabet[int(rnd, 0, alphabet.length - 1)];
  return s;
}

function uuid(rnd: () => number): string {
  const hex = (n: number): string => Array.from({ length: n }, () => '0123456789abcdef'[int(rnd, 0, 15)]).join('');
  return `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`;
}

function writeString(sink: ByteSink, s: string): void {
  const b = Buffer.from(s, 'utf8');
  sink.long(BigInt(b.length));
  sink.raw(b);
}

/** Two's-complement big-endian bytes of an unscaled decimal, minimal length (or padded to `size`). */
function decimalBytes(unscaled: bigint, size?: number): number[] {
  const out: number[] = [];
  let v = unscaled;
  do {
    out.unshift(Number(BigInt.asUintN(8, v)));
    v >>= 8n;
  } while (!((v === 0n && (out[0]! & 0x80) === 0) || (v === -1n && (out[0]! & 0x80) !== 0)));
  while (size !== undefined && out.length < size) out.unshift(unscaled < 0n ? 0xff : 0);
  return out;
}

function writeRandom(type: TypeNode, rnd: () => number, sink: ByteSink, depth: number): void {
  switch (type.kind) {
    case 'primitive': {
      const logical = type.logical?.name;
      switch (type.type) {
        case 'null':
          return;
        case 'boolean':
          sink.byte(rnd() < 0.5 ? 0 : 1);
          return;
        case 'int': {
          // date stays within what a JS Date holds; time-millis within a day.
          const v = logical === 'date' ? int(rnd, -100_000, 100_000) : logical === 'time-millis' ? int(rnd, 0, 86_399_999)
            : pickEdge(rnd, [0, -1, 1, 2 ** 31 - 1, -(2 ** 31)], () => int(rnd, -1e6, 1e6));
          sink.long(BigInt(v));
          return;
        }
        case 'long': {
          const v = logical?.startsWith('timestamp') || logical?.startsWith('local-timestamp')
            ? BigInt(int(rnd, -1e12, 4e12))
            : logical === 'time-micros' ? BigInt(int(rnd, 0, 86_399_999_999))
            : BigInt(pickEdge(rnd, [0, -1, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER], () => int(rnd, -1e15, 1e15)));
          sink.long(v);
          return;
        }
        case 'float': {
          const b = Buffer.alloc(4);
          b.writeFloatLE(pickEdge(rnd, [0, -0.5, 3.5], () => Math.fround((rnd() - 0.5) * 1e6)));
          sink.raw(b);
          return;
        }
        case 'double': {
          const b = Buffer.alloc(8);
          b.writeDoubleLE(pickEdge(rnd, [0, 1e300, -2.25], () => (rnd() - 0.5) * 1e9));
          sink.raw(b);
          return;
        }
        case 'string':
          writeString(sink, logical === 'uuid' ? uuid(rnd) : randomString(rnd));
          return;
        case 'bytes': {
          if (type.logical?.name === 'decimal') {
            const digits = type.logical.precision;
            const unscaled = BigInt(int(rnd, -(10 ** Math.min(digits, 15)) + 1, 10 ** Math.min(digits, 15) - 1));
            const bs = decimalBytes(unscaled);
            sink.long(BigInt(bs.length));
            sink.raw(bs);
            return;
          }
          const bs = Array.from({ length: int(rnd, 0, 5) }, () => int(rnd, 0, 255));
          sink.long(BigInt(bs.length));
          sink.raw(bs);
          return;
        }
      }
      return;
    }
    case 'fixed': {
      if (type.logical?.name === 'decimal') {
        const digits = Math.min(type.logical.precision, 15);
        sink.raw(decimalBytes(BigInt(int(rnd, -(10 ** digits) + 1, 10 ** digits - 1)), type.size));
        return;
      }
      if (type.logical?.name === 'uuid') {
        sink.raw(Buffer.from(uuid(rnd).replace(/-/g, ''), 'hex'));
        return;
      }
      sink.raw(Array.from({ length: type.size }, () => int(rnd, 0, 255)));
      return;
    }
    case 'enum':
      sink.long(BigInt(int(rnd, 0, type.symbols.length - 1)));
      return;
    case 'record':
      for (const f of type.fields) writeRandom(f.type, rnd, sink, depth - 1);
      return;
    case 'array':
    case 'map': {
      const n = depth <= 0 ? 0 : int(rnd, 0, 3);
      if (n > 0) {
        sink.long(BigInt(n));
        const keys = new Set<string>();
        for (let i = 0; i < n; i++) {
          if (type.kind === 'map') {
            // Keys that look like array indices ('0', '17') are iterated first by JS objects, so their order would
            // not survive; Avro maps are unordered (Java's are HashMaps), so the proof avoids them for byte equality.
            let k = i === 0 && rnd() < 0.3 ? '__proto__' : `k${randomString(rnd)}`;
            while (keys.has(k)) k += 'x';
            keys.add(k);
            writeString(sink, k);
          }
          writeRandom(type.kind === 'array' ? type.items : type.values, rnd, sink, depth - 1);
        }
      }
      sink.long(0n);
      return;
    }
    case 'union': {
      // Out of depth, prefer a branch that ends recursion (null, or anything not a record).
      const branches = type.branches.map((b, i) => [b, i] as const);
      const safe = branches.filter(([b]) => b.kind !== 'record');
      const [branch, index] = depth <= 0 && safe.length ? safe[0]! : branches[int(rnd, 0, branches.length - 1)]!;
      sink.long(BigInt(index));
      writeRandom(branch, rnd, sink, depth - 1);
      return;
    }
  }
}

function pickEdge(rnd: () => number, edges: number[], otherwise: () => number): number {
  return rnd() < 0.2 ? edges[Math.floor(rnd() * edges.length)]! : otherwise();
}
