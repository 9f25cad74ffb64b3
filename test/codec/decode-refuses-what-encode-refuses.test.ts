/**
 * Issue 12 item 8: decode gives only values encode accepts. A value the JS mapping cannot hold is PRECISION_LOSS, one
 * that breaks its logical type is INVALID_ENCODING; both name the path, and the mapping 'number' / 'underlying' reads
 * the same bytes as they are. Never a silent `Invalid Date`.
 */
import { describe, expect, test } from 'vitest';
import { CodecError, createCodec, type AvroSchema, type CodecOptions } from '../../runtime/codec/index.js';

const record = (type: AvroSchema): AvroSchema => ({ type: 'record', name: 'R', fields: [{ name: 'v', type }] });

function decodeError(type: AvroSchema, underlying: unknown, options?: CodecOptions): CodecError {
  const bytes = createCodec(record(type), { logicalTypes: false, long: 'bigint' }).encode({ v: underlying });
  try {
    createCodec(record(type), options).decode(bytes);
  } catch (e) {
    if (e instanceof CodecError) return e;
    throw e;
  }
  throw new Error('decoded');
}

describe('decode refuses what encode refuses', () => {
  test.each<[string, AvroSchema, unknown, string, RegExp]>([
    ['timestamp-millis past 8.64e15 ms', { type: 'long', logicalType: 'timestamp-millis' }, 8640000000000001n, 'PRECISION_LOSS', /outside the range of a JavaScript Date/],
    ['date of 2^31-1 days', { type: 'int', logicalType: 'date' }, 2 ** 31 - 1, 'PRECISION_LOSS', /date 2147483647 days is outside the range of a JavaScript Date/],
    ['a uuid that is not a UUID', { type: 'string', logicalType: 'uuid' }, 'not-a-uuid', 'INVALID_ENCODING', /not in the 8-4-4-4-12 hex form/],
    ['a decimal with more digits than its precision', { type: 'bytes', logicalType: 'decimal', precision: 2, scale: 0 }, '\u0003\u00e8', 'INVALID_ENCODING', /has more than 2 digits/],
  ])('%s', (_name, type, underlying, code, message) => {
    const e = decodeError(type, typeof underlying === 'string' && type !== 'string' && (type as { type: string }).type === 'bytes' ? Buffer.from(underlying, 'latin1') : underlying);
    expect(e.code).toBe(code);
    expect(e.path).toBe('R.v');
    expect(e.message).toMatch(message);
  });

  test('the number mapping reads such a timestamp as it is', () => {
    const bytes = createCodec(record('long')).encode({ v: 8640000000000001 });
    expect(createCodec(record({ type: 'long', logicalType: 'timestamp-millis' }), { logicalTypes: { 'timestamp-millis': 'number' } }).decode(bytes)).toEqual({ v: 8640000000000001 });
  });

  test('the edge of the Date range still reads', () => {
    const c = createCodec<{ v: Date }>(record({ type: 'long', logicalType: 'timestamp-millis' }));
    expect(c.decode(c.encode({ v: new Date(8.64e15) })).v.getTime()).toBe(8.64e15);
  });
});
