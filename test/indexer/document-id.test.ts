// documentIdOf: every version of a key, and its tombstone, must land on one document, and different keys on different ones.
import { expect, test } from 'vitest';
import { documentIdOf } from '../../runtime/indexer/index.js';

test('a string, number or bigint key is its text; a one-field key record is its field\'s text', () => {
  expect(documentIdOf('k')).toBe('k');
  expect(documentIdOf(12n)).toBe('12');
  // Not JSON, where both would be null.
  expect(documentIdOf(Number.NaN)).toBe('NaN');
  expect(documentIdOf(Number.POSITIVE_INFINITY)).toBe('Infinity');
  expect(documentIdOf({ userId: 'abc' })).toBe('abc');
  expect(documentIdOf({ userId: 7 })).toBe('7');
  expect(documentIdOf({ userId: 7n })).toBe('7');
});

test('any other key is its JSON (bigints as digits), so keys of several fields never collide', () => {
  expect(documentIdOf({ a: 'x', b: 'y' })).toBe('{"a":"x","b":"y"}');
  expect(documentIdOf({ a: 1, b: 2n })).toBe('{"a":1,"b":"2"}');
  expect(documentIdOf({ only: { nested: 'x' } })).toBe('{"only":{"nested":"x"}}');
  expect(documentIdOf({ flag: true })).toBe('{"flag":true}');
  expect(documentIdOf(['a'])).toBe('["a"]');
  expect(documentIdOf(null)).toBe('null');
  expect(documentIdOf(true)).toBe('true');
});
