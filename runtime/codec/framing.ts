/**
 * Confluent wire format: magic byte 0x00, the schema id as a 4-byte big-endian unsigned integer, then the Avro body.
 */
import { CodecError } from './errors.js';

const MAGIC = 0;
export const HEADER_SIZE = 5;

export function checkSchemaId(id: number): void {
  if (id >>> 0 !== id) throw badSchemaId(id);
}

function badSchemaId(id: unknown): CodecError {
  return new CodecError('INVALID_VALUE', `schema id must be an unsigned 32-bit integer, found ${String(id)}`);
}

/** Writes the 5-byte header at `at` in `buf`. */
export function writeHeader(buf: Buffer, at: number, id: number): void {
  buf[at] = MAGIC;
  buf[at + 1] = id >>> 24;
  buf[at + 2] = (id >>> 16) & 0xff;
  buf[at + 3] = (id >>> 8) & 0xff;
  buf[at + 4] = id & 0xff;
}

/** Checks that `bytes` is framed (magic byte, full header); throws BAD_MAGIC or TRUNCATED. */
export function checkFrame(bytes: Uint8Array): void {
  if (bytes.length === 0) throw new CodecError('TRUNCATED', 'framed input is empty: expected a 5-byte header');
  if (bytes[0] !== MAGIC) {
    throw new CodecError('BAD_MAGIC', `framed input must start with magic byte 0x00, found 0x${bytes[0]!.toString(16).padStart(2, '0')}`);
  }
  if (bytes.length < HEADER_SIZE) throw new CodecError('TRUNCATED', `framed input has ${bytes.length} bytes, less than its 5-byte header`);
}

/** The schema id of a framed message. */
export function readSchemaId(bytes: Uint8Array): number {
  checkFrame(bytes);
  return ((bytes[1]! << 24) >>> 0) + ((bytes[2]! << 16) | (bytes[3]! << 8) | bytes[4]!);
}
