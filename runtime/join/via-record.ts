/**
 * What a re-key topic holds (its catalog entry says key bytes, value bytes; the framing inside is the runtime's).
 * Key: an Avro record { tableKey, side, key } where `tableKey` is the table key's Avro body (the same bytes for the same
 * key whatever schema id wrote it), `side` the side of a table join ('' for a stream) and `key` the source record's
 * key body (its identity: compaction keeps one record per table key, side and source key). Value: the source record's
 * value bytes as consumed, still registry-framed, so they are decoded with the source topic's serde and any writer
 * schema it knows; null for a tombstone.
 */
import { createCodec, type Codec } from '../codec/index.js';

export interface ViaKey {
  readonly tableKey: Buffer;
  readonly side: string;
  readonly key: Buffer;
}

export const viaKeyCodec: Codec<ViaKey, ViaKey> = createCodec<ViaKey, ViaKey>({
  type: 'record',
  name: 'ViaKey',
  namespace: 'unilog.join',
  fields: [
    { name: 'tableKey', type: 'bytes' },
    { name: 'side', type: 'string' },
    { name: 'key', type: 'bytes' },
  ],
});

/** A map key for a byte string (latin1 keeps every byte as one char). */
export function idOf(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}
