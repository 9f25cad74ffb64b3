/** The Confluent frame's errors: each code and message a caller of decodeFramed, schemaIdOf or encodeFramed sees. */
import { expect, it } from 'vitest';
import { createCodec } from '../../runtime/codec/index.js';

const c = createCodec('int');

it.each([
  [[], 'TRUNCATED', 'framed input is empty: expected a 5-byte header'],
  [[1, 0, 0, 0, 1, 2], 'BAD_MAGIC', 'framed input must start with magic byte 0x00, found 0x01'],
  [[0xab], 'BAD_MAGIC', 'framed input must start with magic byte 0x00, found 0xab'],
  [[0, 0, 0, 1], 'TRUNCATED', 'framed input has 4 bytes, less than its 5-byte header'],
])('%j: %s', (bytes, code, message) => {
  expect(() => c.decodeFramed(Buffer.from(bytes))).toThrow(expect.objectContaining({ code, message }));
  expect(() => c.schemaIdOf(Buffer.from(bytes))).toThrow(expect.objectContaining({ code, message }));
});

it('a frame of exactly its header and a value: read', () => {
  expect(c.schemaIdOf(Buffer.from([0, 0, 0, 1, 2]))).toBe(258);
  expect(c.decodeFramed(Buffer.from([0, 0, 0, 1, 2, 4]))).toBe(2);
});

it.each([-1, 1.5, 2 ** 32])('schema id %d: INVALID_VALUE', (id) => {
  expect(() => c.encodeFramed(1, id)).toThrow(expect.objectContaining({ code: 'INVALID_VALUE', message: `schema id must be an unsigned 32-bit integer, found ${String(id)}` }));
});
