/** Logical types as JS values, their options, and the fallback to the underlying type. */
import { describe, expect, it } from 'vitest';
import { createCodec, type AvroSchema, type CodecOptions } from '../../runtime/codec/index.js';
import { codeOf } from './support/codec-error.js';


describe('timestamps, dates, times', () => {
  it('timestamp-millis ↔ Date; number mapping on request', () => {
    const s: AvroSchema = { type: 'long', logicalType: 'timestamp-millis' };
    const d = new Date('2024-05-17T12:30:00.123Z');
    const c = createCodec<Date>(s);
    expect(c.decode(c.encode(d))).toEqual(d);
    expect(c.encode(d)).toEqual(createCodec('long').encode(d.getTime()));
    expect(codeOf(() => c.encode(new Date(NaN)))).toBe('INVALID_VALUE');
    expect(codeOf(() => c.encode(d.getTime() as never))).toBe('INVALID_VALUE');
    const n = createCodec<number>(s, { logicalTypes: { 'timestamp-millis': 'number' } });
    expect(n.decode(c.encode(d))).toBe(d.getTime());
  });
  it('local-timestamp-millis ↔ Date too', () => {
    const c = createCodec<Date>({ type: 'long', logicalType: 'local-timestamp-millis' });
    expect(c.decode(c.encode(new Date(5)))).toEqual(new Date(5));
  });
  it('timestamp-micros is a checked number, or bigint on request', () => {
    const s: AvroSchema = { type: 'long', logicalType: 'timestamp-micros' };
    expect(createCodec(s).decode(createCodec(s).encode(1_715_949_000_123_456))).toBe(1_715_949_000_123_456);
    const big = createCodec(s, { logicalTypes: { 'timestamp-micros': 'bigint' } });
    expect(big.decode(big.encode(2n ** 60n))).toBe(2n ** 60n);
    expect(codeOf(() => createCodec(s).decode(big.encode(2n ** 60n)))).toBe('PRECISION_LOSS');
  });
  it('timestamp-nanos is a bigint by default, a checked number on request', () => {
    const s: AvroSchema = { type: 'long', logicalType: 'timestamp-nanos' };
    const c = createCodec<bigint>(s);
    expect(c.decode(c.encode(1_715_949_000_123_456_789n))).toBe(1_715_949_000_123_456_789n);
    const n = createCodec(s, { logicalTypes: { 'timestamp-nanos': 'number' } });
    expect(codeOf(() => n.decode(c.encode(1_715_949_000_123_456_789n)))).toBe('PRECISION_LOSS');
  });
  it('date ↔ Date at UTC midnight; other instants are refused, never floored', () => {
    const c = createCodec<Date>({ type: 'int', logicalType: 'date' });
    const d = new Date(Date.UTC(2024, 1, 29));
    expect([...c.encode(d)]).toEqual([...createCodec('int').encode(19782)]);
    expect(c.decode(c.encode(d))).toEqual(d);
    expect(c.decode(c.encode(new Date(Date.UTC(1900, 0, 1))))).toEqual(new Date(Date.UTC(1900, 0, 1)));
    expect(() => c.encode(new Date(Date.UTC(2024, 1, 29, 0, 0, 1)))).toThrow(/Date at UTC midnight/);
    const days = createCodec<number>({ type: 'int', logicalType: 'date' }, { logicalTypes: { date: 'number' } });
    expect(days.decode(c.encode(d))).toBe(19782);
  });
  it('time-millis and time-micros are numbers', () => {
    expect(createCodec({ type: 'int', logicalType: 'time-millis' }).decode(Buffer.from([2]))).toBe(1);
    const c = createCodec({ type: 'long', logicalType: 'time-micros' });
    expect(c.decode(c.encode(86_399_999_999))).toBe(86_399_999_999);
  });
});

describe('uuid', () => {
  const id = '123e4567-e89b-12d3-a456-426614174000';
  it('on string: validated on encode, read as is', () => {
    const c = createCodec<string>({ type: 'string', logicalType: 'uuid' });
    expect(c.decode(c.encode(id))).toBe(id);
    expect(c.validate('not-a-uuid')[0]!.message).toMatch(/uuid string \(8-4-4-4-12 hex\)/);
  });
  it('on fixed(16): a string, the 16 bytes on the wire', () => {
    const c = createCodec<string>({ type: 'fixed', name: 'Id', size: 16, logicalType: 'uuid' });
    const bytes = c.encode(id.toUpperCase());
    expect(bytes.toString('hex')).toBe(id.replaceAll('-', ''));
    expect(c.decode(bytes)).toBe(id);
  });
});

describe('decimal', () => {
  const s: AvroSchema = { type: 'bytes', logicalType: 'decimal', precision: 6, scale: 2 };
  const c = createCodec<string>(s);
  it.each([
    ['-12.30', '-12.30', [0xfb, 0x32]],
    ['-12.3', '-12.30', [0xfb, 0x32]],
    ['0', '0.00', [0x00]],
    ['0.05', '0.05', [0x05]],
    ['-0.05', '-0.05', [0xfb]],
    ['.05', '0.05', [0x05]], // no integer digits: as JavaScript and Java's BigDecimal read it
    ['-.05', '-0.05', [0xfb]],
    ['1.28', '1.28', [0x00, 0x80]],
    ['-1.28', '-1.28', [0x80]],
    ['9999.99', '9999.99', [0x0f, 0x42, 0x3f]],
    ['+3', '3.00', [0x01, 0x2c]],
  ])('%s is read back as %s (minimal two\'s complement)', (input, output, unscaled) => {
    const bytes = c.encode(input);
    expect([...bytes]).toEqual([unscaled.length * 2, ...unscaled]);
    expect(c.decode(bytes)).toBe(output);
  });
  it.each(['1.234', '10000.00', '-99999.9', 'abc', '', '1e3', '.', '1.2.3'])('%j is refused, never rounded', (bad) => {
    expect(codeOf(() => c.encode(bad))).toBe('INVALID_VALUE');
  });
  it('on fixed: sign-extended to the size; bigint mapping is the unscaled integer', () => {
    const f: AvroSchema = { type: 'fixed', name: 'Money', size: 4, logicalType: 'decimal', precision: 9, scale: 3 };
    expect([...createCodec(f).encode('-0.001')]).toEqual([0xff, 0xff, 0xff, 0xff]);
    const big = createCodec<bigint>(f, { logicalTypes: { decimal: 'bigint' } });
    expect(big.decode(createCodec(f).encode('123456.789'))).toBe(123456789n);
    expect(codeOf(() => big.encode(1_000_000_000n))).toBe('INVALID_VALUE');
  });
});

describe('duration', () => {
  it('is { months, days, milliseconds }, uint32 little-endian each', () => {
    const c = createCodec({ type: 'fixed', name: 'D', size: 12, logicalType: 'duration' });
    const v = { months: 1, days: 2, milliseconds: 0xffffffff };
    expect(c.encode(v).toString('hex')).toBe('0100000002000000ffffffff');
    expect(c.decode(c.encode(v))).toEqual(v);
    expect(codeOf(() => c.encode({ months: -1, days: 0, milliseconds: 0 }))).toBe('INVALID_VALUE');
  });
});

describe('fallback to the underlying type', () => {
  it.each([
    ['unknown logical type', { type: 'long', logicalType: 'nope' }, 5, 5],
    ['wrong underlying type', { type: 'string', logicalType: 'timestamp-millis' }, 'x', 'x'],
    ['decimal without precision', { type: 'bytes', logicalType: 'decimal' }, Buffer.from([1]), Buffer.from([1])],
    ['decimal scale > precision', { type: 'bytes', logicalType: 'decimal', precision: 2, scale: 3 }, Buffer.from([1]), Buffer.from([1])],
    ['decimal too precise for its fixed', { type: 'fixed', name: 'F', size: 2, logicalType: 'decimal', precision: 5 }, Buffer.from([1, 2]), Buffer.from([1, 2])],
    ['uuid on fixed(15)', { type: 'fixed', name: 'U', size: 15, logicalType: 'uuid' }, Buffer.alloc(15), Buffer.alloc(15)],
    ['duration on fixed(11)', { type: 'fixed', name: 'D', size: 11, logicalType: 'duration' }, Buffer.alloc(11), Buffer.alloc(11)],
  ] as [string, AvroSchema, unknown, unknown][])('%s', (_, schema, value, back) => {
    const c = createCodec(schema);
    expect(c.decode(c.encode(value))).toEqual(back);
  });

  it('logicalTypes: false gives the underlying type everywhere; long mode applies to it', () => {
    const s: AvroSchema = { type: 'long', logicalType: 'timestamp-millis' };
    expect(createCodec(s, { logicalTypes: false }).decode(Buffer.from([4]))).toBe(2);
    expect(createCodec(s, { logicalTypes: false, long: 'bigint' }).decode(Buffer.from([4]))).toBe(2n);
    expect(createCodec(s, { logicalTypes: { 'timestamp-millis': 'underlying' } }).decode(Buffer.from([4]))).toBe(2);
  });

  it.each([
    { logicalTypes: { date: 'bigint' } },
    { logicalTypes: { nope: 'number' } },
    { long: 'string' },
  ] as unknown as CodecOptions[])('bad options %j throw INVALID_OPTIONS at createCodec', (options) => {
    expect(codeOf(() => createCodec('int', options))).toBe('INVALID_OPTIONS');
  });
});
