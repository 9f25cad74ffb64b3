/**
 * The outermost encode and decode of a codec: encode into the shared scratch writer (after the reserved frame header,
 * when framed) and copy out; decode a whole input and check it ends where the value does.
 *
 * Each codec gets these two functions compiled as code of its own (from the fixed source below, never from schema
 * input), so the call into its compiled type is a call site that only ever sees that one type and can be inlined.
 * With one shared function, an application with many codecs would make that call site megamorphic (measured: 10-20%
 * on small records).
 */
import { CodecError } from './errors.js';
import type { DecodeFn, EncodeFn } from './compiled-type.js';
import { writeHeader } from './framing.js';
import { Reader } from './reader.js';
import { Writer } from './writer.js';

export type EncodeEntry = (value: unknown, start: number, schemaId: number) => Buffer;
export type DecodeEntry = (bytes: Uint8Array, offset: number) => unknown;

/** State shared by every codec: one scratch writer (grown by doubling, never zero-filled) and one reader. */
const shared = { scratch: new Writer(4096), busy: false, reader: new Reader() };
/** A scratch grown past this by one large message is dropped afterwards rather than kept forever. */
const SCRATCH_KEEP = 4 * 1024 * 1024;

function endError(r: Reader): CodecError {
  return r.pos > r.end ? r.truncated() : new CodecError('TRAILING_BYTES', `${r.end - r.pos} byte(s) left after the value`);
}

const ENCODE_SOURCE = `return function encodeEntry(value, start, schemaId) {
  const w = shared.busy ? new Writer(256) : shared.scratch; // a nested encode (from a getter) gets its own writer
  shared.busy = true;
  w.pos = start;
  try {
    enc(w, value);
  } catch (e) {
    throw onError(e, value);
  } finally {
    if (w === shared.scratch) shared.busy = false;
  }
  if (start !== 0) writeHeader(w.buf, schemaId);
  const out = w.copyOut();
  if (w.buf.length > KEEP && w === shared.scratch) shared.scratch = new Writer(4096);
  return out;
};`;

const DECODE_SOURCE = `return function decodeEntry(bytes, offset) {
  const r = shared.reader.reset(bytes, offset);
  try {
    const v = dec(r);
    if (r.pos !== r.end) throw endError(r);
    return v;
  } catch (e) {
    throw onError(e, r);
  } finally {
    r.release();
  }
};`;

let serial = 0;

/** A distinct source text per codec, so no compilation cache hands two codecs the same function (and feedback). */
function compile<T>(source: string, names: string[], args: unknown[]): T {
  const factory = new Function(...names, `${source}\n// codec entry ${serial++}`) as (...a: unknown[]) => T;
  return factory(...args);
}

export function encodeEntry(enc: EncodeFn, onError: (e: unknown, value: unknown) => unknown): EncodeEntry {
  return compile(ENCODE_SOURCE, ['shared', 'Writer', 'writeHeader', 'KEEP', 'enc', 'onError'], [
    shared,
    Writer,
    writeHeader,
    SCRATCH_KEEP,
    enc,
    onError,
  ]);
}

export function decodeEntry(dec: DecodeFn, onError: (e: unknown, r: Reader) => unknown): DecodeEntry {
  return compile(DECODE_SOURCE, ['shared', 'endError', 'dec', 'onError'], [shared, endError, dec, onError]);
}
