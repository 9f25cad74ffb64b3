/**
 * Decoding arrays and maps that end early or claim too much: the error's code, and its path naming the item or key
 * where it happened.
 */
import { describe, expect, it } from 'vitest';
import { createCodec } from '../../runtime/codec/index.js';
import { codecErrorOf } from './support/codec-error.js';

const count = (n: number): Buffer => createCodec('long').encode(n);

describe('cut short', () => {
  const ints = createCodec({ type: 'array', items: 'int' });
  it.each([
    ['the first item', [0x04, 0x80], 'array[0]'],
    ['the second item', [0x04, 0x02, 0x80], 'array[1]'],
  ])('an array cut inside %s: TRUNCATED at that item', (_, bytes, path) => {
    const e = codecErrorOf(() => ints.decode(Buffer.from(bytes)));
    expect([e.code, e.path]).toEqual(['TRUNCATED', path]);
  });
  it.each([
    ['an array', { type: 'array', items: 'int' }, [0x02, 0x02]],
    ['a map', { type: 'map', values: 'int' }, [0x02, 0x02, 0x61, 0x02]],
  ] as const)('%s whose last item ends the input, without its terminator: TRUNCATED, one byte missing', (name, schema, bytes) => {
    const e = codecErrorOf(() => createCodec(schema).decode(Buffer.from(bytes)));
    expect([e.code, e.message]).toEqual(['TRUNCATED', `${name.slice(name.indexOf(' ') + 1)}: input ended early: needed 1 more byte(s)`]);
  });
  it.each([
    ['the first key', [0x02, 0x04, 0x61]],
    ['the second key', [0x04, 0x02, 0x61, 0x02, 0x04, 0x62]],
  ])('a map cut inside %s: TRUNCATED at the map, not at an entry', (_, bytes) => {
    const e = codecErrorOf(() => createCodec({ type: 'map', values: 'int' }).decode(Buffer.from(bytes)));
    expect([e.code, e.path]).toEqual(['TRUNCATED', 'map']);
  });
  it('a map cut inside a value: TRUNCATED at its key', () => {
    const e = codecErrorOf(() => createCodec({ type: 'map', values: 'int' }).decode(Buffer.from([0x02, 0x02, 0x61, 0x80])));
    expect([e.code, e.path]).toEqual(['TRUNCATED', 'map.a']);
  });
  it('a map value that is not valid: that error, at its key', () => {
    const c = createCodec({ type: 'map', values: { type: 'enum', name: 'E', symbols: ['A'] } });
    const e = codecErrorOf(() => c.decode(Buffer.from([0x02, 0x02, 0x61, 0x04, 0x00])));
    expect([e.code, e.path, e.message]).toEqual(['INVALID_ENCODING', 'map.a', 'map.a: enum index 2 out of range for E']);
  });
});

describe('how many items of no size an input may claim', () => {
  const nulls = createCodec<null[]>({ type: 'array', items: 'null' });
  it('one array: 1,000,000 beyond its remaining bytes, not one more', () => {
    expect(nulls.decode(Buffer.concat([count(1_000_001), Buffer.from([0])]))).toHaveLength(1_000_001);
    const e = codecErrorOf(() => nulls.decode(Buffer.concat([count(1_000_002), Buffer.from([0])])));
    expect([e.code, e.message]).toEqual(['INVALID_ENCODING', 'array[0]: an array claims 1000002 items, more than its 1 remaining bytes can hold']);
  });
  it('one array in two blocks: the blocks count together', () => {
    const e = codecErrorOf(() => nulls.decode(Buffer.concat([count(600_000), count(600_000), Buffer.from([0])])));
    expect(e.message).toBe('array[600000]: an array claims 1200000 items, more than its 1 remaining bytes can hold');
  });
  it('all the arrays of an input: 1,000,000 beyond its bytes, not one more', () => {
    const two = createCodec<{ a: null[]; b: null[] }>({
      type: 'record',
      name: 'T',
      fields: [
        { name: 'a', type: { type: 'array', items: 'null' } },
        { name: 'b', type: { type: 'array', items: 'null' } },
      ],
    });
    const input = (b: number): Buffer => Buffer.concat([count(500_000), Buffer.from([0]), count(b), Buffer.from([0])]);
    expect(input(500_008)).toHaveLength(8);
    expect(two.decode(input(500_008)).b).toHaveLength(500_008);
    const e = codecErrorOf(() => two.decode(input(500_009)));
    expect([e.code, e.message]).toEqual(['INVALID_ENCODING', "T.b[0]: the arrays claim 1000009 items in all, more than the input's 8 bytes can hold"]);
  });
});
