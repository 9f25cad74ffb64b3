/**
 * The one rule of which PostgreSQL column feeds which Avro field (runtime/tailer/pg-types.ts, docs/tailer.md § Types)
 * and WAL positions as numbers (lsn.ts).
 */
import { describe, expect, test } from 'vitest';
import { formatLsn, parseLsn } from '../../runtime/tailer/lsn.js';
import { conversionProblem, normalisePgType, parsePgType, type AvroTarget, type PgType } from '../../runtime/tailer/pg-types.js';

const pg = (text: string): PgType => {
  const t = parsePgType(text);
  if (!t) throw new Error(`no type: ${text}`);
  return t;
};

describe('parsePgType and normalisePgType', () => {
  test.each([
    ['text', 'text'], ['varchar', 'character varying'], ['numeric', 'numeric'], ['double precision', 'double precision'],
    ['timestamp with time zone', 'timestamp with time zone'], ['real', 'real'], ['integer', 'integer'], ['smallint', 'smallint'], ['  Character   Varying ', 'character varying'], ['uuid', 'uuid'],
    ['bool', 'boolean'], ['int2', 'smallint'], ['int', 'integer'], ['int4', 'integer'], ['int8', 'bigint'], ['decimal', 'numeric'],
    ['float4', 'real'], ['float8', 'double precision'], ['timestamptz', 'timestamp with time zone'], ['date', 'date'],
    ['json', 'json'], ['jsonb', 'jsonb'], ['bytea', 'bytea'], ['BIGINT[]', 'bigint[]'], ['text []', 'text[]'],
  ])('%s is spelt %s, as format_type prints it', (text, spelt) => {
    const t = pg(text);
    expect(t.enum).toBe(false);
    expect(normalisePgType(t)).toBe(spelt);
    expect(t.array).toBe(spelt.endsWith('[]'));
  });

  test('any other identifier is a user-defined enum, schema-qualified or not, array or not', () => {
    expect(parsePgType('account_status')).toEqual({ base: 'account_status', array: false, enum: true });
    expect(parsePgType('shop.item_kind[]')).toEqual({ base: 'shop.item_kind', array: true, enum: true });
    expect(normalisePgType(pg('shop.item_kind[]'))).toBe('shop.item_kind[]');
  });

  test.each(['timestamp without time zone', 'varchar(20)', '1abc', 'a.b.c', 'my type', '', 'a-b'])('%j is no type a tailer reads', (text) => {
    expect(parsePgType(text)).toBeUndefined();
  });
});

describe('conversionProblem', () => {
  const string: AvroTarget = { kind: 'string' };
  const uuid: AvroTarget = { kind: 'string', logical: 'uuid' };
  const enumTarget: AvroTarget = { kind: 'enum', symbols: ['A'] };
  const ts: AvroTarget = { kind: 'long', logical: 'timestamp-millis' };

  test.each<[AvroTarget, string[], string[]]>([
    [string, ['text', 'varchar', 'uuid', 'numeric', 'bigint', 'integer', 'smallint', 'json', 'jsonb', 'status'], ['boolean', 'real', 'bytea', 'date', 'timestamptz']],
    [uuid, ['uuid', 'text', 'varchar'], ['numeric', 'jsonb', 'status']],
    [{ kind: 'boolean' }, ['boolean'], ['text', 'integer']],
    [{ kind: 'int' }, ['smallint', 'integer'], ['bigint', 'real']],
    [{ kind: 'long' }, ['smallint', 'integer', 'bigint'], ['numeric', 'timestamptz']],
    [{ kind: 'float' }, ['real', 'smallint'], ['integer', 'double precision']],
    [{ kind: 'double' }, ['double precision', 'real', 'smallint', 'integer'], ['bigint', 'numeric']],
    [{ kind: 'bytes' }, ['bytea'], ['text']],
    [ts, ['timestamptz'], ['bigint', 'date']],
    [{ kind: 'long', logical: 'timestamp-micros' }, ['timestamptz'], ['bigint']],
    [{ kind: 'date' }, ['date'], ['timestamptz', 'integer']],
    [enumTarget, ['text', 'varchar', 'status'], ['integer', 'uuid']],
    [{ kind: 'map-of-string' }, ['jsonb', 'json'], ['text', 'status']],
  ])('%j takes %j and refuses %j', (avro, takes, refuses) => {
    for (const t of takes) expect(conversionProblem(pg(t), avro), t).toBeUndefined();
    for (const t of refuses) expect(conversionProblem(pg(t), avro), t).toEqual(expect.any(String));
  });

  test('the reasons name what the field takes', () => {
    expect(conversionProblem(pg('integer'), { kind: 'boolean' })).toBe('it takes boolean');
    expect(conversionProblem(pg('integer'), uuid)).toBe('it takes uuid, text, character varying');
    expect(conversionProblem(pg('integer'), enumTarget)).toBe('it takes text, character varying or a PostgreSQL enum');
    expect(conversionProblem(pg('integer'), ts)).toBe('it takes timestamp with time zone');
    expect(conversionProblem(pg('status'), { kind: 'int' })).toBe('an enum column feeds an enum or a string field');
    expect(conversionProblem(pg('status'), uuid)).toBe('an enum column feeds an enum or a string field');
  });

  test('arrays: an array column feeds an array field whose items take its element type', () => {
    const texts: AvroTarget = { kind: 'array', items: string, itemsNullable: false };
    expect(conversionProblem(pg('text[]'), texts)).toBeUndefined();
    expect(conversionProblem(pg('status[]'), { kind: 'array', items: enumTarget, itemsNullable: true })).toBeUndefined();
    expect(conversionProblem(pg('boolean[]'), texts)).toBe('it takes text, character varying, uuid, numeric, bigint, integer, smallint, jsonb, json');
    expect(conversionProblem(pg('text'), texts)).toBe('an array field needs an array column');
    expect(conversionProblem(pg('text[]'), string)).toBe('an array column feeds only an array field');
  });
});

describe('LSN', () => {
  test('both spellings parse to the same number, and format gives the short upper-case one', () => {
    expect(parseLsn('16/B374D848')).toBe(0x16_b374d848n);
    expect(parseLsn('00000016/B374D848')).toBe(0x16_b374d848n);
    expect(parseLsn('0/0')).toBe(0n);
    expect(formatLsn(0x16_b374d848n)).toBe('16/B374D848');
    expect(formatLsn(0x1_00000000n)).toBe('1/0');
    expect(formatLsn(parseLsn('ffffffff/ffffffff'))).toBe('FFFFFFFF/FFFFFFFF');
    expect(parseLsn('1/0') > parseLsn('0/FFFFFFFF')).toBe(true);
  });

  test('a text without a slash is refused', () => {
    expect(() => parseLsn('16B374D848')).toThrow("not an LSN: '16B374D848'");
  });
});
