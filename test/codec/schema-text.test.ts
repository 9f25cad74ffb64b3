/**
 * schemaText(): the JSON text of a schema exactly as JSON.stringify writes it (undefined and functions dropped from
 * objects, null in arrays), except that a bigint is written as its exact digits.
 */
import { expect, it } from 'vitest';
import { schemaText, type AvroSchema } from '../../runtime/codec/index.js';

it.each([
  ['undefined and functions in an object: dropped', { type: 'record', name: 'R', doc: undefined, f: () => 1, fields: [] }],
  ['undefined and functions in an array: null', { type: 'enum', name: 'E', symbols: ['A'], extra: [undefined, () => 1, 'x', null] }],
  ['nested objects and arrays, strings that need escapes', { type: 'record', name: 'R', doc: 'a "quoted" \\ line\n', fields: [{ name: 'a', type: ['null', { type: 'array', items: 'int' }], default: null }] }],
  ['numbers, booleans, null', { type: 'fixed', name: 'F', size: 2, flag: true, none: null, ratio: 0.5 }],
  ['a string at the top', 'string'],
])('%s: as JSON.stringify', (_, schema) => {
  expect(schemaText(schema as AvroSchema)).toBe(JSON.stringify(schema));
});

it('a bigint default: its exact digits', () => {
  const schema = { type: 'record', name: 'R', fields: [{ name: 'n', type: 'long', default: 2n ** 60n + 1n }] };
  expect(schemaText(schema as unknown as AvroSchema)).toBe('{"type":"record","name":"R","fields":[{"name":"n","type":"long","default":1152921504606846977}]}');
  expect(schemaText([1n, -5n] as unknown as AvroSchema)).toBe('[1,-5]');
});

it('a value JSON has no text for, at the top: null', () => {
  expect(schemaText(undefined as unknown as AvroSchema)).toBe('null');
});
