/**
 * Segment's X-Signature is exactly 40 hex digits: anything before or after them, or a list of values, is refused
 * (false), never an exception that would answer 500 instead of 401.
 */
import { expect, test } from 'vitest';
import { signatureOf, validSignature } from '../../services/segment-ingest/src/signature.js';

const SECRET = 'sixteen-chars-at-least';
const raw = Buffer.from('{"type":"track"}');
const good = signatureOf(raw, SECRET);

test.each([
  ['digits after it', `${good}00`],
  ['text after it', `${good}x`],
  ['a prefix', `sha1=${good}`],
  ['a digit before it', `0${good}`],
])('the right signature with %s is refused', (_name, header) => {
  expect(validSignature(raw, header, SECRET)).toBe(false);
});

test('the right signature as a list of one header value is refused', () => {
  expect(validSignature(raw, [good], SECRET)).toBe(false);
});
