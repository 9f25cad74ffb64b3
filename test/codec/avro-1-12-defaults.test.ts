/** Issue 12 in the codec: Avro 1.12 union defaults, exact long defaults, and standalone schemas Java reads as meant. */
import { describe, expect, test } from 'vitest';
import { createCodec, schemaText } from '../../runtime/codec/index.js';
import type { AvroSchema } from '../../runtime/codec/index.js';

describe('7. a union default is written with the first branch it is a value of', () => {
  test.each<[string, AvroSchema, unknown, string]>([
    ['["null","string"] default "x"', ['null', 'string'], 'x', '020278'],
    ['["string","null"] default null', ['string', 'null'], null, '02'],
    ['["int","string"] default "s"', ['int', 'string'], 's', '020273'],
    ['["null","int"] default null', ['null', 'int'], null, '00'],
  ])('%s', (_name, type, def, hex) => {
    const c = createCodec<Record<string, unknown>>({ type: 'record', name: 'R', fields: [{ name: 'a', type, default: def }] });
    expect(c.encode({}).toString('hex')).toBe(hex);
    expect(c.decode(c.encode({})).a).toEqual(def);
  });

  test('a reader field missing from the writer takes a default of a later branch', () => {
    const reader = createCodec<Record<string, unknown>>({ type: 'record', name: 'R', fields: [{ name: 'bio', type: ['null', 'string'], default: 'none' }] });
    const writer: AvroSchema = { type: 'record', name: 'R', fields: [] };
    expect(reader.resolver(writer).decode(Buffer.alloc(0))).toEqual({ bio: 'none' });
  });
});

describe('1. an exact long default (a bigint in the schema)', () => {
  const schema: AvroSchema = { type: 'record', name: 'R', fields: [{ name: 'max', type: 'long', default: 9223372036854775807n }] };
  test('is written exactly, and read exactly with long: bigint', () => {
    const c = createCodec<{ max: bigint }, Partial<{ max: bigint }>>(schema, { long: 'bigint' });
    expect(c.encode({}).toString('hex')).toBe('feffffffffffffffff01');
    expect(c.decode(c.encode({})).max).toBe(9223372036854775807n);
  });
  test('schemaText writes its digits (JSON.stringify cannot)', () => {
    expect(schemaText(schema)).toBe('{"type":"record","name":"R","fields":[{"name":"max","type":"long","default":9223372036854775807}]}');
    expect(() => JSON.stringify(schema)).toThrow(TypeError);
  });
});

test('3. a null-namespace type inlined into a namespaced record says "namespace": ""', () => {
  const named: Record<string, AvroSchema> = { Z: { type: 'fixed', name: 'Z', size: 1 } };
  const c = createCodec({ type: 'record', name: 'x.R', fields: [{ name: 'z', type: 'Z' }] }, {}, (n) => named[n]);
  expect(c.standaloneSchema()).toEqual({ type: 'record', name: 'x.R', fields: [{ name: 'z', type: { type: 'fixed', name: 'Z', namespace: '', size: 1 } }] });
});
