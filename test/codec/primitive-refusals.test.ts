/** Each primitive refuses a value of another type with INVALID_VALUE, naming the type it expected. */
import { expect, it } from 'vitest';
import { createCodec, type AvroSchema, type CodecOptions } from '../../runtime/codec/index.js';
import { codecErrorOf } from './support/codec-error.js';

it.each([
  ['null', {}, 0, 'null'],
  ['boolean', {}, 1, 'boolean'],
  ['boolean', {}, 'true', 'boolean'],
  ['int', {}, '1', 'int (32-bit integer number)'],
  ['int', {}, 1.5, 'int (32-bit integer number)'],
  ['int', {}, 2 ** 31, 'int (32-bit integer number)'],
  ['long', { long: 'bigint' }, 1, 'long (bigint in the int64 range)'],
  ['float', {}, '1', 'float (number)'],
  ['double', {}, 1n, 'double (number)'],
  ['bytes', {}, 'abc', 'bytes (Buffer or Uint8Array)'],
  ['bytes', {}, [1, 2], 'bytes (Buffer or Uint8Array)'],
] as [AvroSchema, CodecOptions, unknown, string][])('%s %j refuses %s', (schema, options, value, expected) => {
  const c = createCodec(schema, options);
  const error = codecErrorOf(() => c.encode(value));
  expect(error.code).toBe('INVALID_VALUE');
  expect(error.message).toContain(`expected ${expected}, found`);
  expect(c.isValid(value)).toBe(false);
});
