/**
 * standaloneSchema(): every named type a schema uses, defined inline where it is first used (what a registry is
 * given), short references resolved by Avro's naming rules, everything else kept as written.
 */
import { describe, expect, it } from 'vitest';
import { createCodec, schemaText, type AvroSchema } from '../../runtime/codec/index.js';

const named: Record<string, AvroSchema> = {
  'x.Inner': { type: 'record', name: 'Inner', namespace: 'x', fields: [{ name: 'n', type: 'int' }] },
  'x.Color': { type: 'enum', name: 'Color', namespace: 'x', symbols: ['R', 'G'] },
  'x.Hash': { type: 'fixed', name: 'Hash', namespace: 'x', size: 2 },
  Z: { type: 'record', name: 'Z', doc: 'in the null namespace', fields: [{ name: 'z', type: 'string' }] },
  'y.Q': { type: 'record', name: 'y.Q', fields: [] },
  W: { type: 'record', name: 'W', namespace: '', fields: [] },
};
const lookup = (n: string): AvroSchema | undefined => named[n];

const outer: AvroSchema = {
  type: 'record',
  name: 'Outer',
  namespace: 'x',
  doc: 'kept',
  fields: [
    { name: 'a', type: 'Inner', doc: 'field doc kept' },
    { name: 'b', type: { type: 'array', items: 'Inner', custom: 1 } },
    { name: 'c', type: { type: 'map', values: 'Color' } },
    { name: 'd', type: ['null', 'Hash'] },
    { name: 'e', type: { type: 'Z' } },
    { name: 'f', type: { type: { type: 'array', items: 'int' } } },
    { name: 'g', type: 'Z' },
    { name: 'h', type: { type: 'error', name: 'Failure', fields: [{ name: 'why', type: 'Color' }] } },
    { name: 'i', type: 'y.Q' },
    { name: 'j', type: 'W' },
    { name: 'k', type: { type: 'string', logicalType: 'uuid' } },
  ],
};

describe('standaloneSchema', () => {
  const c = createCodec(outer, {}, lookup);
  it('defines each named type where it is first used, by its full name after that', () => {
    expect(schemaText(c.standaloneSchema())).toBe(
      schemaText({
        type: 'record',
        name: 'Outer',
        namespace: 'x',
        doc: 'kept',
        fields: [
          { name: 'a', type: named['x.Inner']!, doc: 'field doc kept' },
          { name: 'b', type: { type: 'array', items: 'x.Inner', custom: 1 } },
          { name: 'c', type: { type: 'map', values: named['x.Color']! } },
          { name: 'd', type: ['null', named['x.Hash']!] },
          // Z is in the null namespace: inside namespace x it says so, right after its name
          { name: 'e', type: { type: 'record', name: 'Z', namespace: '', doc: 'in the null namespace', fields: [{ name: 'z', type: 'string' }] } },
          { name: 'f', type: { type: { type: 'array', items: 'int' } } },
          { name: 'g', type: 'Z' },
          { name: 'h', type: { type: 'error', name: 'Failure', fields: [{ name: 'why', type: 'x.Color' }] } },
          { name: 'i', type: named['y.Q']! },
          { name: 'j', type: named.W! },
          { name: 'k', type: { type: 'string', logicalType: 'uuid' } },
        ],
      } as AvroSchema),
    );
  });
  it('the standalone schema needs no lookup, and writes the same bytes', () => {
    const value = {
      a: { n: 1 },
      b: [{ n: 2 }],
      c: { k: 'G' },
      d: Buffer.from([1, 2]),
      e: { z: 'e' },
      f: [3],
      g: { z: 'g' },
      h: { why: 'R' },
      i: {},
      j: {},
      k: '123e4567-e89b-12d3-a456-426614174000',
    };
    expect(createCodec(c.standaloneSchema()).encode(value)).toEqual(c.encode(value));
  });
  it('a reference inside a type written as a schema object is expanded too', () => {
    const s = createCodec({ type: 'record', name: 'T', namespace: 'x', fields: [{ name: 'a', type: 'Hash' }, { name: 'b', type: { type: { type: 'map', values: 'Hash' } } }] }, {}, lookup);
    expect(schemaText(s.standaloneSchema())).toBe(
      schemaText({ type: 'record', name: 'T', namespace: 'x', fields: [{ name: 'a', type: named['x.Hash']! }, { name: 'b', type: { type: { type: 'map', values: 'x.Hash' } } }] }),
    );
  });
  it('outside any namespace, a type of the null namespace is inlined as it is', () => {
    const s = createCodec({ type: 'record', name: 'Top', fields: [{ name: 'z', type: 'Z' }] }, {}, lookup).standaloneSchema();
    expect(schemaText(s)).toBe(schemaText({ type: 'record', name: 'Top', fields: [{ name: 'z', type: named.Z! }] }));
  });
  it('a definition whose namespace only its lookup name gives keeps that namespace', () => {
    const byKey = (n: string): AvroSchema | undefined => (n === 'x.P' ? { type: 'record', name: 'P', fields: [] } : undefined);
    const c = createCodec({ type: 'record', name: 'T', namespace: 'x', fields: [{ name: 'p', type: 'P' }, { name: 'q', type: 'x.P' }] }, {}, byKey);
    expect(schemaText(c.standaloneSchema())).toBe('{"type":"record","name":"T","namespace":"x","fields":[{"name":"p","type":{"type":"record","name":"P","fields":[]}},{"name":"q","type":"x.P"}]}');
    expect(createCodec(c.standaloneSchema()).encode({ p: {}, q: {} })).toEqual(Buffer.alloc(0));
  });
  it('the schema given back is the caller\'s to change', () => {
    const s = createCodec(outer, {}, lookup).standaloneSchema() as unknown as { doc?: string; fields: { type: { doc?: string } }[] };
    s.doc = 'changed';
    delete s.doc;
    s.fields[4]!.type.doc = 'changed';
    delete s.fields[4]!.type.doc;
    expect(s.doc).toBeUndefined();
    expect(s.fields[4]!.type.doc).toBeUndefined();
  });
  it('a name nothing defines: INVALID_SCHEMA', () => {
    expect(() => createCodec({ type: 'array', items: 'Nope' }, {}, lookup).standaloneSchema()).toThrow(
      expect.objectContaining({ code: 'INVALID_SCHEMA', message: '#: unknown type name "Nope"' }),
    );
  });
  it('a schema with nothing to define comes back as written', () => {
    const s: AvroSchema = { type: 'map', values: ['null', 'int'] };
    expect(createCodec(s, {}, lookup).standaloneSchema()).toEqual(s);
  });
});
