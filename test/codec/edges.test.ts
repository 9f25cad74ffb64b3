/** Edge values and malformed input: what a user sees on the wire and in errors. */
import { describe, expect, it } from 'vitest';
import { CodecError, createCodec, type AvroSchema, type CodecErrorCode } from '../../runtime/codec/index.js';

const MAX = Number.MAX_SAFE_INTEGER;

function codeOf(fn: () => unknown): CodecErrorCode | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof CodecError) return e.code;
    throw e;
  }
  return undefined;
}

/** zig-zag varint of a bigint, written independently of the codec. */
function varint(n: bigint): number[] {
  let z = BigInt.asUintN(64, (n << 1n) ^ (n >> 63n));
  const out: number[] = [];
  while (z > 0x7fn) {
    out.push(Number(z & 0x7fn) | 0x80);
    z >>= 7n;
  }
  out.push(Number(z));
  return out;
}

describe('long', () => {
  const num = createCodec<number>('long');
  const big = createCodec<bigint>('long', { long: 'bigint' });

  it.each([0, 1, -1, 63, -64, 64, 2 ** 31, -(2 ** 31) - 1, 2 ** 40, MAX, -MAX, MAX - 1, -MAX + 1])('%d round-trips exactly as a number', (n) => {
    const bytes = num.encode(n);
    expect([...bytes]).toEqual(varint(BigInt(n)));
    expect(num.decode(bytes)).toBe(n);
  });

  it.each([2n ** 53n, -(2n ** 53n), 2n ** 63n - 1n, -(2n ** 63n)])('%d decodes with PRECISION_LOSS as a number, exactly as a bigint', (n) => {
    const bytes = Buffer.from(varint(n));
    expect(codeOf(() => num.decode(bytes))).toBe('PRECISION_LOSS');
    expect(() => num.decode(bytes)).toThrow(String(n));
    expect(big.decode(bytes)).toBe(n);
    expect([...big.encode(n)]).toEqual([...bytes]);
  });

  it('names the path of a long that does not fit a number', () => {
    const c = createCodec({ type: 'record', name: 'Ev', fields: [{ name: 'seq', type: { type: 'array', items: 'long' } }] });
    const bytes = Buffer.from([2, ...varint(2n ** 60n), 0]);
    expect(() => c.decode(bytes)).toThrow(/^Ev\.seq\[0\]: long 1152921504606846976/);
  });

  it('refuses unsafe numbers and non-integers on encode, bigints out of int64', () => {
    for (const v of [MAX + 1, -MAX - 1, 1.5, NaN, Infinity, '1', 1n]) expect(codeOf(() => num.encode(v as number))).toBe('INVALID_VALUE');
    for (const v of [2n ** 63n, -(2n ** 63n) - 1n, 1]) expect(codeOf(() => big.encode(v as bigint))).toBe('INVALID_VALUE');
  });

  it('rejects a varint longer than 10 bytes', () => {
    const bytes = Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]);
    expect(codeOf(() => big.decode(bytes))).toBe('INVALID_ENCODING');
  });
});

describe('int', () => {
  const c = createCodec<number>('int');
  it('round-trips the int32 range and refuses beyond', () => {
    for (const n of [0, -1, 2147483647, -2147483648]) expect(c.decode(c.encode(n))).toBe(n);
    for (const n of [2147483648, -2147483649, 0.5]) expect(codeOf(() => c.encode(n))).toBe('INVALID_VALUE');
  });
});

describe('float and double', () => {
  it.each([NaN, Infinity, -Infinity, 0, -0, Number.MIN_VALUE, Number.MAX_VALUE])('double %d round-trips', (x) => {
    const c = createCodec<number>('double');
    expect(Object.is(c.decode(c.encode(x)), x)).toBe(true);
  });
  it.each([NaN, Infinity, -Infinity, -0, 1.5])('float %d round-trips', (x) => {
    const c = createCodec<number>('float');
    expect(Object.is(c.decode(c.encode(x)), Math.fround(x))).toBe(true);
  });
});

describe('strings, bytes, empties', () => {
  const s = createCodec<string>('string');
  it.each(['', 'a', 'é', '€uro', '中文字符', '😀 emoji', 'x'.repeat(63), 'é'.repeat(40), '€'.repeat(22), 'y'.repeat(5000), '€'.repeat(3000)])(
    'string of length %#  matches Buffer UTF-8',
    (v) => {
      const bytes = s.encode(v);
      const utf8 = Buffer.from(v, 'utf8');
      expect(bytes.subarray(bytes.length - utf8.length)).toEqual(utf8);
      expect(s.decode(bytes)).toBe(v);
    },
  );
  it('encodes every length up to 66 chars as Buffer does, with a non-ASCII char at each position', () => {
    // the short-string encoder copies ASCII four chars at a time: a non-ASCII char anywhere in a step must be seen
    for (let n = 1; n <= 66; n++) {
      for (let at = 0; at < n; at++) {
        for (const odd of ['é', '€', '😀']) {
          const v = 'a'.repeat(at) + odd + 'b'.repeat(n - at - 1);
          const bytes = s.encode(v);
          expect(bytes.subarray(bytes.length - Buffer.byteLength(v))).toEqual(Buffer.from(v, 'utf8'));
          expect(s.decode(bytes)).toBe(v);
        }
      }
    }
  });
  it('decodes every length up to 64 bytes as Buffer does, with a non-ASCII or invalid byte at each position', () => {
    // short ASCII strings have a decoder per length (ascii.ts): each must look at every one of its bytes
    const raw = (body: Buffer) => Buffer.concat([createCodec('long').encode(body.length), body]);
    for (let n = 0; n <= 64; n++) {
      const ascii = Buffer.from('abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ!~'.slice(0, n));
      expect(s.decode(raw(ascii))).toBe(ascii.toString('utf8'));
      for (let at = 0; at < n; at++) {
        for (const byte of [0x80, 0xff]) {
          const body = Buffer.from(ascii);
          body[at] = byte; // an invalid UTF-8 byte: U+FFFD there, as Buffer#toString decodes it
          expect(s.decode(raw(body))).toBe(body.toString('utf8'));
        }
      }
      if (n >= 2) {
        const body = Buffer.concat([ascii.subarray(0, n - 2), Buffer.from('é')]);
        expect(s.decode(raw(body))).toBe(body.toString('utf8'));
      }
    }
  });
  it('encodes a lone surrogate as U+FFFD, as Buffer does', () => {
    expect(s.decode(s.encode('a\ud800b'))).toBe('a\ufffdb');
  });
  it('empty arrays, maps, bytes and records', () => {
    expect([...createCodec('bytes').encode(new Uint8Array())]).toEqual([0]);
    expect([...createCodec({ type: 'array', items: 'int' }).encode([])]).toEqual([0]);
    expect([...createCodec({ type: 'map', values: 'int' }).encode({})]).toEqual([0]);
    expect([...createCodec({ type: 'record', name: 'E', fields: [] }).encode({})]).toEqual([]);
    expect(createCodec({ type: 'map', values: 'int' }).decode(Buffer.from([0]))).toEqual({});
  });
  it('bytes decode to a Buffer copy, accept any Uint8Array', () => {
    const c = createCodec<Buffer, Uint8Array>('bytes');
    const input = c.encode(new Uint8Array([1, 2, 3]));
    const out = c.decode(input);
    expect(Buffer.isBuffer(out)).toBe(true);
    input[1] = 9;
    expect([...out]).toEqual([1, 2, 3]);
  });
});

describe('blocks written by other encoders', () => {
  it('reads arrays in several blocks, with negative counts and byte sizes', () => {
    const c = createCodec({ type: 'array', items: 'int' });
    // block of 2 (count -2, size 2 bytes), then block of 1, then end
    const bytes = Buffer.from([...varint(-2n), ...varint(2n), ...varint(1n), ...varint(2n), ...varint(1n), ...varint(3n), 0]);
    expect(c.decode(bytes)).toEqual([1, 2, 3]);
  });
  it('reads maps with negative block counts', () => {
    const c = createCodec({ type: 'map', values: 'string' });
    const entry = [...varint(1n), 0x6b, ...varint(1n), 0x76]; // "k" → "v"
    const bytes = Buffer.from([...varint(-1n), ...varint(BigInt(entry.length)), ...entry, 0]);
    expect(c.decode(bytes)).toEqual({ k: 'v' });
  });
});

describe('malformed input', () => {
  const rec: AvroSchema = {
    type: 'record',
    name: 'User',
    fields: [
      { name: 'name', type: 'string' },
      { name: 'age', type: 'long' },
      { name: 'tags', type: { type: 'array', items: 'string' } },
    ],
  };
  const c = createCodec(rec);
  // Encoded inside each test, not while the file loads: code run at load is a "static" mutant's for Stryker, which then
  // runs every test of the module for each mutant of the encoders (docs/mutation.md).
  const encodeGood = () => c.encode({ name: 'Ada', age: 36, tags: ['x', 'y'] });

  it('every truncation is TRUNCATED', () => {
    const good = encodeGood();
    for (let n = 0; n < good.length; n++) expect(codeOf(() => c.decode(good.subarray(0, n)))).toBe('TRUNCATED');
  });
  it('trailing bytes are TRAILING_BYTES', () => {
    const good = encodeGood();
    expect(codeOf(() => c.decode(Buffer.concat([good, Buffer.from([0])])))).toBe('TRAILING_BYTES');
  });
  it('framed: wrong magic byte is BAD_MAGIC, short header TRUNCATED, id read back', () => {
    const framed = c.encodeFramed({ name: 'Ada', age: 36, tags: [] }, 0x01020304);
    expect([...framed.subarray(0, 5)]).toEqual([0, 1, 2, 3, 4]);
    expect(c.schemaIdOf(framed)).toBe(0x01020304);
    expect(c.decodeFramed(framed)).toEqual({ name: 'Ada', age: 36, tags: [] });
    const bad = Buffer.from(framed);
    bad[0] = 1;
    expect(codeOf(() => c.decodeFramed(bad))).toBe('BAD_MAGIC');
    expect(codeOf(() => c.schemaIdOf(bad))).toBe('BAD_MAGIC');
    expect(codeOf(() => c.schemaIdOf(framed.subarray(0, 3)))).toBe('TRUNCATED');
    expect(c.schemaIdOf(createCodec('int').encodeFramed(1, 0xffffffff))).toBe(0xffffffff);
    expect(codeOf(() => c.encodeFramed({ name: 'a', age: 1, tags: [] }, -1))).toBe('INVALID_VALUE');
  });
  it('framed encode is the header then exactly the raw encoding', () => {
    const v = { name: 'Ada', age: 36, tags: ['x'] };
    expect(c.encodeFramed(v, 9).subarray(5)).toEqual(c.encode(v));
  });
  it('a string length beyond the input is TRUNCATED before allocating', () => {
    expect(codeOf(() => createCodec('string').decode(Buffer.from(varint(1n << 40n))))).toBe('TRUNCATED');
  });
  it('bad enum index and union index are INVALID_ENCODING with a path', () => {
    const e = createCodec({ type: 'record', name: 'R', fields: [{ name: 'e', type: { type: 'enum', name: 'E', symbols: ['A'] } }] });
    expect(() => e.decode(Buffer.from([2]))).toThrow(/^R\.e: enum index 1/);
    expect(codeOf(() => createCodec(['null', 'int']).decode(Buffer.from([4])))).toBe('INVALID_ENCODING');
  });
  it('an array of items that take no bytes cannot claim more than its bytes allow (plus a million)', () => {
    // zig-zag varint of 2^40 items, then the end-of-array 0: without a bound, a loop of 2^40 pushes
    const count = createCodec('long').encode(2 ** 40);
    const hostile = Buffer.concat([count, Buffer.from([0])]);
    expect(codeOf(() => createCodec({ type: 'array', items: 'null' }).decode(hostile))).toBe('INVALID_ENCODING');
    // The same bound holds where the array is skipped (a field the reader does not have).
    const writer: AvroSchema = { type: 'record', name: 'R', fields: [{ name: 'nulls', type: { type: 'array', items: 'null' } }, { name: 'x', type: 'int' }] };
    const reader: AvroSchema = { type: 'record', name: 'R', fields: [{ name: 'x', type: 'int' }] };
    expect(codeOf(() => createCodec(reader).resolver(writer).decode(Buffer.concat([hostile, Buffer.from([2])])))).toBe('INVALID_ENCODING');
    // A legitimate array of nulls still decodes.
    expect(createCodec({ type: 'array', items: 'null' }).decode(createCodec({ type: 'array', items: 'null' }).encode(Array(1000).fill(null)))).toHaveLength(1000);
  });

  it('nested arrays of items that take no bytes share one bound: 1,000 arrays of a million nulls in 4 KB are refused', () => {
    // Found by bench/fuzz.mjs's reasoning about the bound above: each inner array alone is within it, so without one
    // bound per decode, 82 bytes made 20 million nulls (5 s, 350 MB) and 4 KB a billion.
    const nested = { type: 'array', items: { type: 'array', items: 'null' } } as const;
    const inner = Buffer.concat([createCodec('long').encode(1_000_000), Buffer.from([0])]);
    const hostile = Buffer.concat([createCodec('long').encode(1_000), ...Array<Buffer>(1_000).fill(inner), Buffer.from([0])]);
    const t0 = performance.now();
    expect(codeOf(() => createCodec(nested).decode(hostile))).toBe('INVALID_ENCODING');
    expect(performance.now() - t0).toBeLessThan(2_000);
    // Skipped (a field the reader does not have): the same bound.
    const writer: AvroSchema = { type: 'record', name: 'R', fields: [{ name: 'nested', type: nested }, { name: 'x', type: 'int' }] };
    const reader: AvroSchema = { type: 'record', name: 'R', fields: [{ name: 'x', type: 'int' }] };
    expect(codeOf(() => createCodec(reader).resolver(writer).decode(Buffer.concat([hostile, Buffer.from([2])])))).toBe('INVALID_ENCODING');
    // Legitimate nested arrays of nulls still decode, up to a million nulls in all.
    const fine = createCodec(nested).encode(Array.from({ length: 10 }, () => Array(1000).fill(null)));
    expect(createCodec<null[][]>(nested).decode(fine).flat()).toHaveLength(10_000);
  });

  it('a decode of a Uint8Array that is not a Buffer works', () => {
    expect(c.decode(new Uint8Array(encodeGood()))).toEqual({ name: 'Ada', age: 36, tags: ['x', 'y'] });
  });
});

describe('large values', () => {
  it('grows the scratch buffer and still returns exact bytes', () => {
    const c = createCodec<string[]>({ type: 'array', items: 'string' });
    const v = Array.from({ length: 2000 }, (_, i) => `item-${i}-${'z'.repeat(i % 300)}`);
    const bytes = c.encode(v);
    expect(c.decode(bytes)).toEqual(v);
    expect(c.encode(['a'])).toEqual(Buffer.from([2, 2, 0x61, 0]));
  });
});

describe('re-entrancy and views', () => {
  it('an encode started from inside another (a getter) does not corrupt the outer one', () => {
    const inner = createCodec<string>('string');
    const outer = createCodec<{ a: string; b: string }>({
      type: 'record',
      name: 'O',
      fields: [
        { name: 'a', type: 'string' },
        { name: 'b', type: 'string' },
      ],
    });
    const value = {
      a: 'first',
      get b() {
        return inner.encode('nested').toString('hex');
      },
    };
    const bytes = outer.encode(value);
    expect(outer.decode(bytes)).toEqual({ a: 'first', b: inner.encode('nested').toString('hex') });
  });

  it('decodes a view into a larger buffer, reading only its own bytes', () => {
    const c = createCodec<string>('string');
    const big = Buffer.concat([Buffer.from([9, 9, 9]), c.encode('mid'), Buffer.from([7, 7])]);
    expect(c.decode(big.subarray(3, big.length - 2))).toBe('mid');
    expect(c.decode(new Uint8Array(big.buffer, big.byteOffset + 3, big.length - 5))).toBe('mid');
  });
});
