/**
 * The growable byte buffer encoders write into (Avro specification, "Binary Encoding"). One module-level scratch
 * writer is reused by every encode: it grows by doubling and is never zero-filled; `encode` copies the bytes out.
 */
const f64 = new Float64Array(1);
const f64b = new Uint8Array(f64.buffer);
const f32 = new Float32Array(1);
const f32b = new Uint8Array(f32.buffer);

export class Writer {
  buf: Buffer;
  pos = 0;

  constructor(size = 1024) {
    this.buf = Buffer.allocUnsafe(size);
  }

  /** Makes room for `n` more bytes. */
  ensure(n: number): void {
    if (this.pos + n > this.buf.length) this.grow(this.pos + n);
  }

  private grow(min: number): void {
    let size = this.buf.length * 2;
    while (size < min) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  /** A copy of the bytes written, in a buffer of its own (pooled for small sizes, never zero-filled). */
  copyOut(): Buffer {
    const n = this.pos;
    const out = Buffer.allocUnsafe(n);
    const buf = this.buf;
    if (n > 256) {
      buf.copy(out, 0, 0, n);
    } else {
      // a byte loop, four at a time, beats the native copy's call overhead for small messages (measured)
      let i = 0;
      for (; i + 4 <= n; i += 4) {
        out[i] = buf[i]!;
        out[i + 1] = buf[i + 1]!;
        out[i + 2] = buf[i + 2]!;
        out[i + 3] = buf[i + 3]!;
      }
      for (; i < n; i++) out[i] = buf[i]!;
    }
    return out;
  }

  writeByte(b: number): void {
    this.ensure(1);
    this.buf[this.pos++] = b;
  }

  writeBoolean(v: boolean): void {
    this.ensure(1);
    this.buf[this.pos++] = v ? 1 : 0;
  }

  /** zig-zag varint of a 32-bit integer. */
  writeInt(n: number): void {
    this.ensure(5);
    const buf = this.buf;
    let pos = this.pos;
    let z = ((n << 1) ^ (n >> 31)) >>> 0;
    while (z > 0x7f) {
      buf[pos++] = (z & 0x7f) | 0x80;
      z >>>= 7;
    }
    buf[pos++] = z;
    this.pos = pos;
  }

  /**
   * zig-zag varint of a safe integer (|n| ≤ 2^53−1), exact. Beyond 30 bits the 64-bit zig-zag value is built in two
   * 32-bit words so every step is integer arithmetic (measured ~5× faster than dividing a double by 128).
   */
  writeLong(n: number): void {
    if (n >= -0x40000000 && n < 0x40000000) return this.writeInt(n);
    this.ensure(10);
    const buf = this.buf;
    let pos = this.pos;
    const neg = n < 0;
    const a = neg ? -n - 1 : n; // zig-zag = 2a + sign, without forming 2|n| (inexact above 2^53)
    let lo = a >>> 0;
    let hi = (a - lo) / 4294967296;
    hi = ((hi << 1) | (lo >>> 31)) >>> 0;
    lo = ((lo << 1) | (neg ? 1 : 0)) >>> 0;
    while (hi !== 0 || lo > 0x7f) {
      buf[pos++] = (lo & 0x7f) | 0x80;
      lo = ((lo >>> 7) | (hi << 25)) >>> 0;
      hi >>>= 7;
    }
    buf[pos++] = lo;
    this.pos = pos;
  }

  /** zig-zag varint of an int64 bigint (caller checks the range). */
  writeBigLong(n: bigint): void {
    if (n >= -0x1fffffffffffffn && n <= 0x1fffffffffffffn) return this.writeLong(Number(n));
    this.ensure(10);
    let z = BigInt.asUintN(64, (n << 1n) ^ (n >> 63n));
    const buf = this.buf;
    let pos = this.pos;
    while (z > 0x7fn) {
      buf[pos++] = Number(z & 0x7fn) | 0x80;
      z >>= 7n;
    }
    buf[pos++] = Number(z);
    this.pos = pos;
  }

  writeFloat(v: number): void {
    this.ensure(4);
    f32[0] = v;
    const buf = this.buf;
    const p = this.pos;
    buf[p] = f32b[0]!;
    buf[p + 1] = f32b[1]!;
    buf[p + 2] = f32b[2]!;
    buf[p + 3] = f32b[3]!;
    this.pos = p + 4;
  }

  writeDouble(v: number): void {
    this.ensure(8);
    f64[0] = v;
    const buf = this.buf;
    const p = this.pos;
    for (let i = 0; i < 8; i++) buf[p + i] = f64b[i]!;
    this.pos = p + 8;
  }

  /** Bytes as they are (fixed, or precomputed encodings such as defaults). */
  writeRaw(bytes: Uint8Array): void {
    this.ensure(bytes.length);
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
  }

  writeBytes(bytes: Uint8Array): void {
    this.writeLong(bytes.length);
    this.writeRaw(bytes);
  }

  /** Little-endian uint32 (duration). */
  writeUint32LE(v: number): void {
    this.ensure(4);
    this.buf.writeUInt32LE(v, this.pos);
    this.pos += 4;
  }

  /**
   * Length-prefixed UTF-8. Short strings are encoded by hand straight after a one-byte length, which is moved only in
   * the rare case the byte length needs two; long ones use Buffer#write after a length slot sized for the worst case.
   */
  writeString(s: string): void {
    const n = s.length;
    if (n > 64) return this.writeLongString(s);
    this.ensure(n * 3 + 2);
    const buf = this.buf;
    const start = this.pos + 1;
    let i = 0;
    // ASCII runs first: one compare and one store per char
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) break;
      buf[start + i] = c;
    }
    if (i === n) {
      buf[start - 1] = n << 1; // n ≤ 64 ASCII bytes: a one-byte length unless n = 64
      if (n < 64) {
        this.pos = start + n;
        return;
      }
    }
    this.writeStringTail(s, i, start);
  }

  /** Continues a short string from char `i` (bytes so far at `start`), then fixes up the length prefix. */
  private writeStringTail(s: string, from: number, start: number): void {
    const n = s.length;
    const buf = this.buf;
    let pos = start + from;
    for (let i = from; i < n; i++) {
      let c = s.charCodeAt(i);
      if (c < 0x80) {
        buf[pos++] = c;
      } else if (c < 0x800) {
        buf[pos++] = (c >> 6) | 0xc0;
        buf[pos++] = (c & 0x3f) | 0x80;
      } else {
        if (c >= 0xd800 && c < 0xe000) {
          const d = i + 1 < n ? s.charCodeAt(i + 1) : 0;
          if (c < 0xdc00 && d >= 0xdc00 && d < 0xe000) {
            c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
            i++;
            buf[pos++] = (c >> 18) | 0xf0;
            buf[pos++] = ((c >> 12) & 0x3f) | 0x80;
            buf[pos++] = ((c >> 6) & 0x3f) | 0x80;
            buf[pos++] = (c & 0x3f) | 0x80;
            continue;
          }
          c = 0xfffd; // lone surrogate: U+FFFD, as Buffer does
        }
        buf[pos++] = (c >> 12) | 0xe0;
        buf[pos++] = ((c >> 6) & 0x3f) | 0x80;
        buf[pos++] = (c & 0x3f) | 0x80;
      }
    }
    const len = pos - start;
    if (len < 64) {
      buf[start - 1] = len << 1;
      this.pos = pos;
    } else {
      // two-byte length (len ≤ 192 here): shift the bytes right by one
      buf.copyWithin(start + 1, start, pos);
      buf[start - 1] = ((len << 1) & 0x7f) | 0x80;
      buf[start] = len >> 6;
      this.pos = pos + 1;
    }
  }

  private writeLongString(s: string): void {
    const max = s.length * 3;
    const slot = varintSize(max * 2);
    this.ensure(max + slot);
    const at = this.pos + slot;
    const len = this.buf.write(s, at, 'utf8');
    const need = varintSize(len * 2);
    if (need < slot) this.buf.copyWithin(this.pos + need, at, at + len);
    this.writeLong(len);
    this.pos += len;
  }
}

function varintSize(z: number): number {
  let n = 1;
  while (z >= 128) {
    z = Math.floor(z / 128);
    n++;
  }
  return n;
}

