/**
 * Malformed bytes, one kind each (found by mutation testing, runtime/codec/reader.ts): the code and the message a
 * reader sees, which say what is wrong with the input and by how much.
 */
import { describe, expect, it } from 'vitest';
import { createCodec, type AvroSchema } from '../../runtime/codec/index.js';
import { codecErrorOf } from './support/codec-error.js';

/** The code, path and message of the error decoding `bytes` with `schema`. */
function errorOf(schema: AvroSchema, bytes: number[]): [string, string, string] {
  const e = codecErrorOf(() => createCodec(schema).decode(Buffer.from(bytes)));
  return [e.code, e.path, e.detail];
}

describe('malformed input', () => {
  it('a string or fixed past the end says how many bytes are missing', () => {
    expect(errorOf('string', [0x0a, 0x61])).toEqual(['TRUNCATED', 'string', 'input ended early: needed 4 more byte(s)']);
    expect(errorOf({ type: 'fixed', name: 'F', size: 4 }, [1, 2])).toEqual(['TRUNCATED', 'F', 'input ended early: needed 2 more byte(s)']);
    expect(errorOf({ type: 'array', items: { type: 'fixed', name: 'F', size: 3 } }, [2, 1])).toEqual([
      'TRUNCATED',
      'array[0]',
      'input ended early: needed 2 more byte(s)',
    ]);
  });

  it('a truncated string or fixed fails where it is, not after reading the fields behind it', () => {
    const rec = (type: AvroSchema): AvroSchema => ({ type: 'record', name: 'R', fields: [{ name: 'a', type }, { name: 'n', type: 'int' }] });
    expect(errorOf(rec('string'), [0x0a, 0x61])).toEqual(['TRUNCATED', 'R.a', 'input ended early: needed 4 more byte(s)']);
    expect(errorOf(rec({ type: 'fixed', name: 'F', size: 4 }), [1, 2])).toEqual(['TRUNCATED', 'R.a', 'input ended early: needed 2 more byte(s)']);
  });

  it('a boolean byte other than 0 and 1 is INVALID_ENCODING naming the byte', () => {
    expect(errorOf('boolean', [2])).toEqual(['INVALID_ENCODING', 'boolean', 'invalid boolean byte 2']);
    expect(errorOf({ type: 'array', items: 'boolean' }, [6, 1, 0, 0xff, 0])).toEqual(['INVALID_ENCODING', 'array[2]', 'invalid boolean byte 255']);
  });

  it('an int varint beyond 32 bits is INVALID_ENCODING; the longest valid one reads', () => {
    expect(createCodec('int').decode(Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f]))).toBe(-(2 ** 31));
    expect(errorOf('int', [0xff, 0xff, 0xff, 0xff, 0x1f])).toEqual(['INVALID_ENCODING', 'int', 'int varint longer than 32 bits']);
  });

  it('a long varint beyond 64 bits is INVALID_ENCODING', () => {
    expect(errorOf('long', [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01])).toEqual([
      'INVALID_ENCODING',
      'long',
      'long varint longer than 64 bits',
    ]);
  });

  it('a negative string or bytes length is INVALID_ENCODING naming it', () => {
    expect(errorOf('string', [0x03])).toEqual(['INVALID_ENCODING', 'string', 'negative length -2']);
    expect(errorOf('bytes', [0x01])).toEqual(['INVALID_ENCODING', 'bytes', 'negative length -1']);
  });
});
