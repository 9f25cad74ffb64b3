/**
 * Where a logical type applies: on the underlying types the specification names, with valid parameters; anywhere else
 * it is ignored and the value keeps its underlying type. `generate` reports the same rule's message as a warning
 * (IGNORED_LOGICAL_TYPE, generator/resolve/logical-types.ts), so the messages are asserted here too.
 */
import { describe, expect, it } from 'vitest';
import { createCodec, type AvroSchema } from '../../runtime/codec/index.js';
import { validateLogical } from '../../runtime/codec/logical-types.js';

describe('each logical type on the underlying types the specification names', () => {
  it('time-millis on int: the codec describes it as time-millis', () => {
    const c = createCodec({ type: 'int', logicalType: 'time-millis' });
    expect(c.validate('x')[0]!.message).toMatch(/time-millis/);
  });
  it.each([
    ['time-micros', { 'time-micros': 'bigint' }],
    ['local-timestamp-micros', { 'local-timestamp-micros': 'bigint' }],
    ['local-timestamp-nanos', {}], // bigint by default
  ] as const)('%s on long: read as a bigint on request or by default', (logicalType, logicalTypes) => {
    const c = createCodec({ type: 'long', logicalType }, { logicalTypes });
    expect(c.decode(Buffer.from([4]))).toBe(2n);
  });
  it('a logicalType that is not a string is no logical type, even one naming a known type', () => {
    // In a union beside a Date branch: the int branch still takes numbers, and the timestamp branch Dates.
    const int = { type: 'int', logicalType: ['date'] } as unknown as AvroSchema;
    const c = createCodec(['null', int, { type: 'long', logicalType: 'timestamp-millis' }]);
    expect([...c.encode(5)]).toEqual([0x02, 0x0a]);
    expect([...c.encode(new Date(3))]).toEqual([0x04, 0x06]);
  });
});

describe('decimal parameters', () => {
  // A decimal applies: read as a string with `scale` fraction digits. Ignored: the raw bytes.
  const readOne = (schema: AvroSchema): unknown => createCodec(schema).decode(Buffer.from([0x02, 0x05]));
  const bytesDecimal = (attrs: object): AvroSchema => ({ type: 'bytes', logicalType: 'decimal', ...attrs }) as AvroSchema;

  it.each([
    [{ precision: 1 }, '5'],
    [{ precision: 2, scale: 2 }, '0.05'],
    [{ precision: 3, scale: 0 }, '5'],
  ])('%j applies', (attrs, value) => {
    expect(readOne(bytesDecimal(attrs))).toBe(value);
  });
  it.each([{ precision: 0 }, { precision: 1.5 }, { precision: 3, scale: 1.5 }, { precision: 3, scale: -1 }, { precision: 2, scale: 3 }])(
    '%j is ignored',
    (attrs) => {
      expect(readOne(bytesDecimal(attrs))).toEqual(Buffer.from([0x05]));
    },
  );
  it('on a fixed: the precision is bounded by what its size holds (fixed(1): 127, 2 digits; fixed(0): none)', () => {
    const fixed = (size: number, precision: number): AvroSchema => ({ type: 'fixed', name: 'F', size, logicalType: 'decimal', precision, scale: precision });
    expect(createCodec(fixed(1, 2)).decode(Buffer.from([99]))).toBe('0.99');
    expect(createCodec(fixed(1, 3)).decode(Buffer.from([99]))).toEqual(Buffer.from([99]));
    expect(createCodec(fixed(0, 1)).decode(Buffer.alloc(0))).toEqual(Buffer.alloc(0));
  });
});

describe('the message generate warns with, for a logical type it ignores', () => {
  it.each([
    ['date', 'long', {}, "logical type 'date' must annotate 'int', not 'long'"],
    ['decimal', 'string', {}, "logical type 'decimal' must annotate 'bytes' or 'fixed', not 'string'"],
    ['uuid', 'fixed', { size: 15 }, "logical type 'uuid' on a fixed needs size 16, not 15"],
    ['duration', 'fixed', { size: 11 }, "logical type 'duration' needs a fixed of size 12, not 11"],
    ['decimal', 'bytes', { precision: '4' }, 'decimal \'precision\' must be a positive integer, got "4"'],
    ['decimal', 'bytes', { precision: 4, scale: 5 }, "decimal 'scale' must be an integer from 0 to precision (4), got 5"],
    ['decimal', 'fixed', { precision: 3, size: 1 }, 'decimal precision 3 does not fit a fixed of size 1 (at most 2)'],
    ['decimal', 'fixed', { precision: 1, size: 0 }, 'decimal precision 1 does not fit a fixed of size 0 (at most 0)'],
  ] as const)('%s on %s %j', (name, kind, attrs, message) => {
    expect(validateLogical(name, kind, attrs)).toEqual({ ok: false, message });
  });
});
