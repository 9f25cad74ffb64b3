/**
 * Field defaults as a writer of a record without the field sees them (found by mutation testing, runtime/codec/
 * defaults.ts and union-default.ts): the bytes written for each kind of default, the union branch Java 1.12 writes a
 * union default with, and the INVALID_SCHEMA path and message for a default that does not fit its type.
 */
import { describe, expect, it } from 'vitest';
import { CodecError, createCodec, type AvroSchema } from '../../runtime/codec/index.js';

const withDefault = (type: AvroSchema, value: unknown): AvroSchema =>
  ({ type: 'record', name: 'R', fields: [{ name: 'f', type, default: value }] }) as AvroSchema;

/** The bytes a record without `f` encodes to: the default's. */
function defaultBytes(type: AvroSchema, value: unknown): number[] {
  return [...createCodec(withDefault(type, value), { long: 'bigint' }).encode({})];
}

function refusal(type: AvroSchema, value: unknown): [string, string, string] {
  try {
    createCodec(withDefault(type, value)).encode({});
  } catch (e) {
    if (e instanceof CodecError) return [e.code, e.path, e.detail];
    throw e;
  }
  throw new Error('the default was accepted');
}

const fixed2: AvroSchema = { type: 'fixed', name: 'F', size: 2 };
const enumE: AvroSchema = { type: 'enum', name: 'E', symbols: ['A', 'B'] };
const inner: AvroSchema = { type: 'record', name: 'In', fields: [{ name: 'a', type: 'int' }] };

describe('defaults written for a missing field', () => {
  it.each<[string, AvroSchema, unknown, number[]]>([
    ['long at the int64 bounds', 'long', -(2n ** 63n), [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]],
    ['long as the largest bigint', 'long', 2n ** 63n - 1n, [0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]],
    ['long as a number past 2^53 (JSON rounded it)', 'long', -(2 ** 63), [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]],
    ['double given as a bigint', 'double', 5n, [0, 0, 0, 0, 0, 0, 0x14, 0x40]],
    ['bytes as code points 0-255', 'bytes', 'é\u0000', [4, 0xe9, 0]],
    ['an empty array', { type: 'array', items: 'int' }, [], [0]],
    ['an array', { type: 'array', items: 'int' }, [1, 2], [4, 2, 4, 0]],
    ['an empty map', { type: 'map', values: 'int' }, {}, [0]],
    ['a record field from its own default', { type: 'record', name: 'In', fields: [{ name: 'a', type: 'int', default: 3 }] }, {}, [6]],
  ])('%s', (_name, type, value, bytes) => expect(defaultBytes(type, value)).toEqual(bytes));
});

describe('the union branch a union default is written with (Java 1.12: the first that takes its JSON kind)', () => {
  it.each<[string, AvroSchema, unknown, number]>([
    ['boolean takes true', ['boolean', 'null'], true, 0],
    ['null does not take false', ['null', 'boolean'], false, 1],
    ['long takes a number', ['null', 'long'], 5, 1],
    ['long takes a bigint', ['null', 'long'], 5n, 1],
    ['float takes a number', ['null', 'float'], 0.5, 1],
    ['double takes a number', ['null', 'double'], 0.5, 1],
    ['string does not take null', ['string', 'null'], null, 1],
    ['bytes takes a string', ['null', 'bytes'], 'a', 1],
    ['fixed takes a string', ['null', fixed2], 'ab', 1],
    ['enum takes a string', ['null', enumE], 'B', 1],
    ['array does not come after null for an array', ['null', { type: 'array', items: 'int' }], [], 1],
    ['map takes an object', ['null', { type: 'map', values: 'int' }], {}, 1],
    ['record takes an object', ['null', inner], { a: 1 }, 1],
  ])('%s', (_name, type, value, branch) => expect(defaultBytes(type, value)[0]).toBe(branch * 2));

  it('a default no branch takes names the JSON kind', () => {
    expect(refusal(['null', 'int'], 'x')).toEqual([
      'INVALID_SCHEMA',
      'R.f',
      'default must be a value of one of the union\'s branches (no branch takes a JSON string), found "x"',
    ]);
    expect(refusal(['null', 'int'], [1])[2]).toMatch(/no branch takes a JSON array/);
    expect(refusal(['null', 'int'], { a: 1 })[2]).toMatch(/no branch takes a JSON object/);
    expect(refusal(['null', 'string'], true)[2]).toMatch(/no branch takes a JSON boolean/);
  });

  it('a default the first taking branch cannot hold says to put the branch it is meant for first', () => {
    expect(refusal(['int', 'double'], 1.5)).toEqual([
      'INVALID_SCHEMA',
      'R.f',
      'Apache Avro Java 1.12 writes the union default 1.5 as branch 0 (int), the first that takes a JSON number, and it is not a value of that branch (default must be a 32-bit integer, found 1.5): put the branch it is meant for first',
    ]);
    expect(refusal(['long', 'double'], 2n ** 64n)[2]).toMatch(/^Apache Avro Java 1\.12 writes the union default 18446744073709551616 as branch 0/);
    expect(refusal([{ type: 'array', items: 'int' }, 'null'], [1, 'x'])).toEqual([
      'INVALID_SCHEMA',
      'R.f[1]',
      expect.stringMatching(/^Apache Avro Java 1\.12 writes the union default \[1,"x"\] as branch 0 \(array\)/),
    ]);
    // a union of one branch: the branch's own error
    expect(refusal(['int'], 1.5)).toEqual(['INVALID_SCHEMA', 'R.f', 'default must be a 32-bit integer, found 1.5']);
  });
});

describe('a default that does not fit its type is INVALID_SCHEMA at the field', () => {
  it.each<[string, AvroSchema, unknown, string, string]>([
    ['null', 'null', 0, 'R.f', 'default must be null, found 0'],
    ['boolean', 'boolean', 1, 'R.f', 'default must be a boolean, found 1'],
    ['int: a fraction', 'int', 1.5, 'R.f', 'default must be a 32-bit integer, found 1.5'],
    ['int: a string', 'int', '1', 'R.f', 'default must be a 32-bit integer, found "1"'],
    ['long: a bigint past int64', 'long', 2n ** 63n, 'R.f', 'default must be a 64-bit integer, found 9223372036854775808'],
    ['long: a bigint below int64', 'long', -(2n ** 63n) - 1n, 'R.f', 'default must be a 64-bit integer, found -9223372036854775809'],
    ['long: a number past int64', 'long', 2 ** 63, 'R.f', 'default must be a 64-bit integer, found 9223372036854776000'],
    ['long: a number below int64', 'long', -(2 ** 64), 'R.f', 'default must be a 64-bit integer, found -18446744073709552000'],
    ['long: a fraction', 'long', 1.5, 'R.f', 'default must be an integer, found 1.5'],
    ['long: a string', 'long', '1', 'R.f', 'default must be an integer, found "1"'],
    ['float', 'float', 'x', 'R.f', 'default must be a number, found "x"'],
    ['string', 'string', 1, 'R.f', 'default must be a string, found 1'],
    ['bytes: a code point past 255', 'bytes', 'Ā', 'R.f', 'default must be a string of code points 0-255 (bytes), found "Ā"'],
    ['bytes: a character outside the BMP', 'bytes', '😀', 'R.f', 'default must be a string of code points 0-255 (bytes), found "😀"'],
    ['bytes: a number', 'bytes', 5, 'R.f', 'default must be a string of code points 0-255 (bytes), found 5'],
    ['fixed: a code point past 255', fixed2, 'aĀ', 'R.f', 'default must be a string of code points 0-255 (fixed of 2 bytes), found "aĀ"'],
    ['fixed: the wrong length', fixed2, 'abc', 'R.f', 'default must be a string of 2 code points, found "abc"'],
    ['enum: not a symbol', enumE, 'C', 'R.f', 'default must be a symbol of E, found "C"'],
    ['enum: not a string', enumE, 0, 'R.f', 'default must be a symbol of E, found 0'],
    ['array: an object', { type: 'array', items: 'int' }, {}, 'R.f', 'default must be an array, found {}'],
    ['array: a bad item', { type: 'array', items: 'int' }, [1, 'x'], 'R.f[1]', 'default must be a 32-bit integer, found "x"'],
    ['map: an array', { type: 'map', values: 'int' }, [], 'R.f', 'default must be an object, found []'],
    ['map: null', { type: 'map', values: 'int' }, null, 'R.f', 'default must be an object, found null'],
    ['map: a string', { type: 'map', values: 'int' }, 'x', 'R.f', 'default must be an object, found "x"'],
    ['map: a bad value', { type: 'map', values: 'int' }, { 'a b': 'x' }, 'R.f["a b"]', 'default must be a 32-bit integer, found "x"'],
    ['record: a number', inner, 5, 'R.f', 'default must be an object for record In, found 5'],
    ['record: an array', inner, [], 'R.f', 'default must be an object for record In, found []'],
    ['record: a bad field', inner, { a: 'x' }, 'R.f.a', 'default must be a 32-bit integer, found "x"'],
    ['record: a field missing without default', inner, {}, 'R.f.a', 'default must be given: field a has no default of its own, found undefined'],
  ])('%s', (_name, type, value, path, detail) => expect(refusal(type, value)).toEqual(['INVALID_SCHEMA', path, detail]));
});
