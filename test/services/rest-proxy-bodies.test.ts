/**
 * The edges of rest-proxy's v2 and v3 request bodies: null where a field may be absent, zero where a number may be
 * zero, every shape a value can wrongly take, and exactly what is passed on (toStrictEqual: no field set to undefined
 * where the request gave none).
 */
import { describe, expect, test } from 'vitest';
import { ProxyError } from '../../services/rest-proxy/src/errors.js';
import { parseV2Request } from '../../services/rest-proxy/src/v2/produce-request.js';
import { parseV3Request } from '../../services/rest-proxy/src/v3/produce-request.js';

/** The 42206 (or other) message a parse throws, or undefined. */
const problems = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (e) {
    if (e instanceof ProxyError) return `${e.code} ${e.message}`;
    throw e;
  }
  return undefined;
};

describe('v2', () => {
  test.each([null, 'records', 5, []])('a body %j is not an object', (body) => {
    expect(problems(() => parseV2Request(body, 10, undefined))).toBe('42206 the body must be a JSON object with "records"');
  });

  test.each([
    ['records not an array', { records: { value: 1 } }, '42206 records: must be a non-empty array'],
    ['no records', { records: [] }, '42206 records: must be a non-empty array'],
    ['a record null', { records: [null] }, '42206 records[0]: must be an object with "value" (and "key")'],
    ['a negative partition', { records: [{ value: 1, partition: -1 }] }, '42206 records[0].partition: must be an integer ≥ 0, found -1'],
    ['a schema id that is a string', { key_schema_id: '7', records: [{ value: 1 }] }, '42206 key_schema_id: must be a schema id (an integer ≥ 0), found "7"'],
    ['more records than allowed', { records: [{ value: 1 }, { value: 2 }, { value: 3 }] }, '413 records: 3 records, more than the 2 one request may hold (app.maxRecords)'],
  ])('%s', (_name, body, message) => {
    expect(problems(() => parseV2Request(body, 2, undefined))).toBe(message);
  });

  test('as many records as allowed, partition 0, schema id 0, null for what is absent', () => {
    expect(parseV2Request({ key_schema: null, key_schema_id: 0, value_schema_id: null, value_schema: '"int"', records: [{ value: 1, partition: 0 }, { key: null, value: 2, partition: null }] }, 2, undefined)).toStrictEqual({
      key: { kind: 'id', id: 0 },
      value: { kind: 'embedded', text: '"int"' },
      records: [
        { key: undefined, value: 1, at: 'records[0]', partition: 0 },
        { key: undefined, value: 2, at: 'records[1]' },
      ],
    });
  });

  test('no schema named: the catalog’s', () => {
    expect(parseV2Request({ records: [{ value: 1 }] }, 1, undefined)).toStrictEqual({ key: { kind: 'catalog' }, value: { kind: 'catalog' }, records: [{ key: undefined, value: 1, at: 'records[0]' }] });
  });
});

describe('v3', () => {
  test.each([null, 'value', 5, []])('a body %j is not an object', (body) => {
    expect(problems(() => parseV3Request(body, 0))).toBe('42206 the body must be a JSON object with "value" (and "key")');
  });

  test.each([
    ['an unknown field', { value: { data: 1 }, partitions: 1 }, '42206 partitions: unknown (expected partition_id, headers, key, value, timestamp)'],
    ['a partition that is not an integer', { value: { data: 1 }, partition_id: 1.5 }, '42206 partition_id: must be an integer ≥ 0, found 1.5'],
    ['a negative partition', { value: { data: 1 }, partition_id: -1 }, '42206 partition_id: must be an integer ≥ 0, found -1'],
    ['a timestamp that is not a string', { value: { data: 1 }, timestamp: ['2026-01-01T00:00:00Z'] }, '42206 timestamp: must be an ISO 8601 date-time, found ["2026-01-01T00:00:00Z"]'],
    ['a key that is not an object', { key: 'k', value: { data: 1 } }, '42206 key: must be an object with "data"'],
    ['a value that is an array', { value: [1] }, '42206 value: must be an object with "data"'],
    ['an unknown field in the value', { value: { data: 1, format: 'x' } }, '42206 value.format: unknown (expected type, data, schema_id, subject, schema_version, schema, subject_name_strategy)'],
    ['a format other than Avro', { value: { type: 'BINARY', data: 'AA==' } }, '415 value.type: "BINARY" is not supported: catalog topics are Avro (give "AVRO", or no type)'],
    ['a subject name strategy', { value: { subject_name_strategy: 'TOPIC_NAME', data: 1 } }, "42206 value.subject_name_strategy: not supported (the proxy uses the registry's configured strategy; give subject instead)"],
    ['a schema id and a subject', { value: { schema_id: 1, subject: 's', data: 1 } }, '42206 value: give one of schema_id, schema, subject (+ schema_version), found schema_id, subject'],
    ['a schema id that is negative', { value: { schema_id: -1, data: 1 } }, '42206 value.schema_id: must be an integer ≥ 0'],
    ['a schema id that is not an integer', { value: { schema_id: 'x', data: 1 } }, '42206 value.schema_id: must be an integer ≥ 0'],
    ['a schema that is not a string', { value: { schema: { type: 'int' }, data: 1 } }, '42206 value.schema: must be the schema as a string of JSON'],
    ['a subject that is not a string', { value: { subject: 5, data: 1 } }, '42206 value.subject: must be a string'],
    ['a schema version 0', { value: { subject: 's', schema_version: 0, data: 1 } }, '42206 value.schema_version: must be an integer ≥ 1'],
    ['a schema version that is not an integer', { value: { subject: 's', schema_version: 1.5, data: 1 } }, '42206 value.schema_version: must be an integer ≥ 1'],
    ['a schema version without subject', { value: { schema_version: 2, data: 1 } }, '42206 value.schema_version: needs subject'],
    ['headers not a list', { value: { data: 1 }, headers: { a: 'b' } }, '42206 headers: must be an array of {name, value}'],
    ['a header null', { value: { data: 1 }, headers: [null] }, '42206 headers[0].name: must be a non-empty string'],
    ['a header without a name', { value: { data: 1 }, headers: [{ name: '', value: 'AA==' }] }, '42206 headers[0].name: must be a non-empty string'],
    ['a header name that is not a string', { value: { data: 1 }, headers: [{ name: 5 }] }, '42206 headers[0].name: must be a non-empty string'],
    ['a header given twice', { value: { data: 1 }, headers: [{ name: 'h' }, { name: 'h' }] }, '42206 headers[1].name: "h" given twice'],
    ['a header value that is not a string', { value: { data: 1 }, headers: [{ name: 'h', value: 5 }] }, '42206 headers[0].value: must be base64'],
  ])('%s', (_name, body, message) => {
    expect(problems(() => parseV3Request(body, 0))).toBe(message);
  });

  test('null for what is absent, zero where zero is allowed, base64 with and without padding', () => {
    expect(
      parseV3Request(
        {
          partition_id: 0,
          timestamp: null,
          key: { schema_id: 0, schema: null, subject: null, data: 'k' },
          value: { subject: 's', schema_version: 1, data: 1 },
          headers: [{ name: 'none' }, { name: 'null', value: null }, { name: 'unpadded', value: 'aGVsbG8gd29ybGQ' }, { name: 'padded', value: 'aA==' }],
        },
        42,
      ),
    ).toStrictEqual({
      key: { kind: 'id', id: 0 },
      value: { kind: 'version', subject: 's', version: 1 },
      record: {
        key: 'k',
        value: 1,
        at: '',
        timestamp: 42,
        partition: 0,
        headers: { none: Buffer.alloc(0), null: Buffer.alloc(0), unpadded: Buffer.from('hello world'), padded: Buffer.from('h') },
      },
    });
  });

  test('nothing but a value: the catalog’s schemas, no key, no partition, no headers', () => {
    expect(parseV3Request({ key: null, value: { data: 1 }, partition_id: null, headers: null }, 7)).toStrictEqual({
      key: { kind: 'catalog' },
      value: { kind: 'catalog' },
      record: { key: undefined, value: 1, at: '', timestamp: 7 },
    });
  });

  test('no value at all is a tombstone; an embedded schema; a subject with a null version is its latest', () => {
    expect(parseV3Request({ key: { schema: '"string"', data: 'k' } }, 7)).toStrictEqual({
      key: { kind: 'embedded', text: '"string"' },
      value: { kind: 'catalog' },
      record: { key: 'k', value: null, at: '', timestamp: 7 },
    });
    expect(parseV3Request({ value: { subject: 's', schema_version: null, schema: null, data: 1 } }, 7).value).toStrictEqual({ kind: 'version', subject: 's', version: 'latest' });
    expect(parseV3Request({ value: { schema_version: null, data: 1 } }, 7).value).toStrictEqual({ kind: 'catalog' });
    expect(parseV3Request({ value: { schema_id: null, schema: '"int"', data: 1 } }, 7).value).toStrictEqual({ kind: 'embedded', text: '"int"' });
    expect(problems(() => parseV3Request({ value: { subject: null, schema_version: 2, data: 1 } }, 7))).toBe('42206 value.schema_version: needs subject');
  });
});
