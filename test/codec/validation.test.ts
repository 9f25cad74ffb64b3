/** Invalid values: encode throws INVALID_VALUE whose message names the path, what was expected and what was found. */
import { describe, expect, it } from 'vitest';
import { createCodec, type AvroSchema } from '../../runtime/codec/index.js';
import { codecErrorOf } from './support/codec-error.js';

const user: AvroSchema = {
  type: 'record',
  name: 'User',
  namespace: 'com.example',
  fields: [
    { name: 'name', type: 'string' },
    { name: 'age', type: ['null', 'int'] },
    {
      name: 'address',
      type: { type: 'record', name: 'Address', fields: [{ name: 'city', type: 'string' }] },
    },
    { name: 'tags', type: { type: 'array', items: 'string' } },
    { name: 'attrs', type: { type: 'map', values: 'long' } },
    { name: 'contact', type: ['null', 'int', 'long'] },
    { name: 'status', type: { type: 'enum', name: 'Status', symbols: ['ON', 'OFF'] } },
  ],
};
const ok = { name: 'Ada', age: null, address: { city: 'London' }, tags: [], attrs: {}, contact: null, status: 'ON' };
const codec = createCodec(user);

describe('validation names the path', () => {
  const cases: [string, Record<string, unknown>, string, RegExp][] = [
    ['a top-level field', { name: 1 }, 'User.name', /expected string, found number 1/],
    ['a nested field', { address: { city: null } }, 'User.address.city', /expected string, found null/],
    ['an array item', { tags: ['a', 'b', 'c', 7] }, 'User.tags[3]', /expected string, found number 7/],
    ['a map value', { attrs: { 'two words': 1.5 } }, 'User.attrs["two words"]', /expected long .*found number 1\.5/],
    ['a nullable union', { age: 'x' }, 'User.age', /expected null \| int .*found string "x"/],
    ['a wrapped union branch', { contact: { long: 'x' } }, 'User.contact.long', /expected long/],
    ['a wrapped union given unwrapped', { contact: 5 }, 'User.contact', /\{ "int": int/],
    ['an enum', { status: 'MAYBE' }, 'User.status', /enum com\.example\.Status symbol \(ON \| OFF\).*found string "MAYBE"/],
    ['a missing field without default', { address: undefined }, 'User.address', /record com\.example\.Address.*found undefined/],
  ];
  it.each(cases)('%s', (_, patch, path, message) => {
    const value = { ...ok, ...patch };
    const issues = codec.validate(value);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toBe(path);
    expect(issues[0]!.message).toMatch(message);
    expect(codec.isValid(value)).toBe(false);
    const e = codecErrorOf(() => codec.encode(value));
    expect(e.code).toBe('INVALID_VALUE');
    expect(e.path).toBe(path);
    expect(e.message).toBe(`${path}: ${issues[0]!.message}`);
  });

  it('encode({name: 1}) names the field and the type', () => {
    expect(() => codec.encode({ ...ok, name: 1 } as never)).toThrow(/User\.name.*string/);
  });

  it('lists every issue, and says how many more in the message', () => {
    const e = codecErrorOf(() => codec.encode({ ...ok, name: 1, tags: [1, 2] }));
    expect(e.issues.map((i) => i.path)).toEqual(['User.name', 'User.tags[0]', 'User.tags[1]']);
    expect(e.message).toMatch(/and 2 more issue/);
  });

  it('valid values give [] and isValid true; extra properties are ignored', () => {
    expect(codec.validate(ok)).toEqual([]);
    expect(codec.isValid({ ...ok, extra: 1 })).toBe(true);
  });

  it('rejects non-objects for records and non-plain objects for maps', () => {
    expect(codec.validate(null)[0]!.message).toMatch(/record com\.example\.User/);
    expect(codec.validate({ ...ok, attrs: new Map() })[0]!.message).toMatch(/found Map instance/);
    expect(codec.validate({ ...ok, address: [] })[0]!.path).toBe('User.address');
  });

  it('non-record roots are named by their type', () => {
    expect(createCodec({ type: 'array', items: 'int' }).validate([1, 'x'])[0]!.path).toBe('array[1]');
  });
});
