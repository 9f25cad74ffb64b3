/**
 * What each logical type refuses on encode, how a refusal names the form it expected (the INVALID_VALUE and
 * validate() message a user reads), and the decode errors of values a mapping cannot hold.
 */
import { describe, expect, it } from 'vitest';
import { CodecError, createCodec, type AvroSchema, type CodecOptions } from '../../runtime/codec/index.js';
import { codeOf } from './support/codec-error.js';


const UUID = '123e4567-e89b-12d3-a456-426614174000';
const uuidFixed: AvroSchema = { type: 'fixed', name: 'U', size: 16, logicalType: 'uuid' };
const duration: AvroSchema = { type: 'fixed', name: 'D', size: 12, logicalType: 'duration' };
const decimal: AvroSchema = { type: 'bytes', logicalType: 'decimal', precision: 4, scale: 1 };

describe('the expected form a refusal names', () => {
  it.each([
    [{ type: 'long', logicalType: 'timestamp-millis' }, {}, 'Date (valid)'],
    [{ type: 'long', logicalType: 'timestamp-millis' }, { 'timestamp-millis': 'number' }, 'timestamp-millis (safe integer number of ms)'],
    [{ type: 'long', logicalType: 'timestamp-micros' }, {}, 'timestamp-micros (safe integer number of µs)'],
    [{ type: 'long', logicalType: 'timestamp-micros' }, { 'timestamp-micros': 'bigint' }, 'timestamp-micros (bigint of µs)'],
    [{ type: 'long', logicalType: 'timestamp-nanos' }, {}, 'timestamp-nanos (bigint of ns)'],
    [{ type: 'long', logicalType: 'timestamp-nanos' }, { 'timestamp-nanos': 'number' }, 'timestamp-nanos (safe integer number of ns)'],
    [{ type: 'int', logicalType: 'date' }, { date: 'number' }, 'date (int number of days since 1970-01-01)'],
    [{ type: 'int', logicalType: 'time-millis' }, {}, 'time-millis (int number of ms after midnight)'],
    [uuidFixed, {}, 'uuid string (8-4-4-4-12 hex)'],
    [duration, {}, '{ months, days, milliseconds } (unsigned 32-bit integers)'],
    [decimal, {}, 'decimal(4,1) string with at most 1 fraction digits and 4 digits in all'],
    [decimal, { decimal: 'bigint' }, 'decimal(4,1) unscaled bigint with at most 4 digits'],
  ] as [AvroSchema, CodecOptions['logicalTypes'], string][])('%j %j: %s', (schema, logicalTypes, expected) => {
    const c = createCodec(schema, { logicalTypes });
    expect(c.validate(Symbol.iterator)[0]!.message).toBe(`expected ${expected}, found symbol`);
    const err = (() => {
      try {
        c.encode(Symbol.iterator as never);
      } catch (e) {
        return e as CodecError;
      }
      return undefined;
    })();
    expect(err?.code).toBe('INVALID_VALUE');
    expect(err?.message).toContain(`expected ${expected}`);
  });
});

describe('values refused on encode', () => {
  it.each([
    ['a date that is not a Date', { type: 'int', logicalType: 'date' }, {}, 19782],
    ['a uuid on fixed that is not a string', uuidFixed, {}, 5],
    ['a uuid on fixed with a character before it', uuidFixed, {}, `x${UUID}`],
    ['a uuid on fixed with a character after it', uuidFixed, {}, `${UUID}x`],
    ['a uuid on string that is not a string', { type: 'string', logicalType: 'uuid' }, {}, 5],
    ['a uuid on string that is an object whose text is a uuid', { type: 'string', logicalType: 'uuid' }, {}, { toString: () => UUID }],
    ['a decimal string that is a number', decimal, {}, 5],
    ['a decimal string that is a bigint', decimal, {}, 5n],
    ['an unscaled decimal that is a string', decimal, { decimal: 'bigint' }, '5'],
    ['an unscaled decimal that is a number', decimal, { decimal: 'bigint' }, 5],
    ['a duration that is null', duration, {}, null],
    ['a duration that is a number', duration, {}, 5],
    ['a duration with a fractional field', duration, {}, { months: 1.5, days: 0, milliseconds: 0 }],
    ['a duration with a string field', duration, {}, { months: '1', days: 0, milliseconds: 0 }],
    ['a duration field beyond 2^32-1', duration, {}, { months: 0, days: 2 ** 32, milliseconds: 0 }],
  ] as [string, AvroSchema, CodecOptions['logicalTypes'], unknown][])('%s', (_, schema, logicalTypes, value) => {
    const c = createCodec(schema, { logicalTypes });
    expect(codeOf(() => c.encode(value))).toBe('INVALID_VALUE');
    expect(c.isValid(value)).toBe(false);
  });

  it('a duration field may be 0 or 2^32-1', () => {
    const c = createCodec(duration);
    const v = { months: 0, days: 0xffffffff, milliseconds: 0 };
    expect(c.decode(c.encode(v))).toEqual(v);
  });

  it('a decimal with a bigint mapping reads back the bigint written', () => {
    const c = createCodec<bigint>(decimal, { logicalTypes: { decimal: 'bigint' } });
    expect([...c.encode(-5n)]).toEqual([0x02, 0xfb]);
    expect(c.decode(c.encode(1234n))).toBe(1234n);
  });
});

describe('decoding what a mapping cannot hold', () => {
  const long = createCodec('long');
  it.each([8.64e15 + 1, -8.64e15 - 1])('timestamp-millis %d ms: PRECISION_LOSS, naming the value and the way out', (ms) => {
    const c = createCodec({ type: 'long', logicalType: 'timestamp-millis' });
    expect(() => c.decode(long.encode(ms))).toThrow(
      `timestamp-millis ${ms} ms is outside the range of a JavaScript Date (±8.64e15 ms); read it with logicalTypes: { 'timestamp-millis': 'number' }`,
    );
    expect(c.decode(long.encode(-8.64e15))).toEqual(new Date(-8.64e15));
  });
  it('a uuid string not in the 8-4-4-4-12 form: INVALID_ENCODING, quoting it', () => {
    const c = createCodec({ type: 'string', logicalType: 'uuid' });
    expect(() => c.decode(createCodec('string').encode('not-a-uuid'))).toThrow(
      `uuid "not-a-uuid" is not in the 8-4-4-4-12 hex form; read it with logicalTypes: { uuid: 'underlying' }`,
    );
  });
  it('a long string that is no uuid: the message quotes its first 40 characters', () => {
    const c = createCodec({ type: 'string', logicalType: 'uuid' });
    const long = 'x'.repeat(50);
    expect(() => c.decode(createCodec('string').encode(long))).toThrow(`uuid "${'x'.repeat(40)}" is not in the 8-4-4-4-12 hex form`);
  });
  it('a duration cut short: TRUNCATED', () => {
    const c = createCodec(duration);
    const whole = c.encode({ months: 1, days: 2, milliseconds: 3 });
    expect(codeOf(() => c.decode(whole.subarray(0, 11)))).toBe('TRUNCATED');
    expect(() => c.decode(whole.subarray(0, 11))).toThrow('input ended early: needed 1 more byte(s)');
    expect(codeOf(() => c.decode(Buffer.from(whole).subarray(0, 11)))).toBe('TRUNCATED');
  });
});
