/** What an array and a map accept on encode (a JS array; a plain object), and how a refusal reads. */
import { describe, expect, it } from 'vitest';
import { createCodec } from '../../runtime/codec/index.js';
import { codeOf } from './support/codec-error.js';


describe('array', () => {
  const c = createCodec({ type: 'array', items: 'string' });
  it.each([['a string', 'abc'], ['an object with a length', { length: 1, 0: 'a' }], ['null', null]])('refuses %s', (_, value) => {
    expect(codeOf(() => c.encode(value as never))).toBe('INVALID_VALUE');
    expect(c.validate(value)).toEqual([{ path: 'array', message: `expected array of string, found ${value === null ? 'null' : typeof value === 'string' ? 'string "abc"' : 'object'}` }]);
  });
});

describe('map', () => {
  const c = createCodec<Record<string, number>>({ type: 'map', values: 'int' });
  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a number', 5],
    ['a Map', new Map([['a', 1]])],
    ['an array', [1]],
    ['a Date', new Date(0)],
  ])('refuses %s', (_, value) => {
    expect(codeOf(() => c.encode(value as never))).toBe('INVALID_VALUE');
    expect(c.validate(value)[0]!.message).toMatch(/^expected map \(plain object\) of int \(32-bit integer number\), found /);
  });
  it('takes an object without a prototype', () => {
    const o = Object.assign(Object.create(null) as Record<string, number>, { a: 1 });
    expect(c.decode(c.encode(o))).toEqual({ a: 1 });
    expect(c.validate(o)).toEqual([]);
  });
});
