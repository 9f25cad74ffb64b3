/**
 * The bytes of a string: its UTF-8 length as a zig-zag varint, then its UTF-8 (Node's Buffer as the reference, which
 * also writes a lone surrogate as U+FFFD). Chosen at the edges of the writer's paths: the ASCII runs, the boundaries
 * of two-, three- and four-byte characters, surrogate pairs and lone halves, and the length slot of long strings.
 */
import { describe, expect, it } from 'vitest';
import { createCodec } from '../../runtime/codec/index.js';
import { varint } from './support/varint.js';

const expected = (s: string): Buffer => {
  const utf8 = Buffer.from(s, 'utf8');
  return Buffer.concat([varint(BigInt(utf8.length)), utf8]);
};
const str = createCodec<string>('string');

describe('string bytes', () => {
  it.each([
    ['U+0080 in a run of four', '\u0080abc'],
    ['U+0080 in a run of four whose other characters are U+0000', '\u0080\u0000\u0000\u0000'],
    ['U+0080 after a run', 'abcd\u0080'],
    ['U+0080 at the end of a short tail', 'ab\u0080'],
    ['U+0080 after a non-ASCII character', '€\u0080'],
    ['U+07FF and U+0800', '\u07ff\u0800'],
    ['U+E000 and U+FF21', '\ue000\uff21'],
    ['a surrogate pair at U+10000', '\ud800\udc00'],
    ['a surrogate pair at U+10FFFF', '\udbff\udfff'],
    ['an emoji between ASCII', 'a😀b'],
    ['a high surrogate before U+E000', '\ud800\ue000'],
    ['two low surrogates', '\udc00\udc01'],
    ['a high surrogate at the end', 'ab\ud800'],
    ['64 ASCII characters (a two-byte length)', 'x'.repeat(64)],
    ['63 ASCII characters and one U+0080', `${'x'.repeat(63)}\u0080`],
    ['64 three-byte characters', '€'.repeat(64)],
    ['65 three-byte characters', '€'.repeat(65)],
    // not one character repeated: a string shifted by a byte would still read the same
    ['3,000 ASCII characters (a length slot larger than the length)', 'abcdefghij'.repeat(300)],
    ['8,192 ASCII characters (a length of three bytes)', 'abcdefgh'.repeat(1_024)],
  ])('%s', (_, s) => {
    const bytes = str.encode(s);
    expect(bytes.equals(expected(s))).toBe(true);
    expect(str.decode(bytes)).toBe(Buffer.from(s, 'utf8').toString('utf8'));
  });
});

describe('long strings one after another', () => {
  it('two strings of 3,000 characters in a record: each at its place', () => {
    const pair = createCodec<{ a: string; b: string }>({ type: 'record', name: 'P', fields: [{ name: 'a', type: 'string' }, { name: 'b', type: 'string' }] });
    const value = { a: 'abcdefghij'.repeat(300), b: 'klmnopqrst'.repeat(300) };
    expect(pair.encode(value).equals(Buffer.concat([expected(value.a), expected(value.b)]))).toBe(true);
  });
});

describe('an encode nested in another (from a getter) writes into a small writer of its own', () => {
  // The nested writer's first buffer is 256 bytes: these strings end just past it, where a short `ensure` would
  // drop bytes.
  const pair = createCodec<{ a: string; b: string }>({ type: 'record', name: 'P', fields: [{ name: 'a', type: 'string' }, { name: 'b', type: 'string' }] });
  const outer = createCodec<{ x: number }>({ type: 'record', name: 'O', fields: [{ name: 'x', type: 'int' }] });
  it.each([
    ['62 ASCII, then 64 three-byte characters', { a: 'x'.repeat(62), b: '€'.repeat(64) }],
    ['58 ASCII, then 65 three-byte characters', { a: 'x'.repeat(58), b: '€'.repeat(65) }],
    ['60 ASCII, then 65 three-byte characters', { a: 'x'.repeat(60), b: '€'.repeat(65) }],
  ])('%s: the same bytes as at the top level', (_, value) => {
    const top = Buffer.from(pair.encode(value));
    let nested: Buffer | undefined;
    outer.encode({
      get x() {
        nested = pair.encode(value);
        return 1;
      },
    });
    expect(nested!.equals(top)).toBe(true);
    expect(pair.decode(nested!)).toEqual(value);
  });
});
