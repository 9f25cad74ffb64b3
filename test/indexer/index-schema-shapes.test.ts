/**
 * indexSchemaOf for each row of the table in runtime/indexer/index-schema.ts that the users schema
 * (index-schema.test.ts) does not reach: its mapping, and the document of a value.
 */
import { describe, expect, test } from 'vitest';
import type { AvroSchema } from '../../runtime/index.js';
import { indexSchemaOf } from '../../runtime/indexer/index.js';

const record = (fields: unknown[]): AvroSchema => ({ type: 'record', name: 'R', fields } as AvroSchema);
const one = (type: unknown) => indexSchemaOf(record([{ name: 'f', type }]));
/** The mapping of a single field of `type`, and the document of its value `v`. */
const field = (type: unknown, ...value: unknown[]) => {
  const s = one(type);
  return { mapping: s.mapping.properties['f'], doc: value.length ? s.toDocument({ f: value[0] })['f'] : undefined };
};

describe('indexSchemaOf: numbers and times', () => {
  test('int, long, float and double', () => {
    expect(field('int', 3)).toEqual({ mapping: { type: 'integer' }, doc: 3 });
    expect(field('long', 2n ** 60n)).toEqual({ mapping: { type: 'long' }, doc: '1152921504606846976' });
    expect(field('float', Number.NaN)).toEqual({ mapping: { type: 'float' }, doc: null });
    expect(field('double', 1.5)).toEqual({ mapping: { type: 'double' }, doc: 1.5 });
  });

  test('dates and timestamps: date fields, ISO-8601 with the sub-millisecond digits', () => {
    const date = (logicalType: string, kind = 'long') => ({ type: kind, logicalType });
    expect(field(date('date', 'int'), 19_782)).toEqual({ mapping: { type: 'date' }, doc: '2024-02-29T00:00:00.000Z' });
    expect(field(date('timestamp-millis'), 1_000)).toEqual({ mapping: { type: 'date' }, doc: '1970-01-01T00:00:01.000Z' });
    expect(field(date('local-timestamp-millis'), new Date(1_000))).toEqual({ mapping: { type: 'date' }, doc: '1970-01-01T00:00:01.000Z' });
    expect(field(date('local-timestamp-millis'), 1_001)).toEqual({ mapping: { type: 'date' }, doc: '1970-01-01T00:00:01.001Z' });
    expect(field(date('timestamp-micros'), 1_000_000)).toEqual({ mapping: { type: 'date' }, doc: '1970-01-01T00:00:01.000000Z' });
    expect(field(date('local-timestamp-micros'), 1_000_001n)).toEqual({ mapping: { type: 'date' }, doc: '1970-01-01T00:00:01.000001Z' });
    expect(field(date('timestamp-nanos'), 1_000_000_002n)).toEqual({ mapping: { type: 'date' }, doc: '1970-01-01T00:00:01.000000002Z' });
    expect(field(date('local-timestamp-nanos'), -1n)).toEqual({ mapping: { type: 'date' }, doc: '1969-12-31T23:59:59.999999999Z' });
  });
});

describe('indexSchemaOf: bytes and strings', () => {
  test('fixed as binary; a fixed or bytes decimal, and a uuid, as keywords; a duration as an object of longs', () => {
    expect(field({ type: 'fixed', name: 'F', size: 2 }, Buffer.from([1, 2]))).toEqual({ mapping: { type: 'binary' }, doc: 'AQI=' });
    expect(field({ type: 'fixed', name: 'D', size: 8, logicalType: 'decimal', precision: 18, scale: 2 }, '1.25')).toEqual({ mapping: { type: 'keyword' }, doc: '1.25' });
    expect(field({ type: 'bytes', logicalType: 'decimal', precision: 4, scale: 0 }, 1234n)).toEqual({ mapping: { type: 'keyword' }, doc: '1234' });
    expect(field({ type: 'string', logicalType: 'uuid' }, 'b3c1…')).toEqual({ mapping: { type: 'keyword' }, doc: 'b3c1…' });
    const uuid = '0e8c2f5e-4b8a-4c53-9d7e-2a1b3c4d5e6f';
    expect(field({ type: 'fixed', name: 'U', size: 16, logicalType: 'uuid' }, uuid)).toEqual({ mapping: { type: 'keyword' }, doc: uuid });
    const duration = { months: 1, days: 2, milliseconds: 3 };
    expect(field({ type: 'fixed', name: 'Dur', size: 12, logicalType: 'duration' }, duration)).toEqual({
      mapping: { properties: { months: { type: 'long' }, days: { type: 'long' }, milliseconds: { type: 'long' } } },
      doc: duration,
    });
  });

  test('full text for a string, a nullable string or an array of strings; refused for anything else', () => {
    const text = (type: unknown) => indexSchemaOf(record([{ name: 'f', type }]), { text: { f: 'english' } }).mapping.properties['f'];
    const asText = { type: 'text', analyzer: 'english', fields: { keyword: { type: 'keyword', ignore_above: 256 } } };
    expect(text('string')).toEqual(asText);
    expect(text(['null', 'string'])).toEqual(asText);
    expect(text({ type: 'array', items: 'string' })).toEqual(asText);
    for (const type of [{ type: 'string', logicalType: 'uuid' }, ['null', 'string', 'long'], { type: 'array', items: 'long' }]) {
      expect(() => text(type)).toThrow("index options for R: 'f' is listed in text but is not a string field");
    }
  });
});

describe('indexSchemaOf: other shapes', () => {
  test('null, and a union of several types, are kept as JSON without being searchable', () => {
    expect(field('null', null)).toEqual({ mapping: { type: 'object', enabled: false }, doc: null });
    const any = ['null', 'string', 'long', 'double', 'bytes', { type: 'array', items: { type: 'long', logicalType: 'timestamp-millis' } }, { type: 'map', values: 'long' }];
    expect(field(any).mapping).toEqual({ type: 'object', enabled: false });
    const asJson = (v: unknown) => one(any).toDocument({ f: v })['f'];
    expect([asJson(null), asJson('s'), asJson(5n), asJson(Number.POSITIVE_INFINITY), asJson(2.5), asJson(Buffer.from('hi'))]).toEqual([null, 's', '5', null, 2.5, 'aGk=']);
    expect(asJson([new Date(0), 7n])).toEqual(['1970-01-01T00:00:00.000Z', '7']);
    expect(asJson({ a: 1n, b: { c: Number.NaN } })).toEqual({ a: '1', b: { c: null } });
  });

  test('a nullable record is null or its document, a missing value null too', () => {
    const s = one(['null', { type: 'record', name: 'In', fields: [{ name: 'x', type: 'int' }] }]);
    expect(s.mapping.properties['f']).toEqual({ properties: { x: { type: 'integer' } } });
    expect(s.toDocument({ f: null })).toStrictEqual({ f: null });
    expect(s.toDocument({})).toStrictEqual({ f: null });
    expect(s.toDocument({ f: { x: 1 } })).toStrictEqual({ f: { x: 1 } });
  });

  test('an array of records is nested; an array of a not-searchable union stays an object', () => {
    expect(field({ type: 'array', items: { type: 'record', name: 'E', fields: [{ name: 'x', type: 'int' }] } }).mapping).toEqual({ type: 'nested', properties: { x: { type: 'integer' } } });
    expect(field({ type: 'array', items: ['null', 'int', 'string'] }).mapping).toEqual({ type: 'object', enabled: false });
  });

  test('a schema that is not a record is refused', () => {
    expect(() => indexSchemaOf('string')).toThrow(expect.objectContaining({ code: 'INVALID_CONFIG', message: 'an index needs a record schema, not string' }));
  });
});
