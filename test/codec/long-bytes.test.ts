/**
 * The bytes of a long, against the zig-zag varint written from the definition: at the edges of the writer's paths
 * (the 32-bit path up to ±2^30, the exact double path up to ±(2^53−1), the bigint path beyond) and where a varint's
 * last group is exactly 127.
 */
import { describe, expect, it } from 'vitest';
import { createCodec } from '../../runtime/codec/index.js';
import { varint } from './support/varint.js';

const numbers = [0, -1, 2 ** 30 - 1, 2 ** 30, -(2 ** 30), -(2 ** 30) - 1, 2 ** 31, 127 * 2 ** 27, 127 * 2 ** 27 + 5, -(127 * 2 ** 27) - 1, 2 ** 53 - 1, -(2 ** 53 - 1)];
const bigints = [0n, 2n ** 53n - 1n, -(2n ** 53n - 1n), 2n ** 53n, -(2n ** 53n), 0x3f80000000000000n, -0x3f80000000000001n, 2n ** 63n - 1n, -(2n ** 63n)];

describe('long bytes', () => {
  it.each(numbers)('number %d', (n) => {
    const c = createCodec<number>('long');
    expect(c.encode(n).equals(varint(BigInt(n)))).toBe(true);
    expect(c.decode(c.encode(n))).toBe(n);
  });
  it.each(bigints)('bigint %d', (n) => {
    const c = createCodec<bigint>('long', { long: 'bigint' });
    expect(c.encode(n).equals(varint(n))).toBe(true);
    expect(c.decode(c.encode(n))).toBe(n);
  });
});
