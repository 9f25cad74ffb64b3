/**
 * The outermost encode and decode of a codec: encode into the shared output slab (after the reserved frame header,
 * when framed) and take the result from it (writer.ts); decode a whole input and check it ends where the value does.
 *
 * Each codec gets these two functions compiled as code of its own (from the fixed source below, never from schema
 * input), so the call into its compiled type is a call site that only ever sees that one type and can be inlined.
 * With one shared function, an application with many codecs would make that call site megamorphic (measured: 10-20%
 * on small records).
 */
import { CodecError } from './errors.js';
import type { DecodeFn, EncodeFn } from './compiled-type.js';
import { HEADER_SIZE, writeHeader } from './framing.js';
import { Reader } from './reader.js';
import { Writer } from './writer.js';

export type EncodeEntry = (value: unknown, framed: boolean, schemaId: number) => Buffer;
export type DecodeEntry = (bytes: Uint8Array, offset: number) => unknown;

/** The output slab's size: that of Node's own pool for Buffer.allocUnsafe (8 KiB, Buffer.poolSize). */
const SLAB_SIZE = 8 * 1024;

/**
 * State shared by every codec: the output slab (writer.ts: small results are views into it) and one reader.
 * `busy` while an encode runs: a nested encode (from a getter) writes into a writer of its own and copies out.
 */
const shared = { out: new Writer(SLAB_SIZE), busy: false, reader: new Reader() };

function endError(r: Reader): CodecError {
  return r.pos > r.end ? r.truncated() : new CodecError('TRAILING_BYTES', `${r.end - r.pos} byte(s) left after the value`);
}

const ENCODE_SOURCE = `return function encodeEntry(value, framed, schemaId) {
  const nested = shared.busy;
  const w = nested ? new Writer(256) : shared.out;
  shared.busy = true;
  w.begin();
  if (framed) {
    w.ensure(HEADER_SIZE);
    w.pos += HEADER_SIZE;
  }
  try {
    enc(w, value);
  } catch (e) {
    w.abandon();
    shared.busy = nested;
    throw onError(e, value);
  }
  shared.busy = nested;
  if (framed) writeHeader(w.buf, w.start, schemaId);
  return nested ? w.copyOut() : w.take();
};`;

const DECODE_SOURCE = `return function decodeEntry(bytes, offset) {
  const r = shared.reader.reset(bytes, offset);
  let v;
  try {
    v = dec(r);
    if (r.pos !== r.end) throw endError(r);
  } catch (e) {
    r.release();
    throw onError(e, r);
  }
  r.release();
  return v;
};`;

// Neither entry uses try/finally: V8 compiles `finally` into a dispatch that cost ~10% of a small record's encode
// (measured); each path restores the shared state itself.

let serial = 0;

/** A distinct source text per codec, so no compilation cache hands two codecs the same function (and feedback). */
function compile<T>(source: string, names: string[], args: unknown[]): T {
  const factory = new Function(...names, `${source}\n// codec entry ${serial++}`) as (...a: unknown[]) => T;
  return factory(...args);
}

export function encodeEntry(enc: EncodeFn, onError: (e: unknown, value: unknown) => unknown): EncodeEntry {
  return compile(ENCODE_SOURCE, ['shared', 'Writer', 'writeHeader', 'HEADER_SIZE', 'enc', 'onError'], [
    shared,
    Writer,
    writeHeader,
    HEADER_SIZE,
    enc,
    onError,
  ]);
}

export function decodeEntry(dec: DecodeFn, onError: (e: unknown, r: Reader) => unknown): DecodeEntry {
  return compile(DECODE_SOURCE, ['shared', 'endError', 'dec', 'onError'], [shared, endError, dec, onError]);
}
