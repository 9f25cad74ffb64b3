/**
 * Schema resolution at its edges (found by mutation testing, runtime/codec/resolve.ts): which reader union branch a
 * writer type lands in, promotions that change the bytes, writer data that no reader can take, and the code, path and
 * message of each error a reader of mismatched data sees.
 */
import { describe, expect, it } from 'vitest';
import { createCodec, type AvroSchema } from '../../runtime/codec/index.js';
import { codecErrorOf } from './support/codec-error.js';

function resolve(reader: AvroSchema, writer: AvroSchema, value: unknown): unknown {
  return createCodec(reader).resolver(writer).decode(createCodec(writer).encode(value));
}

const record = (name: string, fields: Record<string, AvroSchema>): AvroSchema => ({
  type: 'record',
  name,
  fields: Object.entries(fields).map(([n, type]) => ({ name: n, type })),
});

describe('reader unions: the branch a writer type lands in', () => {
  it('each promotion reaches a union branch: long → float, float → double, string ↔ bytes', () => {
    expect(resolve(['null', 'float'], 'long', 3)).toBe(3);
    expect(resolve(['null', 'double'], 'long', 3)).toBe(3);
    expect(resolve(['null', 'double'], 'float', 0.5)).toBe(0.5);
    expect(resolve(['null', 'bytes'], 'string', 'hé')).toEqual(Buffer.from('hé'));
    expect(resolve(['null', 'string'], 'bytes', Buffer.from('hé'))).toBe('hé');
  });

  it('a named writer type takes the branch of its own full name, not the first of its kind', () => {
    const a = record('A', { x: 'int' });
    const b = record('B', { y: 'int' });
    expect(resolve(['null', a, b], record('B', { y: 'int' }), { y: 4 })).toEqual({ B: { y: 4 } });
    // the same short name in two namespaces: the exact full name wins over the first unqualified match
    const e = (ns: string, symbols: string[]): AvroSchema => ({ type: 'enum', name: 'E', namespace: ns, symbols });
    expect(resolve([e('a', ['X']), e('b', ['Y'])], e('b', ['Y']), 'Y')).toEqual({ 'b.E': 'Y' });
  });

  it('a named writer type takes a branch by reader alias when no branch has its name', () => {
    const paint: AvroSchema = { type: 'enum', name: 'Paint', aliases: ['Color'], symbols: ['R', 'G'] };
    expect(resolve(['null', paint], { type: 'enum', name: 'x.Color', symbols: ['G'] }, 'G')).toBe('G');
  });

  it('a null writer read by a wrapped reader union is null, not { null: null }', () => {
    expect(resolve(['null', 'int', 'long'], 'null', null)).toBeNull();
  });

  it('a writer type no branch takes is INCOMPATIBLE_SCHEMA naming the type and the branches', () => {
    const e = codecErrorOf(() => createCodec(['null', 'int']).resolver('boolean'));
    expect(e.code).toBe('INCOMPATIBLE_SCHEMA');
    expect(e.path).toBe('union');
    expect(e.detail).toBe('writer type boolean matches no branch of the reader union [null, int]');
  });
});

describe('writer unions', () => {
  it('a writer union none of whose branches the reader takes fails when the resolver is made', () => {
    const e = codecErrorOf(() => createCodec('int').resolver(['null', 'string']));
    expect(e.code).toBe('INCOMPATIBLE_SCHEMA');
    expect(e.detail).toBe('writer type null cannot be read as int');
  });

  it('a branch index beyond the writer union is INVALID_ENCODING', () => {
    const d = createCodec<number | null>(['null', 'long']).resolver(['null', 'int']);
    const e = codecErrorOf(() => d.decode(Buffer.from([4, 2])));
    expect(e.code).toBe('INVALID_ENCODING');
    expect(e.detail).toBe('union branch index 2 out of range (2 branches)');
    // an empty writer union (valid, if useless) resolves; any data for it is out of range
    const none = codecErrorOf(() => createCodec('int').resolver([]).decode(Buffer.from([0])));
    expect([none.code, none.detail]).toEqual(['INVALID_ENCODING', 'union branch index 0 out of range (0 branches)']);
  });

  it('a branch that failed to resolve in one field fails again in the next, never reads as nothing', () => {
    // F and E both resolve to F in field a: E fails (another name). Field b refers to the same pair.
    const f: AvroSchema = { type: 'enum', name: 'F', symbols: ['x'] };
    const e: AvroSchema = { type: 'enum', name: 'E', symbols: ['y', 'z'] };
    const writer: AvroSchema = { type: 'record', name: 'R', fields: [{ name: 'a', type: [f, e] }, { name: 'b', type: ['F', 'E'] }, { name: 'c', type: 'string' }] };
    const reader: AvroSchema = { type: 'record', name: 'R', fields: [{ name: 'a', type: f }, { name: 'b', type: 'F' }, { name: 'c', type: 'string' }] };
    const d = createCodec(reader).resolver(writer);
    const w = createCodec(writer);
    expect(d.decode(w.encode({ a: { F: 'x' }, b: { F: 'x' }, c: 'ok' }))).toEqual({ a: 'x', b: 'x', c: 'ok' });
    for (const [value, path] of [
      [{ a: { E: 'z' }, b: { F: 'x' }, c: '' }, 'R.a'],
      [{ a: { F: 'x' }, b: { E: 'z' }, c: '' }, 'R.b'],
    ] as const) {
      const err = codecErrorOf(() => d.decode(w.encode(value)));
      expect(err.code).toBe('INCOMPATIBLE_SCHEMA');
      expect(err.path).toBe(path);
      expect(err.detail).toBe('writer enum E does not match reader enum F by unqualified name or reader alias');
    }
  });

  it('a named pair that failed fails where a recursive reference to it was already taken', () => {
    // W2 → R2 resolves while W1 → R1 is being built (W2 refers back to W1), then W1 → R1 fails on its field bad.
    const w1: AvroSchema = { type: 'record', name: 'W1', fields: [{ name: 'child', type: { type: 'record', name: 'W2', fields: [{ name: 'back', type: ['null', 'W1'] }] } }, { name: 'bad', type: 'string' }] };
    const r1: AvroSchema = { type: 'record', name: 'W1', fields: [{ name: 'child', type: { type: 'record', name: 'W2', fields: [{ name: 'back', type: ['null', 'W1'] }] } }, { name: 'bad', type: 'int' }] };
    const writer: AvroSchema = { type: 'record', name: 'Top', fields: [{ name: 'x', type: ['null', w1] }, { name: 'y', type: 'W2' }] };
    const reader: AvroSchema = { type: 'record', name: 'Top', fields: [{ name: 'x', type: ['null', r1] }, { name: 'y', type: 'W2' }] };
    const d = createCodec(reader).resolver(writer);
    const w = createCodec(writer);
    expect(d.decode(w.encode({ x: null, y: { back: null } }))).toEqual({ x: null, y: { back: null } });
    for (let i = 0; i < 2; i++) {
      const err = codecErrorOf(() => d.decode(w.encode({ x: null, y: { back: { child: { back: null }, bad: 's' } } })));
      expect([err.code, err.path]).toEqual(['INCOMPATIBLE_SCHEMA', 'Top.y.back']);
    }
  });

  it('a writer union branch that is named, read as a primitive, fails when read, in every field', () => {
    const e: AvroSchema = { type: 'enum', name: 'E', symbols: ['A'] };
    const writer: AvroSchema = { type: 'record', name: 'R', fields: [{ name: 'a', type: ['string', e] }, { name: 'b', type: ['string', 'E'] }] };
    const reader = record('R', { a: 'string', b: 'string' });
    const d = createCodec(reader).resolver(writer);
    const err = codecErrorOf(() => d.decode(createCodec(writer).encode({ a: { string: 's' }, b: { E: 'A' } })));
    expect([err.code, err.path, err.detail]).toEqual(['INCOMPATIBLE_SCHEMA', 'R.b', 'writer type enum E cannot be read as string']);
  });
});

describe('named types', () => {
  it('an alias of another name does not match', () => {
    const e = codecErrorOf(() => createCodec({ type: 'enum', name: 'Paint', aliases: ['Hue'], symbols: ['R'] }).resolver({ type: 'enum', name: 'Color', symbols: ['R'] }));
    expect(e.code).toBe('INCOMPATIBLE_SCHEMA');
    expect(e.detail).toBe('writer enum Color does not match reader enum Paint by unqualified name or reader alias');
  });

  it('a named writer of another kind is INCOMPATIBLE_SCHEMA naming both', () => {
    const e = codecErrorOf(() => createCodec({ type: 'fixed', name: 'X', size: 1 }).resolver({ type: 'enum', name: 'X', symbols: ['A'] }));
    expect([e.code, e.path, e.detail]).toEqual(['INCOMPATIBLE_SCHEMA', 'X', 'writer type enum X cannot be read as fixed X']);
  });

  it('fixed of the same size in another namespace reads; of another size fails naming both sizes', () => {
    expect(resolve({ type: 'fixed', name: 'b.F', size: 2 }, { type: 'fixed', name: 'a.F', size: 2 }, Buffer.from([1, 2]))).toEqual(Buffer.from([1, 2]));
    const e = codecErrorOf(() => createCodec({ type: 'fixed', name: 'F', size: 3 }).resolver({ type: 'fixed', name: 'F', size: 4 }));
    expect(e.detail).toBe('fixed F has size 4 in the writer, 3 in the reader');
  });

  it('an enum index beyond the writer symbols is INVALID_ENCODING, at either end', () => {
    const d = createCodec({ type: 'enum', name: 'E', symbols: ['A'], default: 'A' }).resolver({ type: 'enum', name: 'E', symbols: ['A', 'B'] });
    expect(d.decode(Buffer.from([2]))).toBe('A');
    // the first writer symbol missing from a reader without a default is the data's fault only when read
    const noDefault = createCodec({ type: 'enum', name: 'E', symbols: ['A'] }).resolver({ type: 'enum', name: 'E', symbols: ['C', 'A'] });
    expect(codecErrorOf(() => noDefault.decode(Buffer.from([0]))).code).toBe('INCOMPATIBLE_SCHEMA');
    for (const [byte, index] of [[4, 2], [1, -1]] as const) {
      const e = codecErrorOf(() => d.decode(Buffer.from([byte])));
      expect([e.code, e.detail]).toEqual(['INVALID_ENCODING', `enum index ${index} out of range for E`]);
    }
  });
});

describe('records', () => {
  it('an incompatible field type is reported at the field', () => {
    const e = codecErrorOf(() => createCodec(record('R', { f: 'int' })).resolver(record('R', { f: 'string' })));
    expect([e.code, e.path, e.detail]).toEqual(['INCOMPATIBLE_SCHEMA', 'R.f', 'writer type string cannot be read as int']);
  });

  it('bad data in a skipped writer-only field is reported at that field', () => {
    const d = createCodec(record('R', { keep: 'int' })).resolver(record('R', { gone: ['null', 'int'], keep: 'int' }));
    const e = codecErrorOf(() => d.decode(Buffer.from([6, 2])));
    expect([e.code, e.path, e.detail]).toEqual(['INVALID_ENCODING', 'R.gone', 'union branch index 3 out of range']);
  });

  it('a skipped array: blocks with a byte size, truncation where it happens, a hostile count refused', () => {
    const d = createCodec(record('R', { keep: 'int' })).resolver(record('R', { keep: 'int', gone: { type: 'array', items: 'int' } }));
    // keep = 1; one block of -1 item and 2 bytes (the int 300), then the end of the array
    expect(d.decode(Buffer.from([2, 1, 4, 0xd8, 0x04, 0]))).toEqual({ keep: 1 });
    // two items claimed, the input ends after the first
    const cut = codecErrorOf(() => d.decode(Buffer.from([2, 4, 2])));
    expect([cut.code, cut.path, cut.detail]).toEqual(['TRUNCATED', 'R.gone', 'input ended early: needed 1 more byte(s)']);
    const nulls = createCodec(record('R', { keep: 'int' })).resolver(record('R', { gone: { type: 'array', items: 'null' }, keep: 'int' }));
    const hostile = codecErrorOf(() => nulls.decode(Buffer.from([0x80, 0x89, 0x7a, 2])));
    expect([hostile.code, hostile.path]).toEqual(['INVALID_ENCODING', 'R.gone']);
    expect(hostile.detail).toMatch(/^an array claims \d+ items, more than its \d+ remaining bytes can hold$/);
  });
});

describe('promotions that change the bytes', () => {
  it('array and map items resolve item by item', () => {
    expect(resolve({ type: 'array', items: 'double' }, { type: 'array', items: 'int' }, [1, -2])).toEqual([1, -2]);
    expect(resolve({ type: 'map', values: 'double' }, { type: 'map', values: 'float' }, { a: 0.5 })).toEqual({ a: 0.5 });
  });

  it('incompatible items and values are reported at [] and {}', () => {
    const items = codecErrorOf(() => createCodec({ type: 'array', items: 'int' }).resolver({ type: 'array', items: 'string' }));
    expect([items.code, items.path]).toEqual(['INCOMPATIBLE_SCHEMA', 'array[]']);
    const values = codecErrorOf(() => createCodec({ type: 'map', values: 'int' }).resolver({ type: 'map', values: 'string' }));
    expect([values.code, values.path]).toEqual(['INCOMPATIBLE_SCHEMA', 'map{}']);
  });

  it('int → double keeps every int exactly; long → float rounds to a float', () => {
    expect(resolve('double', 'int', 2 ** 24 + 1)).toBe(2 ** 24 + 1);
    expect(resolve('float', 'long', 2 ** 24 + 1)).toBe(2 ** 24);
  });
});
