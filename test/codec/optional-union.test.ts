/**
 * The two-branch optional union (["null", T] or [T, "null"]) has its own fast path in the codec: both orders, both
 * branches, against bytes written by avsc (the independent implementation), and a bad branch index rejected.
 */
import avro from 'avsc';
import { describe, expect, it } from 'vitest';
import { CodecError, createCodec, type AvroSchema } from '../../runtime/codec/index.js';

const avsc = (schema: AvroSchema, v: unknown): Buffer => avro.Type.forSchema(schema as avro.Schema, { wrapUnions: 'auto' }).toBuffer(v);

describe('two-branch optional union', () => {
  it.each([
    ['null first', ['null', 'string'] as AvroSchema],
    ['null last', ['string', 'null'] as AvroSchema],
  ])('%s: null and a value decode from avsc bytes and encode to the same bytes', (_name, schema) => {
    const codec = createCodec<string | null>(schema);
    for (const v of [null, '', 'hé']) {
      const bytes = avsc(schema, v);
      expect(codec.decode(bytes)).toBe(v);
      expect(Buffer.from(codec.encode(v))).toEqual(bytes);
    }
  });

  it('a value of the non-null branch inside a record, next to other fields, keeps the reader in step', () => {
    const schema: AvroSchema = {
      type: 'record',
      name: 'R',
      fields: [
        { name: 'a', type: ['long', 'null'] },
        { name: 'b', type: ['null', { type: 'array', items: 'int' }] },
        { name: 'c', type: 'string' },
      ],
    };
    const codec = createCodec(schema);
    for (const v of [
      { a: 5, b: null, c: 'x' },
      { a: null, b: [1, 2], c: 'y' },
    ]) {
      expect(codec.decode(avsc(schema, v))).toEqual(v);
    }
  });

  it('a branch index other than 0 or 1 is INVALID_ENCODING, not a silent null or value', () => {
    const codec = createCodec<string | null>(['null', 'string']);
    for (const index of [2, -1]) {
      const bytes = Buffer.from([((index << 1) ^ (index >> 31)) & 0xff, 0]);
      let error: unknown;
      try {
        codec.decode(bytes);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(CodecError);
      expect((error as CodecError).code).toBe('INVALID_ENCODING');
    }
  });
});
