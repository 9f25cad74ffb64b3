/** validate() of a record: each field checked at its path, a missing field with a default is no issue. */
import { expect, it } from 'vitest';
import { createCodec } from '../../runtime/codec/index.js';

const c = createCodec({
  type: 'record',
  name: 'R',
  fields: [
    { name: 'a', type: 'int' },
    { name: 'b', type: 'string', default: 'x' },
  ],
});

it('a field of the wrong type is an issue at its path', () => {
  expect(c.validate({ a: 'no', b: 'y' })).toEqual([{ path: 'R.a', message: 'expected int (32-bit integer number), found string "no"' }]);
});

it('a field with a default that is present is checked like any other', () => {
  expect(c.validate({ a: 1, b: 5 })).toEqual([{ path: 'R.b', message: 'expected string, found number 5' }]);
});

it('a missing field with a default is none; one without a default is', () => {
  expect(c.validate({ a: 1 })).toEqual([]);
  expect(c.decode(c.encode({ a: 1 }))).toEqual({ a: 1, b: 'x' });
  expect(c.validate({ b: 'y' })).toEqual([{ path: 'R.a', message: 'expected int (32-bit integer number), found undefined' }]);
});
