/**
 * Reads Avro binary (specification, "Binary Encoding"). Fixed-size reads are not bounds-checked one by one: a read
 * past the end yields garbage and moves `pos` past `end`, which the top-level decode turns into TRUNCATED. Reads whose
 * length comes from the data (strings, bytes) are checked before they allocate.
 */
import { ASCII_MAX, asciiReaders } from './ascii.js';
import { CodecError } from './errors.js';

const f64 = new Float64Array(1);
const f64b = new Uint8Array(f64.buffer);
const f32 = new Float32Array(1);
const f32b = new Uint8Array(f32.buffer);
const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const EMPTY = Buffer.alloc(0);

export class Reader {
  buf: Buffer = EMPTY;
  pos = 0;
  end = 0;
  /** Array items claimed so far in this decode (compile-collections.ts bounds them for the whole input). */
  claimed = 0;

  reset(bytes: Uint8Array, offset: number): this {
    this.buf = bytes instanceof Buffer ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.pos = offset;
    this.end = bytes.length;
    this.claimed = 0;
    return this;
  }

  /** Drops the reference to the input so a long-lived reader never keeps a large message alive. */
  release(): void {
    this.buf = EMPTY;
  }

  truncated(): CodecError {
    return new CodecError('TRUNCATED', `input ended early: needed ${this.pos - this.end} more byte(s)`);
  }

  readBoolean(): boolean {
    const b = this.buf[this.pos++];
    if (b === 1) return true;
    if (b === 0) return false;
    if (b === undefined) return false; // past the end: reported as TRUNCATED
    throw new CodecError('INVALID_ENCODING', `invalid boolean byte ${b}`);
  }

  readInt(): number {
    const buf = this.buf;
    let b = buf[this.pos++]!;
    let z = b & 0x7f;
    let shift = 7;
    while (b & 0x80) {
      b = buf[this.pos++]!;
      if (shift === 28 && b > 0x0f) throw new CodecError('INVALID_ENCODING', 'int varint longer than 32 bits');
      z |= (b & 0x7f) << shift;
      shift += 7;
    }
    return (z >>> 1) ^ -(z & 1);
  }

  /** Upper 32 bits of the last varint read by `readVarint64` (its lower 32 bits are the return value). */
  private hi = 0;

  /** A varint of up to 64 bits, in integer arithmetic: returns the low word, leaves the high word in `hi`. */
  private readVarint64(): number {
    const buf = this.buf;
    let b = buf[this.pos++]!;
    let lo = b & 0x7f;
    let hi = 0;
    if (b & 0x80) {
      let shift = 7;
      do {
        b = buf[this.pos++]!;
        lo |= (b & 0x7f) << shift;
        shift += 7;
      } while (b & 0x80 && shift < 28);
      if (b & 0x80) {
        b = buf[this.pos++]!; // bits 28-34: four to the low word, three to the high word
        lo |= (b & 0x0f) << 28;
        hi = (b & 0x7f) >>> 4;
        shift = 3;
        while (b & 0x80) {
          if (shift > 31) throw new CodecError('INVALID_ENCODING', 'long varint longer than 64 bits');
          b = buf[this.pos++]!;
          hi |= (b & 0x7f) << shift;
          shift += 7;
        }
      }
    }
    this.hi = hi >>> 0;
    return lo >>> 0;
  }

  /** A long as a number; a value beyond ±(2^53−1) throws PRECISION_LOSS. */
  readLong(): number {
    const buf = this.buf;
    const start = this.pos;
    let pos = start;
    let b = buf[pos++]!;
    let lo = b & 0x7f;
    let shift = 7;
    while (b & 0x80 && shift < 28) {
      b = buf[pos++]!;
      lo |= (b & 0x7f) << shift;
      shift += 7;
    }
    if (!(b & 0x80)) {
      this.pos = pos; // up to 28 bits: the common case, inline
      return (lo >>> 1) ^ -(lo & 1);
    }
    this.pos = start;
    lo = this.readVarint64();
    const hi = this.hi;
    // zig-zag: z = 2a + sign with a = z >>> 1 spread over two words; exact while a < 2^53
    const neg = lo & 1;
    const aHi = hi >>> 1;
    const a = aHi * 4294967296 + (((lo >>> 1) | (hi << 31)) >>> 0);
    if (aHi > 0x1fffff || (neg && a === MAX_SAFE)) {
      this.pos = start;
      const exact = this.readBigLong();
      throw new CodecError('PRECISION_LOSS', `long ${exact} is outside ±(2^53−1); read it with the option long: 'bigint'`);
    }
    return neg ? -a - 1 : a;
  }

  /** A long as a number, rounded when beyond 2^53 (promotion to float/double). */
  readLongApprox(): number {
    const start = this.pos;
    try {
      return this.readLong();
    } catch (e) {
      if (!(e instanceof CodecError) || e.code !== 'PRECISION_LOSS') throw e;
      this.pos = start;
      return Number(this.readBigLong());
    }
  }

  /** A long as an exact bigint over the whole int64 range. */
  readBigLong(): bigint {
    const lo = this.readVarint64();
    const hi = this.hi;
    if (hi === 0 && lo < 0x80000000) return BigInt((lo >>> 1) ^ -(lo & 1));
    const z = (BigInt(hi) << 32n) | BigInt(lo);
    return (z >> 1n) ^ -(z & 1n);
  }

  readFloat(): number {
    const buf = this.buf;
    const p = this.pos;
    f32b[0] = buf[p]!;
    f32b[1] = buf[p + 1]!;
    f32b[2] = buf[p + 2]!;
    f32b[3] = buf[p + 3]!;
    this.pos = p + 4;
    return f32[0]!;
  }

  readDouble(): number {
    const buf = this.buf;
    const p = this.pos;
    for (let i = 0; i < 8; i++) f64b[i] = buf[p + i]!;
    this.pos = p + 8;
    return f64[0]!;
  }

  /** Length of a string or bytes value, checked against what is left. */
  private readLength(): number {
    const len = this.readLong();
    if (len < 0) throw new CodecError('INVALID_ENCODING', `negative length ${len}`);
    if (this.pos + len > this.end) {
      this.pos += len;
      throw this.truncated();
    }
    return len;
  }

  /** Short ASCII strings through `asciiReaders` (ascii.ts), the rest through the native UTF-8 decoder. */
  readString(): string {
    const len = this.readLength();
    const start = this.pos;
    this.pos = start + len;
    if (len <= ASCII_MAX) {
      const s = asciiReaders[len]!(this.buf, start);
      if (s !== undefined) return s;
    }
    return this.buf.toString('utf8', start, start + len);
  }

  /** A copy (the input buffer may be reused by its owner). */
  readFixed(len: number): Buffer {
    if (this.pos + len > this.end) {
      this.pos += len;
      throw this.truncated();
    }
    const out = Buffer.allocUnsafe(len);
    this.buf.copy(out, 0, this.pos, this.pos + len);
    this.pos += len;
    return out;
  }

  readBytes(): Buffer {
    return this.readFixed(this.readLength());
  }

  readUint32LE(): number {
    const buf = this.buf;
    const p = this.pos;
    this.pos = p + 4;
    return (buf[p]! | (buf[p + 1]! << 8) | (buf[p + 2]! << 16)) + buf[p + 3]! * 0x1000000;
  }

  skip(n: number): void {
    this.pos += n;
  }

  /** Skips a string or bytes value. */
  skipBytes(): void {
    const len = this.readLength(); // read first: `this.pos += this.readLength()` would add to the old position
    this.pos += len;
  }

  /** Skips a varint. */
  skipVarint(): void {
    const buf = this.buf;
    while (buf[this.pos++]! & 0x80);
  }
}
