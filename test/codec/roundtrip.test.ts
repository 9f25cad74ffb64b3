/**
 * Round-trip properties against avsc as the second implementation: bytes written by one are read and re-written by
 * the other, identically. Logical types are compared with avsc reading the underlying type.
 */
import avro from 'avsc';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCodec, type AvroSchema, type CodecOptions } from '../../runtime/codec/index.js';
import { randomCount } from './support/effort.js';
import { prng, randomValueGenerator } from './support/random-values.js';
import { awkwardNameSchemas, complexSchemas, logicalSchemas, primitiveSchemas } from './support/schemas.js';

const ITERATIONS = randomCount(300, 30);

/** avsc's own long type refuses values beyond 2^53; this one carries them as bigint, exactly. */
const bigLong = avro.types.LongType.__with({
  fromBuffer: (buf: Buffer) => buf.readBigInt64LE(),
  toBuffer: (n: bigint) => {
    const buf = Buffer.alloc(8);
    buf.writeBigInt64LE(BigInt(n));
    return buf;
  },
  fromJSON: BigInt,
  toJSON: Number,
  isValid: (n: unknown) => typeof n === 'bigint',
  compare: (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0),
});

/** The schema with logical types removed (avsc then reads the underlying type, as the brief's comparison wants). */
function underlying(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(underlying);
  if (typeof schema !== 'object' || schema === null) return schema;
  const o = schema as Record<string, unknown>;
  if (typeof o.type === 'string' && o.logicalType !== undefined && ['int', 'long', 'string', 'bytes'].includes(o.type)) {
    return o.type;
  }
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, k === 'logicalType' ? undefined : underlying(v)]));
}

function avscType(schema: AvroSchema, exactLongs = false): avro.Type {
  return avro.Type.forSchema(underlying(schema) as avro.Schema, {
    wrapUnions: true,
    ...(exactLongs ? { registry: { long: bigLong } } : {}),
  });
}

afterEach(() => vi.restoreAllMocks());

describe('avsc writes, unilog reads and re-writes identical bytes', () => {
  // avsc.random() recurses without bound on the tree schema (stack overflow): left to the other direction
  for (const [name, schema] of [...primitiveSchemas, ...complexSchemas].filter(([n]) => n !== 'tree')) {
    for (const options of [{}, { long: 'bigint' }] as CodecOptions[]) {
      it(`${name} ${JSON.stringify(options)}`, () => {
        vi.spyOn(Math, 'random').mockImplementation(prng(42));
        const theirs = avscType(schema);
        const ours = createCodec(schema, options);
        for (let i = 0; i < ITERATIONS; i++) {
          const bytes = theirs.toBuffer(theirs.random());
          expect(ours.encode(ours.decode(bytes))).toEqual(bytes);
        }
      });
    }
  }
});

describe('unilog writes, avsc reads and re-writes identical bytes; unilog reads back the value', () => {
  const all = [...primitiveSchemas, ...complexSchemas, ...logicalSchemas];
  for (const [name, schema] of all) {
    for (const options of [{}, { long: 'bigint' }, { logicalTypes: false }] as CodecOptions[]) {
      it(`${name} ${JSON.stringify(options)}`, () => {
        const theirs = avscType(schema, true);
        const ours = createCodec(schema, options);
        const next = randomValueGenerator(schema, options, 7);
        for (let i = 0; i < ITERATIONS; i++) {
          const value = next();
          const bytes = ours.encode(value);
          expect(theirs.toBuffer(theirs.fromBuffer(bytes))).toEqual(bytes);
          expect(ours.decode(bytes)).toEqual(value);
          expect(ours.validate(value)).toEqual([]);
        }
      });
    }
  }
});

describe('names avsc cannot take: encode → decode → encode is stable and values survive', () => {
  for (const [name, schema] of awkwardNameSchemas) {
    it(name, () => {
      const ours = createCodec(schema);
      const next = randomValueGenerator(schema, {}, 11, true);
      for (let i = 0; i < ITERATIONS; i++) {
        const value = next();
        const bytes = ours.encode(value);
        const back = ours.decode(bytes);
        expect(back).toEqual(value);
        expect(Object.keys(back as object)).toEqual(Object.keys(value as object));
        expect(ours.encode(back)).toEqual(bytes);
      }
    });
  }
});
