/**
 * Which properties of a value are its fields: a field named like an Object.prototype member (toString, constructor,
 * __proto__) only as an own property, any other also when inherited, as encode reads them; and a decoded
 * `__proto__` key is an ordinary own property the caller may change.
 */
import { expect, it } from 'vitest';
import { createCodec } from '../../runtime/codec/index.js';

const rec = createCodec({
  type: 'record',
  name: 'R',
  fields: [
    { name: 'a', type: 'int', default: 0 },
    { name: 'toString', type: 'string', default: 'x' },
  ],
});

it('a field named toString is read only as an own property', () => {
  expect(rec.validate({})).toEqual([]);
  expect(rec.validate({ toString: 'y' })).toEqual([]);
  expect(rec.decode(rec.encode({ toString: 'y' }))).toEqual({ a: 0, toString: 'y' });
  expect(rec.validate({ toString: 5 })).toEqual([{ path: 'R.toString', message: 'expected string, found number 5' }]);
});

it('any other field is read when inherited too, by validate as by encode', () => {
  const value: unknown = Object.create({ a: 7 });
  expect(rec.validate(value)).toEqual([]);
  expect(rec.decode(rec.encode(value))).toEqual({ a: 7, toString: 'x' });
});

it('a decoded __proto__ key can be changed and deleted', () => {
  const map = createCodec<Record<string, number>>({ type: 'map', values: 'int' });
  const o = map.decode(map.encode(JSON.parse('{"__proto__": 1}') as Record<string, number>));
  expect(Object.hasOwn(o, '__proto__')).toBe(true);
  Object.defineProperty(o, '__proto__', { value: 2 });
  o['__proto__'] = 3;
  expect(Object.getOwnPropertyDescriptor(o, '__proto__')!.value).toBe(3);
  delete o['__proto__'];
  expect(Object.hasOwn(o, '__proto__')).toBe(false);
});
