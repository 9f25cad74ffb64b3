/**
 * Input that ends early is TRUNCATED, whatever a decoder made of the missing bytes: a varint cut after a continuation
 * byte reads as an out-of-range index, and that error is reported as TRUNCATED (with the index error as its cause).
 * Input that goes on after the value is TRAILING_BYTES, counting what is left.
 */
import { describe, expect, it } from 'vitest';
import { CodecError, createCodec, type AvroSchema } from '../../runtime/codec/index.js';
import { codecErrorOf } from './support/codec-error.js';


describe('a cut varint read as an index', () => {
  it.each([
    ['a union', ['null', 'int'], 'union', 'union branch index -64 out of range (2 branches)'],
    ['a union in a record field', { type: 'record', name: 'R', fields: [{ name: 'u', type: ['null', 'int'] }] }, 'R.u', '.u: union branch index -64 out of range (2 branches)'],
    ['an enum in a record field', { type: 'record', name: 'R', fields: [{ name: 'e', type: { type: 'enum', name: 'En', symbols: ['A'] } }] }, 'R.e', '.e: enum index -64 out of range for En'],
  ] as [string, AvroSchema, string, string][])('%s: TRUNCATED at its path, the index error as the cause', (_, schema, path, cause) => {
    const e = codecErrorOf(() => createCodec(schema).decode(Buffer.from([0xff])));
    expect(e.code).toBe('TRUNCATED');
    expect(e.path).toBe(path);
    expect(e.message).toBe(`${path}: input ended early: needed 1 more byte(s)`);
    expect((e.cause as CodecError).code).toBe('INVALID_ENCODING');
    expect((e.cause as CodecError).message).toBe(cause);
  });
});

describe('a value read past the end without an error of its own', () => {
  it('an int cut after a continuation byte: TRUNCATED, counting the byte missing', () => {
    const e = codecErrorOf(() => createCodec('int').decode(Buffer.from([0x80])));
    expect(e.code).toBe('TRUNCATED');
    expect(e.message).toBe('int: input ended early: needed 1 more byte(s)');
  });
});

describe('bytes after the value', () => {
  it('TRAILING_BYTES, counting the bytes left', () => {
    const e = codecErrorOf(() => createCodec('int').decode(Buffer.from([2, 0, 0])));
    expect(e.code).toBe('TRAILING_BYTES');
    expect(e.message).toBe('int: 2 byte(s) left after the value');
    expect(e.issues).toEqual([]);
  });
  it('a value that ends exactly at the end of the input is read', () => {
    expect(createCodec('int').decode(Buffer.from([2]))).toBe(1);
  });
});
