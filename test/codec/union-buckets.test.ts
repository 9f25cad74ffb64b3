/** The union wrapping decision the type emitter shares (pure over Avro JSON). */
import { describe, expect, it } from 'vitest';
import {
  normaliseOptions,
  unionBranchName,
  unionBucket,
  unionIsWrapped,
  type AvroSchema,
  type CodecOptions,
  type NameScope,
} from '../../runtime/codec/index.js';

const named: Record<string, AvroSchema> = {
  'ns.Rec': { type: 'record', name: 'Rec', fields: [] },
  'ns.Color': { type: 'enum', name: 'Color', symbols: ['R'] },
  'ns.Id': { type: 'fixed', name: 'Id', size: 16, logicalType: 'uuid' },
  'ns.Hash': { type: 'fixed', name: 'Hash', size: 16 },
  Top: { type: 'fixed', name: 'Top', size: 12, logicalType: 'duration' },
};
const scope: NameScope = { namespace: 'ns', lookup: (n) => named[n] };

describe('unionBucket', () => {
  it.each([
    ['null', {}, 'null'],
    ['boolean', {}, 'boolean'],
    ['int', {}, 'number'],
    ['long', {}, 'number'],
    ['long', { long: 'bigint' }, 'bigint'],
    ['float', {}, 'number'],
    ['double', {}, 'number'],
    ['string', {}, 'string'],
    ['bytes', {}, 'bytes'],
    ['Rec', {}, 'object'],
    ['Color', {}, 'string'],
    ['ns.Hash', {}, 'bytes'],
    ['Id', {}, 'string'],
    ['Id', { logicalTypes: false }, 'bytes'],
    ['Top', {}, 'object'],
    [{ type: 'array', items: 'int' }, {}, 'array'],
    [{ type: 'map', values: 'int' }, {}, 'object'],
    [{ type: 'long', logicalType: 'timestamp-millis' }, {}, 'date'],
    [{ type: 'long', logicalType: 'timestamp-millis' }, { logicalTypes: { 'timestamp-millis': 'number' } }, 'number'],
    [{ type: 'long', logicalType: 'timestamp-nanos' }, {}, 'bigint'],
    [{ type: 'long', logicalType: 'timestamp-micros' }, { long: 'bigint' }, 'number'],
    [{ type: 'int', logicalType: 'date' }, {}, 'date'],
    [{ type: 'string', logicalType: 'uuid' }, {}, 'string'],
    [{ type: 'bytes', logicalType: 'decimal', precision: 4 }, {}, 'string'],
    [{ type: 'bytes', logicalType: 'decimal', precision: 4 }, { logicalTypes: { decimal: 'bigint' } }, 'bigint'],
    [{ type: 'bytes', logicalType: 'decimal' }, {}, 'bytes'],
    [{ type: 'record', name: 'Inline', fields: [] }, {}, 'object'],
  ] as [AvroSchema, CodecOptions, string][])('%j %j → %s', (branch, options, bucket) => {
    expect(unionBucket(branch, scope, normaliseOptions(options))).toBe(bucket);
  });
});

describe('unionIsWrapped and branch names', () => {
  const ctx = normaliseOptions();
  it.each([
    [['null', 'string'], false],
    [['string', 'null'], false],
    [['null', 'int', 'string', 'boolean', 'bytes', 'Rec', { type: 'array', items: 'int' }], false],
    [['int', 'long'], true],
    [['int', 'double'], true],
    [['string', 'Color'], true],
    [['Rec', { type: 'map', values: 'int' }], true],
    [['bytes', 'Hash'], true],
    [[{ type: 'long', logicalType: 'timestamp-millis' }, 'long'], false],
    [[{ type: 'long', logicalType: 'timestamp-millis' }, { type: 'int', logicalType: 'date' }], true],
    [['null'], false],
  ] as [AvroSchema[], boolean][])('%j → wrapped %s', (branches, wrapped) => {
    expect(unionIsWrapped(branches, scope, ctx)).toBe(wrapped);
  });

  it('long mode moves long out of the number bucket', () => {
    expect(unionIsWrapped(['int', 'long'], scope, normaliseOptions({ long: 'bigint' }))).toBe(false);
  });

  it.each([
    ['int', 'int'],
    [{ type: 'long', logicalType: 'timestamp-millis' }, 'long'],
    [{ type: 'array', items: 'int' }, 'array'],
    [{ type: 'map', values: 'int' }, 'map'],
    ['Rec', 'ns.Rec'],
    ['ns.Color', 'ns.Color'],
    ['Top', 'Top'],
    [{ type: 'record', name: 'Inline', fields: [] }, 'ns.Inline'],
    [{ type: 'record', name: 'Inline', namespace: 'q', fields: [] }, 'q.Inline'],
    [{ type: 'record', name: 'z.Inline', namespace: 'q', fields: [] }, 'z.Inline'],
  ] as [AvroSchema, string][])('branch name of %j is %s', (branch, name) => {
    expect(unionBranchName(branch, scope)).toBe(name);
  });
});

describe('branches written other ways', () => {
  const ctx = normaliseOptions();
  it.each([
    ['a named type referenced as { type: name }', { type: 'Color' }, 'string', 'ns.Color'],
    ['a schema object whose type is a schema object', { type: { type: 'fixed', name: 'F', size: 2 } }, 'bytes', 'ns.F'],
    ['an error type', { type: 'error', name: 'Failure', fields: [] }, 'object', 'ns.Failure'],
    ['a named type with a namespace that is not a string: the enclosing one', { type: 'enum', name: 'E', namespace: 7, symbols: ['A'] }, 'string', 'ns.E'],
  ] as [string, AvroSchema, string, string][])('%s', (_, branch, bucket, name) => {
    expect(unionBucket(branch, scope, ctx)).toBe(bucket);
    expect(unionBranchName(branch, scope)).toBe(name);
  });

  it('outside any namespace, an inline named branch is known by its name alone', () => {
    expect(unionBranchName({ type: 'record', name: 'Inline', fields: [] }, { lookup: (n) => named[n] })).toBe('Inline');
  });

  it.each([
    ['a union directly in a union', ['int', 'null'], 'a union may not contain a union directly'],
    ['a number', 5, 'a union may not contain a union directly'],
    ['null', null, 'a union may not contain a union directly'],
    ['an object without a type', {}, 'a schema object needs a "type"'],
    ['an unknown name', 'Nope', 'unknown type name "Nope"'],
    ['an unknown name as { type: name }', { type: 'Nope' }, 'unknown type name "Nope"'],
  ] as [string, unknown, string][])('%s: INVALID_SCHEMA', (_, branch, message) => {
    expect(() => unionBucket(branch as AvroSchema, scope, ctx)).toThrow(expect.objectContaining({ code: 'INVALID_SCHEMA', message }));
  });
});
