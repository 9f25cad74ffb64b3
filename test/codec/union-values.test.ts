/**
 * Union values on encode and decode (found by mutation testing, runtime/codec/compile-union.ts): which values a union
 * takes, the INVALID_VALUE a writer sees for one it does not, and the INVALID_ENCODING of a branch index out of range.
 */
import { describe, expect, it } from 'vitest';
import { createCodec, type AvroSchema } from '../../runtime/codec/index.js';
import { codecErrorOf } from './support/codec-error.js';

/** A codec error's code, path and message. */
function errorOf(fn: () => unknown): [string, string, string] {
  const e = codecErrorOf(fn);
  return [e.code, e.path, e.detail];
}

const timestamp: AvroSchema = { type: 'long', logicalType: 'timestamp-millis' };

describe('unwrapped unions (the branch from the value)', () => {
  const c = createCodec(['null', 'string', timestamp]);

  it('a Date takes the timestamp branch', () => {
    const bytes = c.encode(new Date(5));
    expect([...bytes]).toEqual([4, 10]);
    expect(c.decode(bytes)).toEqual(new Date(5));
  });

  it('a value no branch takes is INVALID_VALUE listing the branches', () => {
    expect(errorOf(() => createCodec(['null', 'string', 'int']).encode(true))).toEqual([
      'INVALID_VALUE',
      'union',
      'expected null | string | int (32-bit integer number), found boolean true',
    ]);
    expect(errorOf(() => c.encode(undefined))[0]).toBe('INVALID_VALUE');
  });

  it('a branch index out of range is INVALID_ENCODING', () => {
    expect(errorOf(() => c.decode(Buffer.from([6])))).toEqual(['INVALID_ENCODING', 'union', 'union branch index 3 out of range (3 branches)']);
    expect(errorOf(() => createCodec(['null', 'string']).decode(Buffer.from([4])))[2]).toBe('union branch index 2 out of range (2 branches)');
  });
});

describe('wrapped unions ({ branch: value })', () => {
  const c = createCodec(['null', 'int', 'long']);
  const expected = 'expected null | { "int": int (32-bit integer number) } | { "long": long (safe integer number, |n| ≤ 2^53−1) }, found object';

  it('takes null and an object with one branch name', () => {
    expect([...c.encode({ long: 2 })]).toEqual([4, 4]);
    expect([...c.encode(null)]).toEqual([0]);
  });

  it.each<[string, unknown]>([
    ['null as a branch name', { null: null }],
    ['two branch names', { int: 1, long: 2 }],
    ['a name that is no branch', { nope: 1 }],
  ])('refuses %s, listing the branches', (_name, value) => expect(errorOf(() => c.encode(value))).toEqual(['INVALID_VALUE', 'union', expected]));
});
