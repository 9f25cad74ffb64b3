/**
 * A row as `pg` parses it into the Avro value of a topic record (runtime/tailer/convert.ts, docs/tailer.md § Types):
 * each supported column type, NULLs, nested fields, constants, and the values that cannot be written exactly, which
 * throw UnmappableValue (the tailer dead-letters the change).
 */
import pg from 'pg';
import { describe, expect, test } from 'vitest';
import { buildRecord, UnmappableValue } from '../../runtime/tailer/convert.js';
import type { ColumnField, FieldMapping } from '../../runtime/tailer/definition.js';
import type { AvroTarget } from '../../runtime/tailer/pg-types.js';

const col = (target: AvroTarget, extra: Partial<ColumnField> = {}): ColumnField => ({ field: ['f'], column: 'c', type: 'text', notNull: true, nullable: false, target, ...extra });
/** The value of field `f` fed by column `c` holding `v`. */
const one = (target: AvroTarget, v: unknown, extra: Partial<ColumnField> = {}): unknown => (buildRecord([col(target, extra)], { c: v }) as { f: unknown }).f;
const fails = (target: AvroTarget, v: unknown, message: string, extra: Partial<ColumnField> = {}): void => {
  let error: unknown;
  try {
    one(target, v, extra);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(UnmappableValue);
  expect(error).toMatchObject({ name: 'UnmappableValue', column: extra.column ?? 'c', message });
};

describe('buildRecord', () => {
  test('fields nested along their paths, constants and columns read once each', () => {
    const fields: FieldMapping[] = [
      { field: ['id'], column: 'id', type: 'uuid', notNull: true, nullable: false, target: { kind: 'string', logical: 'uuid' } },
      { field: ['follower', 'id'], column: 'id', type: 'uuid', notNull: true, nullable: false, target: { kind: 'string' } },
      { field: ['follower', 'kind'], constant: 'USER' },
      { field: ['follower', 'deep', 'n'], constant: 3 },
      { field: ['note'], column: 'note', type: 'text', notNull: false, nullable: true, target: { kind: 'string' } },
    ];
    const id = '0f8fad5b-d9cb-469f-a165-70867728950e';
    expect(buildRecord(fields, { id, note: null })).toEqual({ id, follower: { id, kind: 'USER', deep: { n: 3 } }, note: null });
  });

  test('a key that is not a record is the column value itself', () => {
    expect(buildRecord([{ field: [], column: 'id', type: 'bigint', notNull: true, nullable: false, target: { kind: 'long' } }], { id: '42' })).toBe(42);
    expect(buildRecord([{ field: [], constant: true }], {})).toBe(true);
  });

  test('NULL in a field that cannot hold it, and a column missing from the change, are unmappable', () => {
    fails({ kind: 'string' }, null, "column c: NULL, but field 'f' cannot hold null");
    expect(() => buildRecord([{ ...col({ kind: 'string' }), field: [] }], { c: null })).toThrow("column c: NULL, but field 'key' cannot hold null");
    expect(() => buildRecord([col({ kind: 'string' })], {})).toThrow('column c: not in the change (an unchanged TOAST value is sent only with REPLICA IDENTITY FULL)');
    expect(one({ kind: 'int' }, null, { nullable: true })).toBeNull();
    expect(() => buildRecord([{ ...col({ kind: 'string' }), field: ['author', 'name'] }], { c: null })).toThrow("column c: NULL, but field 'author.name' cannot hold null");
  });
});

describe('each column type into its Avro field', () => {
  test('string: text, uuid, numeric and bigint as their exact digits, integers, json as its text', () => {
    expect(one({ kind: 'string' }, 'héllo')).toBe('héllo');
    expect(one({ kind: 'string' }, '12345678901234567890.5')).toBe('12345678901234567890.5');
    expect(one({ kind: 'string' }, 7)).toBe('7');
    expect(one({ kind: 'string' }, 9007199254740993n)).toBe('9007199254740993');
    expect(one({ kind: 'string' }, { a: [1, 'x'] })).toBe('{"a":[1,"x"]}');
    expect(one({ kind: 'string' }, [1, 2])).toBe('[1,2]');
    fails({ kind: 'string' }, true, 'column c: true is not text');
    fails({ kind: 'string' }, new Date(0), 'column c: 1970-01-01T00:00:00.000Z is not text');
    fails({ kind: 'string' }, Buffer.from('ab'), 'column c: {"type":"Buffer","data":[97,98]} is not text');
  });

  test('string (uuid): a text that is not a UUID is unmappable', () => {
    const uuid: AvroTarget = { kind: 'string', logical: 'uuid' };
    expect(one(uuid, '0F8FAD5B-D9CB-469F-A165-70867728950E')).toBe('0F8FAD5B-D9CB-469F-A165-70867728950E');
    fails(uuid, 'x0f8fad5b-d9cb-469f-a165-70867728950e', 'column c: x0f8fad5b-d9cb-469f-a165-70867728950e is not a UUID');
    fails(uuid, '0f8fad5b-d9cb-469f-a165-70867728950ex', 'column c: 0f8fad5b-d9cb-469f-a165-70867728950ex is not a UUID');
    fails(uuid, 'not-a-uuid', 'column c: not-a-uuid is not a UUID');
  });

  test('boolean, int, float, double, bytes', () => {
    expect(one({ kind: 'boolean' }, false)).toBe(false);
    fails({ kind: 'boolean' }, 't', 'column c: t is not a boolean');
    expect(one({ kind: 'int' }, -32768)).toBe(-32768);
    fails({ kind: 'int' }, 1.5, 'column c: 1.5 is not an int');
    fails({ kind: 'int' }, '1', 'column c: 1 is not an int');
    expect(one({ kind: 'float' }, 1.25)).toBe(1.25);
    expect(one({ kind: 'double' }, -0.1)).toBe(-0.1);
    fails({ kind: 'double' }, '0.1', 'column c: 0.1 is not a number');
    fails({ kind: 'float' }, '0.1', 'column c: 0.1 is not a number');
    expect(one({ kind: 'bytes' }, Buffer.from([0, 255]))).toEqual(Buffer.from([0, 255]));
    fails({ kind: 'bytes' }, '\\x00ff', 'column c: \\x00ff is not bytes');
  });

  test('long: smallint and integer as numbers, bigint (a string) exact, beyond 2^53 only as bigint', () => {
    const long: AvroTarget = { kind: 'long' };
    expect(one(long, 12)).toBe(12);
    expect(one(long, '-9007199254740991')).toBe(-9007199254740991);
    expect(one(long, '9007199254740991', { representation: 'bigint' })).toBe(9007199254740991n);
    expect(one(long, '9223372036854775807', { representation: 'bigint' })).toBe(9223372036854775807n);
    expect(one(long, 5, { representation: 'bigint' })).toBe(5n);
    fails(long, '9007199254740992', 'column c: 9007199254740992 is beyond ±(2^53−1), not exact as a number (map long to bigint in unilog.config.yaml)');
    fails(long, '-9007199254740992', 'column c: -9007199254740992 is beyond ±(2^53−1), not exact as a number (map long to bigint in unilog.config.yaml)');
    fails(long, 1.5, 'column c: 1.5 is not an integer');
    fails(long, '1.5', 'column c: 1.5 is not an integer');
    fails(long, 'x12', 'column c: x12 is not an integer');
    fails(long, '12x', 'column c: 12x is not an integer');
    fails(long, true, 'column c: true is not an integer');
    fails(long, ['7'], 'column c: ["7"] is not an integer');
  });

  test('timestamptz into timestamp-millis and -micros, in each representation', () => {
    const at = new Date(Date.UTC(2024, 1, 29, 12, 30, 45, 678));
    const ms = at.getTime();
    const millis: AvroTarget = { kind: 'long', logical: 'timestamp-millis' };
    const micros: AvroTarget = { kind: 'long', logical: 'timestamp-micros' };
    expect(one(millis, at)).toBe(ms);
    expect(one(millis, at, { representation: 'bigint' })).toBe(BigInt(ms));
    expect(one(millis, at, { representation: 'date' })).toBe(at);
    expect(one(micros, at)).toBe(ms * 1000);
    expect(one(micros, at, { representation: 'bigint' })).toBe(BigInt(ms) * 1000n);
    expect(one(micros, at, { representation: 'date' })).toBe(at);
    // What pg parses for timestamps JavaScript cannot hold: a RangeError here used to stop the tailer instead.
    const beyond = pg.types.getTypeParser(pg.types.builtins.TIMESTAMPTZ)('300000-01-01 00:00:00+00');
    fails(millis, beyond, 'column c: Invalid Date is not a finite timestamp');
    fails(micros, pg.types.getTypeParser(pg.types.builtins.TIMESTAMPTZ)('infinity'), 'column c: Infinity is not a finite timestamp');
    fails(millis, '2024-01-01', 'column c: 2024-01-01 is not a finite timestamp');
  });

  test('date (local midnight, as pg parses it) into days since 1970-01-01', () => {
    const d = new Date(2024, 1, 29);
    expect(one({ kind: 'date' }, d)).toBe(19782);
    expect(one({ kind: 'date' }, new Date(1969, 11, 31))).toBe(-1);
    expect(one({ kind: 'date' }, d, { representation: 'date' })).toEqual(new Date(Date.UTC(2024, 1, 29)));
    fails({ kind: 'date' }, new Date(Number.NaN), 'column c: Invalid Date is not a finite date');
    fails({ kind: 'date' }, 19782, 'column c: 19782 is not a finite date');
  });

  test('enum: a label the Avro enum has; any other is unmappable', () => {
    const e: AvroTarget = { kind: 'enum', symbols: ['ACTIVE', 'BANNED'] };
    expect(one(e, 'BANNED')).toBe('BANNED');
    fails(e, 'GONE', 'column c: GONE is not a symbol of the Avro enum (ACTIVE, BANNED)');
    fails(e, 1, 'column c: 1 is not an enum label');
  });

  test('map of string: a JSON object of strings', () => {
    const m: AvroTarget = { kind: 'map-of-string' };
    expect(one(m, { theme: 'dark', lang: 'fr' })).toEqual({ theme: 'dark', lang: 'fr' });
    expect(one(m, {})).toEqual({});
    fails(m, { theme: 'dark', size: 2 }, "column c: {\"theme\":\"dark\",\"size\":2} has a non-string value at 'size'");
    fails(m, ['a'], 'column c: ["a"] is not a JSON object');
    fails(m, '{}', 'column c: {} is not a JSON object');
  });

  test('arrays: parsed arrays, array literals (an enum array), NULL items only when the items may be null', () => {
    const texts: AvroTarget = { kind: 'array', items: { kind: 'string' }, itemsNullable: false };
    const nullable: AvroTarget = { kind: 'array', items: { kind: 'enum', symbols: ['A', 'B'] }, itemsNullable: true };
    expect(one(texts, ['a', 'b'])).toEqual(['a', 'b']);
    expect(one(texts, [])).toEqual([]);
    expect(one(nullable, '{A,NULL,B}')).toEqual(['A', null, 'B']);
    expect(one({ kind: 'array', items: { kind: 'long' }, itemsNullable: false }, ['1', '2'])).toEqual([1, 2]);
    fails(texts, ['a', null], 'column c: ["a",null] has a NULL element, and the Avro items cannot hold null');
    fails(nullable, '{A,C}', 'column c: C is not a symbol of the Avro enum (A, B)');
    fails(texts, 5, 'column c: 5 is not an array');
  });

  test('a long value is cut to 60 characters in the message', () => {
    fails({ kind: 'boolean' }, 'x'.repeat(61), `column c: ${'x'.repeat(57)}… is not a boolean`);
    fails({ kind: 'boolean' }, 'x'.repeat(60), `column c: ${'x'.repeat(60)} is not a boolean`);
  });
});
