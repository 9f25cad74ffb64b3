/** How a refusal names the value it found: its JS kind and a short preview. */
import { expect, it } from 'vitest';
import { createCodec } from '../../runtime/codec/index.js';

class Point {}
const anonymous = new (class {})();

it.each([
  ['x'.repeat(40), `string "${'x'.repeat(40)}"`],
  ['y'.repeat(41), `string "${'y'.repeat(40)}…"`],
  [5n, 'bigint 5n'],
  [() => 1, 'function'],
  [[1, 2], 'array (length 2)'],
  [Buffer.from([1, 2, 3]), 'Buffer (3 bytes)'],
  [new Uint8Array(2), 'Uint8Array (2 bytes)'],
  [new Date(0), 'Date 1970-01-01T00:00:00.000Z'],
  [new Date(NaN), 'Date (invalid)'],
  [{}, 'object'],
  [Object.create(null), 'object'],
  [new Point(), 'Point instance'],
  [anonymous, 'object'],
  [null, 'null'],
  [true, 'boolean true'],
])('value %# is named %s', (value, found) => {
  expect(createCodec('int').validate(value)).toEqual([{ path: 'int', message: `expected int (32-bit integer number), found ${found}` }]);
});

it('an object whose prototype has no constructor is named object', () => {
  const value: unknown = Object.create(Object.create(null, { constructor: { value: undefined } }));
  expect(createCodec('int').validate(value)[0]!.message).toBe('expected int (32-bit integer number), found object');
});
