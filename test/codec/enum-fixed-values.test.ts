/** Enum and fixed refusals: what each accepts, and the expected form a refusal names. */
import { expect, it } from 'vitest';
import { createCodec } from '../../runtime/codec/index.js';

it.each([
  [['A', 'B', 'C', 'D', 'E'], 'A | B | C | D | E'],
  [['A', 'B', 'C', 'D', 'E', 'F'], 'A | B | C | D | E | …'],
])('an enum of %j names its symbols as %s', (symbols, list) => {
  const c = createCodec({ type: 'enum', name: 'En', symbols });
  expect(c.validate('Z')[0]!.message).toBe(`expected enum En symbol (${list}), found string "Z"`);
});

it.each([
  ['a string', 'ab'],
  ['a Buffer one byte short', Buffer.from([1])],
  ['a Buffer one byte long', Buffer.from([1, 2, 3])],
  ['an array of bytes', [1, 2]],
])('a fixed of 2 bytes refuses %s', (_, value) => {
  const c = createCodec({ type: 'fixed', name: 'F', size: 2 });
  expect(() => c.encode(value)).toThrow(expect.objectContaining({ code: 'INVALID_VALUE' }));
  expect(c.validate(value)[0]!.message).toMatch(/^expected fixed F \(Buffer or Uint8Array of 2 bytes\), found /);
});
