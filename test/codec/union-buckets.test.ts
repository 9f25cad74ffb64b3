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
