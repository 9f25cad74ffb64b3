/** An error thrown by the value itself (a getter) is the caller's own: it reaches them as it is, never as a verdict. */
import { expect, it } from 'vitest';
import { createCodec } from '../../runtime/codec/index.js';

const codec = createCodec({ type: 'record', name: 'R', fields: [{ name: 'a', type: 'int' }] });
const throwing = Object.defineProperty({}, 'a', {
  enumerable: true,
  get() {
    throw new Error('getter failed');
  },
});

it('encode throws the getter\'s error', () => {
  expect(() => codec.encode(throwing)).toThrow('getter failed');
});

it('isValid throws it too, rather than answering false', () => {
  expect(() => codec.isValid(throwing)).toThrow('getter failed');
  expect(codec.isValid({ a: 'x' })).toBe(false);
  expect(codec.isValid({ a: 1 })).toBe(true);
});
