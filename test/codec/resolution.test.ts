/**
 * Schema resolution: the conformance decoding cases (Apache Avro's own tests, run through the Java reference), read
 * where they lie in shared/, and cases of our own for what those do not cover.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import avro from 'avsc';
import { describe, expect, it } from 'vitest';
import { createCodec, type AvroSchema, type CodecOptions } from '../../runtime/codec/index.js';
import { codecErrorOf } from './support/codec-error.js';

const CONFORMANCE = fileURLToPath(new URL('../../../shared/conformance/avro-compatibility.json', import.meta.url));

interface DecodingCase {
  id: string;
  reader: AvroSchema;
  writer: AvroSchema;
  datum: unknown;
  resolves: boolean;
  decoded?: unknown;
  error?: string;
  note?: string;
}

/** Writes a datum given as plain JSON (unwrapped unions) with avsc, the independent implementation. */
function writeWithAvsc(schema: AvroSchema, datum: unknown): Buffer {
  return avro.Type.forSchema(schema as avro.Schema, { wrapUnions: 'auto' }).toBuffer(datum);
}

function approxEqual(actual: unknown, expected: unknown): void {
  if (typeof expected === 'number') {
    expect(actual).toBeCloseTo(expected, 5);
  } else if (typeof expected === 'object' && expected !== null) {
    expect(Object.keys(actual as object).sort()).toEqual(Object.keys(expected).sort());
    for (const [k, v] of Object.entries(expected)) approxEqual((actual as Record<string, unknown>)[k], v);
  } else {
    expect(actual).toEqual(expected);
  }
}

const conformance = existsSync(CONFORMANCE)
  ? (JSON.parse(readFileSync(CONFORMANCE, 'utf8')) as { decodingCases: DecodingCase[] }).decodingCases
  : undefined;

(conformance ? describe : describe.skip)(
  `conformance decoding cases${conformance ? '' : ' (skipped: shared/conformance/avro-compatibility.json is not beside this checkout)'}`,
  () => {
    it('has all 17 cases', () => expect(conformance).toHaveLength(17));
    for (const c of conformance ?? []) {
      it(`${c.id}${c.note ? ` — ${c.note}` : ''}`, () => {
        const bytes = writeWithAvsc(c.writer, c.datum);
        const decode = () => createCodec(c.reader).resolver(c.writer).decode(bytes);
        if (c.resolves) {
          approxEqual(decode(), c.decoded);
        } else {
          const e = codecErrorOf(decode);
          expect(e.code).toBe('INCOMPATIBLE_SCHEMA');
          // the Java message names the field or symbol at fault; ours names the same one
          const culprit = /field (\w+)|No match for (\w+)/.exec(c.error ?? '');
          expect(e.message).toContain(culprit?.[1] ?? culprit?.[2] ?? '');
        }
      });
    }
  },
);

function resolve(reader: AvroSchema, writer: AvroSchema, value: unknown, options?: CodecOptions): unknown {
  return createCodec(reader, options).resolver(writer).decode(createCodec(writer, options).encode(value));
}

describe('resolution', () => {
  it('promotes int → long → float → double, string ↔ bytes', () => {
    expect(resolve('long', 'int', -5)).toBe(-5);
    expect(resolve('long', 'int', -5, { long: 'bigint' })).toBe(-5n);
    expect(resolve('double', 'long', 2 ** 53 - 1)).toBe(2 ** 53 - 1);
    expect(resolve('float', 'long', 3)).toBe(3);
    expect(resolve('double', 'float', 0.5)).toBe(0.5);
    expect(resolve('bytes', 'string', 'hé')).toEqual(Buffer.from('hé'));
    expect(resolve('string', 'bytes', Buffer.from('hé'))).toBe('hé');
    expect(createCodec('double', { long: 'bigint' }).resolver('long').decode(createCodec('long', { long: 'bigint' }).encode(2n ** 60n))).toBe(2 ** 60);
  });

  it('promotes into logical types of the reader', () => {
    expect(resolve({ type: 'long', logicalType: 'timestamp-millis' }, 'int', 1000)).toEqual(new Date(1000));
    expect(resolve({ type: 'bytes', logicalType: 'decimal', precision: 4, scale: 1 }, 'string', '\u0001')).toBe('0.1');
  });

  it('matches record fields by name and reader alias, skips writer-only fields, defaults reader-only fields', () => {
    const writer: AvroSchema = {
      type: 'record',
      name: 'w.User',
      fields: [
        { name: 'skipMe', type: { type: 'map', values: { type: 'array', items: ['null', 'string', { type: 'fixed', name: 'F', size: 2 }] } } },
        { name: 'old_name', type: 'string' },
        { name: 'age', type: 'int' },
        { name: 'skipToo', type: { type: 'record', name: 'Inner', fields: [{ name: 'x', type: 'double' }] } },
      ],
    };
    const reader: AvroSchema = {
      type: 'record',
      name: 'r.User', // another namespace: names match unqualified
      fields: [
        { name: 'age', type: 'long' },
        { name: 'name', type: 'string', aliases: ['old_name'] },
        { name: 'tags', type: { type: 'array', items: 'string' }, default: ['t'] },
        { name: 'nick', type: ['null', 'string'], default: null },
      ],
    };
    const value = { skipMe: { a: [null, 'x', Buffer.from([1, 2])] }, old_name: 'Ada', age: 36, skipToo: { x: 1 } };
    const out = resolve(reader, writer, value) as Record<string, unknown>;
    expect(out).toEqual({ age: 36, name: 'Ada', tags: ['t'], nick: null });
    expect(Object.keys(out)).toEqual(['age', 'name', 'tags', 'nick']);
    // defaults are fresh values each time
    const again = resolve(reader, writer, value) as { tags: string[] };
    expect(again.tags).not.toBe(out.tags);
  });

  it('one resolver gives every record its own copy of a missing field\'s default', () => {
    const writer: AvroSchema = { type: 'record', name: 'R', fields: [{ name: 'id', type: 'int' }] };
    const reader: AvroSchema = {
      type: 'record',
      name: 'R',
      fields: [
        { name: 'id', type: 'int' },
        { name: 'tags', type: { type: 'array', items: 'string' }, default: ['t'] },
        { name: 'attrs', type: { type: 'map', values: 'int' }, default: { a: 1 } },
        { name: 'inner', type: { type: 'record', name: 'Inner', fields: [{ name: 'n', type: 'int' }] }, default: { n: 7 } },
      ],
    };
    type Out = { id: number; tags: string[]; attrs: Record<string, number>; inner: { n: number } };
    const decoder = createCodec(reader).resolver(writer);
    const encode = createCodec(writer);
    const first = decoder.decode(encode.encode({ id: 1 })) as Out;
    // a consumer that edits the record it was handed ...
    first.tags.push('mine');
    first.attrs.b = 2;
    first.inner.n = 0;
    // ... must not change the next record from the same resolver
    const second = decoder.decode(encode.encode({ id: 2 })) as Out;
    expect(second).toEqual({ id: 2, tags: ['t'], attrs: { a: 1 }, inner: { n: 7 } });
  });

  it('a writer enum symbol the reader lacks reads as the reader\'s default, never the writer\'s', () => {
    const e = (symbols: string[], dflt?: string): AvroSchema => ({ type: 'enum', name: 'E', symbols, ...(dflt ? { default: dflt } : {}) });
    const inRecord = (en: AvroSchema): AvroSchema => ({ type: 'record', name: 'R', fields: [{ name: 'e', type: en }] });
    // writer without a default, reader with one
    expect(resolve(e(['A', 'B'], 'B'), e(['A', 'B', 'C']), 'C')).toBe('B');
    // both with defaults that differ: the reader's wins
    expect(resolve(e(['A', 'B'], 'B'), e(['A', 'B', 'C'], 'A'), 'C')).toBe('B');
    expect(resolve(e(['A', 'B'], 'B'), e(['A', 'B', 'C'], 'A'), 'A')).toBe('A');
    expect(resolve(inRecord(e(['A', 'B'], 'B')), inRecord(e(['C', 'A', 'B'])), { e: 'C' })).toEqual({ e: 'B' });
    // writer with a default, reader without: the unknown symbol is an error, not the writer's default
    const err = codecErrorOf(() => resolve(e(['A', 'B']), e(['A', 'B', 'C'], 'A'), 'C'));
    expect(err.code).toBe('INCOMPATIBLE_SCHEMA');
    expect(err.message).toMatch(/writer symbol C of E is not a symbol of reader enum E, which has no default/);
  });

  it('a reader field without default missing from the writer is INCOMPATIBLE_SCHEMA at resolver creation', () => {
    const e = codecErrorOf(() =>
      createCodec({ type: 'record', name: 'R', fields: [{ name: 'need', type: 'int' }] }).resolver({ type: 'record', name: 'R', fields: [] }),
    );
    expect(e.code).toBe('INCOMPATIBLE_SCHEMA');
    expect(e.message).toMatch(/reader field need .* no default/);
  });

  it('named types match by unqualified name or reader alias, never by a different name', () => {
    const w: AvroSchema = { type: 'enum', name: 'x.Color', symbols: ['R', 'G'] };
    expect(resolve({ type: 'enum', name: 'y.Color', symbols: ['G', 'R'] }, w, 'G')).toBe('G');
    expect(resolve({ type: 'enum', name: 'Paint', aliases: ['z.Color'], symbols: ['G', 'R'] }, w, 'R')).toBe('R');
    expect(codecErrorOf(() => createCodec({ type: 'enum', name: 'Paint', symbols: ['R'] }).resolver(w)).message).toMatch(/unqualified name/);
  });

  it('fixed sizes must match', () => {
    expect(codecErrorOf(() => createCodec({ type: 'fixed', name: 'F', size: 3 }).resolver({ type: 'fixed', name: 'F', size: 4 })).code).toBe(
      'INCOMPATIBLE_SCHEMA',
    );
  });

  it('writer unions: each branch resolves to the reader; a branch the reader cannot take fails only when read', () => {
    const reader = createCodec<number | null>(['null', 'double']);
    const writer: AvroSchema = ['null', 'int', 'string'];
    const d = reader.resolver(writer);
    const w = createCodec(writer);
    expect(d.decode(w.encode(3))).toBe(3);
    expect(d.decode(w.encode(null))).toBe(null);
    expect(() => d.decode(w.encode('x'))).toThrow(/string cannot be read|matches no branch/);
  });

  it('reader unions: first exact match, then promotion; wrapped readers wrap', () => {
    expect(resolve(['null', 'string', 'long'], 'int', 7)).toBe(7);
    expect(resolve(['null', 'int', 'long'], 'long', 7)).toEqual({ long: 7 });
    expect(resolve(['null', 'int', 'long'], 'int', 7)).toEqual({ int: 7 });
    expect(resolve(['float', 'double'], 'int', 7)).toEqual({ float: 7 });
  });

  it('arrays, maps and recursive records resolve recursively', () => {
    const list = (name: string, valueType: string): AvroSchema => ({
      type: 'record',
      name,
      fields: [
        { name: 'v', type: valueType },
        { name: 'next', type: ['null', name] },
      ],
    });
    const v = { v: 1, next: { v: 2, next: null } };
    expect(resolve(list('L', 'double'), list('L', 'int'), v)).toEqual(v);
    expect(resolve({ type: 'map', values: { type: 'array', items: 'long' } }, { type: 'map', values: { type: 'array', items: 'int' } }, { __x: [1] })).toEqual({
      __x: [1],
    });
  });

  it('identical schemas resolve to the plain decoder; errors carry paths', () => {
    const s: AvroSchema = { type: 'record', name: 'R', fields: [{ name: 'e', type: { type: 'enum', name: 'E', symbols: ['A', 'B'] } }] };
    const r = createCodec({ type: 'record', name: 'R', fields: [{ name: 'e', type: { type: 'enum', name: 'E', symbols: ['A'] } }] });
    expect(() => r.resolver(s).decode(createCodec(s).encode({ e: 'B' }))).toThrow(/^R\.e: writer symbol B/);
    expect(createCodec(s).resolver(s).decode(createCodec(s).encode({ e: 'B' }))).toEqual({ e: 'B' });
  });

  it('the resolver decodes from an offset (a framed body)', () => {
    const c = createCodec<number>('long');
    expect(c.resolver('int').decode(createCodec('int').encodeFramed(5, 1), 5)).toBe(5);
  });
});

describe('skipping writer-only fields of every kind (property)', () => {
  it('reads only the kept field, whatever precedes and follows it', async () => {
    const { randomValueGenerator } = await import('./support/random-values.js');
    const { complexSchemas, primitiveSchemas } = await import('./support/schemas.js');
    const extra = [...primitiveSchemas, ...complexSchemas].map(([, type], i) => ({ name: `f${i}`, type }));
    const writer: AvroSchema = {
      type: 'record',
      name: 'Wide',
      fields: [...extra.slice(0, 10), { name: 'keep', type: 'string' }, ...extra.slice(10)],
    };
    const reader = createCodec({ type: 'record', name: 'Wide', fields: [{ name: 'keep', type: 'string' }] });
    const w = createCodec(writer);
    const d = reader.resolver(writer);
    const next = randomValueGenerator(writer, {}, 3);
    for (let i = 0; i < 200; i++) {
      const v = next() as { keep: string };
      expect(d.decode(w.encode(v))).toEqual({ keep: v.keep });
    }
  });
});
