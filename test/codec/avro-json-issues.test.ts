/** Avro JSON read by `avroJsonReader`: what each type accepts at its edges, and every issue's path and message. */
import { expect, it } from 'vitest';
import { avroJsonReader, type AvroSchema } from '../../runtime/codec/index.js';

const read = (type: unknown, v: unknown): unknown => {
  const r = avroJsonReader({ type: 'record', name: 'R', fields: [{ name: 'v', type }] } as AvroSchema).read({ v });
  return r.ok ? { value: (r.value as { v: unknown }).v } : r.issues;
};
const issue = (message: string, path = 'value.v'): unknown => [{ path, message }];
const In = { type: 'record', name: 'In', fields: [{ name: 'a', type: 'int' }] };
const INT = 'expected int (a 32-bit integer), found';
const UNION = 'expected a union value {"int": …} or null, found';

it.each([
  ['null', 1, issue('expected null, found number 1')],
  ['boolean', 'x', issue('expected boolean, found string "x"')],
  ['boolean', true, { value: true }],
  ['int', 2 ** 31, issue(`${INT} number 2147483648`)],
  ['int', -(2 ** 31) - 1, issue(`${INT} number -2147483649`)],
  ['int', 2 ** 31 - 1, { value: 2 ** 31 - 1 }],
  ['int', -(2 ** 31), { value: -(2 ** 31) }],
  ['int', 1.5, issue(`${INT} number 1.5`)],
  ['int', '1', issue(`${INT} string "1"`)],
  ['int', 'z'.repeat(45), issue(`${INT} string "${'z'.repeat(40)}…"`)],
  ['int', 'z'.repeat(40), issue(`${INT} string "${'z'.repeat(40)}"`)],
  ['long', 2 ** 53, issue('expected long within ±(2^53−1) (JSON numbers beyond lose digits), found number 9007199254740992')],
  ['long', 1.5, issue('expected long (an integer), found number 1.5')],
  ['long', '1', issue('expected long (an integer), found string "1"')],
  ['float', 'x', issue('expected float, found string "x"')],
  ['double', null, issue('expected double, found null')],
  ['double', 1.5, { value: 1.5 }],
  ['bytes', 'ā', issue('expected bytes (a string of code points 0-255), found string "ā"')],
  ['bytes', 5, issue('expected bytes (a string of code points 0-255), found number 5')],
  ['bytes', '\u00ff\u0000', { value: Buffer.from([0xff, 0]) }],
  [{ type: 'fixed', name: 'F', size: 2 }, 'abc', issue('expected fixed F (a string of 2 code points 0-255), found string "abc"')],
  [{ type: 'fixed', name: 'F', size: 2 }, 'ā1', issue('expected fixed F (a string of 2 code points 0-255), found string "ā1"')],
  [{ type: 'fixed', name: 'F', size: 2 }, '\u00ff\u0001', { value: Buffer.from([0xff, 1]) }],
  [{ type: 'fixed', name: 'F', size: 2 }, 5, issue('expected fixed F (a string of 2 code points 0-255), found number 5')],
  [{ type: 'enum', name: 'E', symbols: ['A'] }, 'B', issue('expected one of the symbols of E (A), found string "B"')],
  [{ type: 'enum', name: 'E', symbols: ['A'] }, 5, issue('expected one of the symbols of E (A), found number 5')],
  [{ type: 'array', items: 'int' }, [1, 'x', 2.5], [{ path: 'value.v[1]', message: `${INT} string "x"` }, { path: 'value.v[2]', message: `${INT} number 2.5` }]],
  [{ type: 'array', items: 'int' }, {}, issue('expected array, found an object')],
  [{ type: 'map', values: 'int' }, { a: 'x', 'b c': 1.5 }, [{ path: 'value.v["a"]', message: `${INT} string "x"` }, { path: 'value.v["b c"]', message: `${INT} number 1.5` }]],
  [{ type: 'map', values: 'int' }, [], issue('expected map (a JSON object), found an array')],
  [{ type: 'map', values: 'int' }, null, issue('expected map (a JSON object), found null')],
  [{ type: 'map', values: 'int' }, { a: 1, b: 2 }, { value: { a: 1, b: 2 } }],
  [In, { a: 1, b: 2 }, issue('not a field of In (fields: a)', 'value.v.b')],
  [In, 'x', issue('expected record In (a JSON object), found string "x"')],
  [In, {}, issue('missing (the field has no default)', 'value.v.a')],
  [['null', 'int'], 5, issue(`${UNION} number 5`)],
  [['null', 'int'], { int: 'x' }, issue(`${INT} string "x"`, 'value.v.int')],
  [['null', 'int'], { long: 1 }, issue('"long" is not a branch of this union (expected a union value {"int": …} or null)')],
  [['null', 'int'], { int: 1, null: null }, issue(`${UNION} an object`)],
  [['null', 'int'], { null: null }, issue('"null" is not a branch of this union (expected a union value {"int": …} or null)')],
  [['null', 'int'], null, { value: null }],
  [['null', 'int'], { int: 7 }, { value: 7 }],
  [['int', 'string'], null, issue('expected a union value {"int": …} or {"string": …}, found null')],
  [['null', 'int'], [], issue(`${UNION} an array`)],
  [['null', 'int'], {}, issue(`${UNION} an object`)],
  [['int', 'string'], { string: 'x' }, { value: 'x' }],
  [['int', 'string'], { int: 3 }, { value: 3 }],
  [['null', 'int', 'string'], 'x', issue('expected a union value {"int": …} or {"string": …} or null, found string "x"')],
  ['string', null, issue('expected string, found null')],
  ['string', [1], issue('expected string, found an array')],
  ['string', {}, issue('expected string, found an object')],
])('%j %j', (type, value, expected) => {
  expect(read(type, value)).toEqual(expected);
});

it('a map read from Avro JSON is the caller\'s to change', () => {
  const r = avroJsonReader({ type: 'map', values: 'int' }).read({ a: 1 });
  if (!r.ok) throw new Error('not read');
  const m = r.value as Record<string, number>;
  m.a = 2;
  expect(m.a).toBe(2);
  delete (m as { a?: number }).a;
  expect(m).toEqual({});
});
