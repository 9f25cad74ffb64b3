/**
 * Exact decimals (Avro specification, "Decimal"): the unscaled integer as big-endian two's complement, in `bytes`
 * (minimal length, as Java's BigInteger#toByteArray) or sign-extended to a `fixed` size. Strings are never rounded.
 */
const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?$/;

/** The unscaled value of `s` at `scale`, or undefined if it is not a decimal or has more than `scale` fraction digits. */
export function parseDecimal(s: string, scale: number): bigint | undefined {
  const m = DECIMAL.exec(s);
  if (!m) return undefined;
  const int = m[2] ?? '';
  const frac = m[3] ?? '';
  if (int === '' && frac === '') return undefined;
  if (frac.length > scale) return undefined;
  const digits = `${int}${frac.padEnd(scale, '0')}` || '0';
  const u = BigInt(digits);
  return m[1] === '-' ? -u : u;
}

/** Whether |u| has at most `precision` digits. */
export function fitsPrecision(u: bigint, precision: number): boolean {
  const a = u < 0n ? -u : u;
  return a < 10n ** BigInt(precision);
}

/** `u` scaled down by `scale`, with exactly `scale` fraction digits: -1230 at scale 2 → "-12.30". */
export function formatDecimal(u: bigint, scale: number): string {
  const neg = u < 0n;
  const digits = (neg ? -u : u).toString();
  if (scale === 0) return neg ? `-${digits}` : digits;
  const padded = digits.padStart(scale + 1, '0');
  const cut = padded.length - scale;
  return `${neg ? '-' : ''}${padded.slice(0, cut)}.${padded.slice(cut)}`;
}

/** Big-endian two's complement: minimal length when `size` is undefined, else sign-extended to `size` bytes. */
export function toTwosComplement(u: bigint, size?: number): Buffer {
  let n = 1;
  while (u < -(1n << BigInt(8 * n - 1)) || u >= 1n << BigInt(8 * n - 1)) n++;
  const len = size ?? n;
  const out = Buffer.allocUnsafe(len);
  let x = BigInt.asUintN(8 * len, u);
  for (let i = len - 1; i >= 0; i--) {
    out[i] = Number(x & 0xffn);
    x >>= 8n;
  }
  return out;
}

export function fromTwosComplement(bytes: Uint8Array): bigint {
  if (bytes.length === 0) return 0n;
  let x = 0n;
  for (const b of bytes) x = (x << 8n) | BigInt(b);
  return BigInt.asIntN(8 * bytes.length, x);
}
