/** Avro naming rules in the schema parser, recursive types, and invalid schemas. */
import { describe, expect, it } from 'vitest';
import { CodecError, createCodec, type AvroSchema } from '../../runtime/codec/index.js';

function schemaError(schema: unknown): string {
  try {
    createCodec(schema as AvroSchema).encode(null as never);
  } catch (e) {
    if (e instanceof CodecError && e.code === 'INVALID_SCHEMA') return e.message;
    throw e;
  }
  throw new Error('expected INVALID_SCHEMA');
}

describe('names', () => {
  it('inherits namespaces, resolves short names in the enclosing namespace then the null namespace', () => {
    const schema: AvroSchema = [
      'null',
      { type: 'fixed', name: 'Top', size: 1 }, // null namespace
      { type: 'map', values: 'int' },
      {
        type: 'record',
        name: 'Outer',
        namespace: 'a.b',
        fields: [
          { name: 'inner', type: { type: 'enum', name: 'Inner', symbols: ['X'] } }, // a.b.Inner
          { name: 'again', type: 'Inner' }, // short name in a.b
          { name: 'full', type: 'a.b.Inner' },
          { name: 'top', type: 'Top' }, // found in the null namespace
          // dotted name: namespace c, so its short reference "Other" means c.Other
          { name: 'other', type: { type: 'record', name: 'c.Other', fields: [{ name: 'o', type: ['null', 'Other'] }] } },
          { name: 'reset', type: { type: 'enum', name: 'Inner', namespace: '', symbols: ['Y'] } }, // null-namespace Inner
          { name: 'which', type: ['Inner', 'string', 'c.Other'] },
        ],
      },
    ];
    const c = createCodec(schema);
    const value = {
      'a.b.Outer': {
        inner: 'X',
        again: 'X',
        full: 'X',
        top: Buffer.from([1]),
        other: { o: { o: null } },
        reset: 'Y',
        which: { 'a.b.Inner': 'X' },
      },
    };
    expect(c.decode(c.encode(value))).toEqual(value);
    expect(c.validate({ 'a.b.Outer': { ...value['a.b.Outer'], which: { Inner: 'X' } } })[0]!.message).toMatch(
      /\{ "a\.b\.Inner": enum a\.b\.Inner .*\{ "string": string \}/,
    );
    expect(c.validate({ 'a.b.Outer': { ...value['a.b.Outer'], reset: 'X' } })[0]!.message).toMatch(/enum Inner symbol \(Y\)/);
  });

  it('a forward reference resolves once the name is defined later in the document', () => {
    const c = createCodec({
      type: 'record',
      name: 'R',
      fields: [
        { name: 'b', type: 'E' },
        { name: 'a', type: { type: 'enum', name: 'E', symbols: ['Q'] } },
      ],
    });
    expect(c.decode(c.encode({ b: 'Q', a: 'Q' }))).toEqual({ b: 'Q', a: 'Q' });
  });

  it('recursive types: a linked list', () => {
    const c = createCodec({
      type: 'record',
      name: 'Cell',
      fields: [
        { name: 'v', type: 'int' },
        { name: 'next', type: ['null', 'Cell'] },
      ],
    });
    let list: unknown = null;
    for (let i = 0; i < 500; i++) list = { v: i, next: list };
    expect(c.decode(c.encode(list))).toEqual(list);
  });

  it('name is the full name of a named root, else its type', () => {
    expect(createCodec({ type: 'record', name: 'U', namespace: 'x.y', fields: [] }).name).toBe('x.y.U');
    expect(createCodec({ type: 'enum', name: 'p.E', namespace: 'ignored', symbols: ['A'] }).name).toBe('p.E');
    expect(createCodec({ type: 'array', items: 'int' }).name).toBe('array');
    expect(createCodec('string').name).toBe('string');
    expect(createCodec(['null', 'int']).name).toBe('union');
  });

  it('creating a codec is lazy: an invalid schema throws on first use', () => {
    const c = createCodec({ type: 'record', name: 'R', fields: [{ name: 'x', type: 'Nope' }] });
    expect(() => c.encode({ x: 1 })).toThrow(CodecError);
  });
});

describe('invalid schemas are INVALID_SCHEMA with a location', () => {
  it.each([
    ['unknown name', { type: 'record', name: 'R', fields: [{ name: 'x', type: 'Nope' }] }, /#\/fields\/0\/type: unknown type name "Nope"/],
    ['primitive redefined', { type: 'fixed', name: 'int', size: 1 }, /primitive type name cannot be redefined/],
    ['primitive redefined in a namespace', { type: 'fixed', name: 'long', namespace: 'x', size: 1 }, /cannot be redefined/],
    ['duplicate definition', [{ type: 'fixed', name: 'F', size: 1 }, { type: 'fixed', name: 'F', size: 2 }], /F is defined twice/],
    ['bad name', { type: 'record', name: '1x', fields: [] }, /valid "name"/],
    ['bad field name', { type: 'record', name: 'R', fields: [{ name: 'a-b', type: 'int' }] }, /invalid field name/],
    ['duplicate field', { type: 'record', name: 'R', fields: [{ name: 'a', type: 'int' }, { name: 'a', type: 'int' }] }, /duplicate field/],
    ['bad symbol', { type: 'enum', name: 'E', symbols: ['ok', 'not ok'] }, /invalid enum symbol/],
    ['duplicate symbol', { type: 'enum', name: 'E', symbols: ['A', 'A'] }, /duplicate enum symbol/],
    ['enum default not a symbol', { type: 'enum', name: 'E', symbols: ['A'], default: 'B' }, /not one of the symbols/],
    ['negative fixed size', { type: 'fixed', name: 'F', size: -1 }, /non-negative integer "size"/],
    ['nested union', ['null', ['int']], /may not contain a union/],
    ['duplicate union branch', ['int', 'int'], /duplicate union branch int/],
    ['duplicate named branch', [{ type: 'fixed', name: 'F', size: 1 }, 'F'], /duplicate union branch F/],
    ['array without items', { type: 'array' }, /needs "items"/],
    ['no type', { name: 'x' }, /string "type"/],
  ])('%s', (_, schema, message) => {
    expect(schemaError(schema)).toMatch(message);
  });
});
