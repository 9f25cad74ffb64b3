/** Each way a schema can be invalid: INVALID_SCHEMA, its message, and the JSON pointer of the place at fault. */
import { expect, it } from 'vitest';
import { CodecError, createCodec, type AvroSchema } from '../../runtime/codec/index.js';
import type { NamedSchemaLookup } from '../../runtime/codec/parse-schema.js';

const R = (fields: unknown): unknown => ({ type: 'record', name: 'R', fields });
const lookupOf = (name: string, def: unknown): NamedSchemaLookup => (n) => (n === name ? (def as AvroSchema) : undefined);

it.each([
  [5, '#: expected a type name, a schema object or a union array, found 5'],
  [['null', null], '#/1: expected a type name, a schema object or a union array, found null'],
  [{ type: null }, '#: a schema object needs a string "type"'],
  [{ type: { type: 5 } }, '#/type: a schema object needs a string "type"'],
  [{ type: 'array' }, '#: an array schema needs "items"'],
  [{ type: 'array', items: 5 }, '#/items: expected a type name, a schema object or a union array, found 5'],
  [{ type: 'map' }, '#: a map schema needs "values"'],
  [{ type: 'map', values: 5 }, '#/values: expected a type name, a schema object or a union array, found 5'],
  [['null', ['int']], '#/1: a union may not contain a union directly'],
  [{ type: 'fixed', name: 'a.1b', size: 1 }, '#: a fixed needs a valid "name" ([A-Za-z_][A-Za-z0-9_]* parts), found "a.1b"'],
  [{ type: 'fixed', name: 'F', size: 1, namespace: 5 }, '#: invalid namespace 5'],
  [{ type: 'fixed', name: 'F', size: 1, namespace: '1a' }, '#: invalid namespace "1a"'],
  [{ type: 'enum', name: 'E' }, '#: enum E needs a "symbols" array'],
  [{ type: 'enum', name: 'E', symbols: ['A', 5] }, '#/symbols: invalid enum symbol 5'],
  [{ type: 'enum', name: 'E', symbols: ['1A'] }, '#/symbols: invalid enum symbol "1A"'],
  [{ type: 'enum', name: 'E', symbols: [true] }, '#/symbols: invalid enum symbol true'],
  [{ type: 'enum', name: 'E', symbols: ['A', 'A'] }, '#/symbols: duplicate enum symbol A'],
  [{ type: 'enum', name: 'E', symbols: ['A'], default: 'B' }, '#/default: enum default "B" is not one of the symbols'],
  [{ type: 'enum', name: 'E', symbols: ['A'], default: 1 }, '#/default: enum default 1 is not one of the symbols'],
  [{ type: 'fixed', name: 'F', size: 1.5 }, '#/size: fixed F needs a non-negative integer "size", found 1.5'],
  [{ type: 'fixed', name: 'F', size: '2' }, '#/size: fixed F needs a non-negative integer "size", found "2"'],
  [{ type: 'fixed', name: 'F', size: -1 }, '#/size: fixed F needs a non-negative integer "size", found -1'],
  [{ type: 'record', name: 'R' }, '#: record R needs a "fields" array'],
  [R([5]), '#/fields/0: a field must be an object'],
  [R([null]), '#/fields/0: a field must be an object'],
  [R([{ name: '1a', type: 'int' }]), '#/fields/0: invalid field name "1a"'],
  [R([{ name: true, type: 'int' }]), '#/fields/0: invalid field name true'],
  [R([{ name: 'a' }]), '#/fields/0: field a needs a "type"'],
  [R([{ name: 'a', type: 'int', aliases: 'b' }]), '#/fields/0/aliases: aliases must be an array of strings'],
  [R([{ name: 'a', type: 'int', aliases: ['b', 5] }]), '#/fields/0/aliases: aliases must be an array of strings'],
  [{ type: 'fixed', name: 'F', size: 1, aliases: ['1x'] }, '#/aliases: aliases must be an array of valid names'],
  [{ type: 'fixed', name: 'F', size: 1, aliases: ['ok', '1x'] }, '#/aliases: aliases must be an array of valid names'],
  [{ type: 'fixed', name: 'F', size: 1, aliases: 'x' }, '#/aliases: aliases must be an array of valid names'],
  [{ type: 'fixed', name: 'F', size: 1, aliases: [5] }, '#/aliases: aliases must be an array of valid names'],
  [['int', 'int'], '#/1: duplicate union branch int'],
  [[{ type: 'fixed', name: 'F', size: 1 }, 'F'], '#/1: duplicate union branch F'],
  [R([{ name: 'e', type: { type: 'error', name: 'Err', fields: [{ name: 'x', type: 'Nope' }] } }]), '#/fields/0/type/fields/0/type: unknown type name "Nope"'],
  [R([{ name: 'a', type: { type: { type: 'array', items: 'Nope' } } }]), '#/fields/0/type/type/items: unknown type name "Nope"'],
  [{ type: 'map', values: { type: 'array', items: 'Nope' } }, '#/values/items: unknown type name "Nope"'],
  [['null', { type: 'array', items: 'Nope' }], '#/1/items: unknown type name "Nope"'],
  [{ type: 'Nope' }, '#: unknown type name "Nope"'],
])('%j: %s', (schema, message) => {
  expect(() => createCodec(schema as AvroSchema).encode(undefined)).toThrow(expect.objectContaining({ code: 'INVALID_SCHEMA', message }) as CodecError);
});

it.each([
  ['a lookup answering a schema that does not define the name', lookupOf('x.Y', { type: 'fixed', name: 'Other', namespace: 'x', size: 1 }), '#: the schema found for "x.Y" does not define it'],
  ['an error inside a definition found by lookup: its place in that definition', lookupOf('x.Y', { type: 'record', name: 'Y', namespace: 'x', fields: [{ name: 'a', type: 'Nope' }] }), '#(x.Y)/fields/0/type: unknown type name "Nope"'],
])('%s', (_, lookup, message) => {
  expect(() => createCodec('x.Y', {}, lookup).encode(undefined)).toThrow(expect.objectContaining({ code: 'INVALID_SCHEMA', message }) as CodecError);
});

it.each([
  ['an empty namespace', ''],
  ['a null namespace', null],
])('%s is the null namespace, not an error', (_, namespace) => {
  const c = createCodec({ type: 'fixed', name: 'F', size: 1, namespace } as AvroSchema);
  expect(c.decode(c.encode(Buffer.from([7])))).toEqual(Buffer.from([7]));
});
