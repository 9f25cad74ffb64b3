/**
 * Avro's JSON encoding read into values the codec writes (`avroJsonReader`): the same bytes as avsc writes from the
 * same JSON (avsc with `wrapUnions`, the second implementation), defaults for absent fields, and every problem named
 * by its path.
 */
import avro from 'avsc';
import { describe, expect, test } from 'vitest';
import { avroJsonReader, type AvroSchema } from '../../runtime/codec/index.js';

const Person: AvroSchema = {
  type: 'record',
  name: 'Person',
  namespace: 'ex',
  fields: [
    { name: 'id', type: { type: 'string', logicalType: 'uuid' } },
    { name: 'age', type: ['null', 'int'], default: null },
    { name: 'score', type: ['null', 'int', 'long', 'string'], default: null },
    { name: 'tags', type: { type: 'array', items: 'string' }, default: [] },
    { name: 'attrs', type: { type: 'map', values: 'bytes' }, default: {} },
    { name: 'kind', type: { type: 'enum', name: 'Kind', symbols: ['A', 'B'] }, default: 'A' },
    { name: 'hash', type: { type: 'fixed', name: 'Hash', size: 2 } },
    { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } },
    { name: 'home', type: ['null', { type: 'record', name: 'Place', fields: [{ name: 'city', type: 'string' }] }], default: null },
    { name: 'next', type: ['null', 'Person'], default: null },
  ],
};

const cases: [string, unknown][] = [
  ['every field given', { id: 'a', age: { int: 3 }, score: { long: 5 }, tags: ['x'], attrs: { k: '\u00ff\u0000' }, kind: 'B', hash: 'ab', at: 1700000000000, home: { 'ex.Place': { city: 'Zürich' } }, next: null }],
  ['defaults for what is absent', { id: 'b', hash: '\u0001\u0002', at: 0 }],
  ['a wrapped union by its string branch, recursion', { id: 'c', score: { string: 'high' }, hash: 'zz', at: 1, next: { 'ex.Person': { id: 'd', hash: 'yy', at: 2 } } }],
];

describe('avroJsonReader', () => {
  const reader = avroJsonReader(Person);
  const avsc = avro.Type.forSchema(Person as avro.Schema, { wrapUnions: true });

  test.each(cases)('%s: the bytes avsc writes from the same JSON', (_name, json) => {
    const read = reader.read(JSON.parse(JSON.stringify(json)));
    if (!read.ok) throw new Error(JSON.stringify(read.issues));
    const text = JSON.stringify(json);
    expect(reader.codec.encode(read.value).toString('hex')).toBe(avsc.toBuffer(avsc.fromString(text)).toString('hex'));
  });

  test('every problem, each with its path', () => {
    const read = reader.read({ id: 1, age: 3, score: { double: 1 }, tags: 'x', attrs: { a: 'é€' }, kind: 'C', hash: 'abc', at: 1.5, home: { 'ex.Place': {} }, extra: true }, 'records[4].value');
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.issues).toEqual([
      { path: 'records[4].value.id', message: 'expected string, found number 1' },
      { path: 'records[4].value.age', message: 'expected a union value {"int": …} or null, found number 3' },
      { path: 'records[4].value.score', message: '"double" is not a branch of this union (expected a union value {"int": …} or {"long": …} or {"string": …} or null)' },
      { path: 'records[4].value.tags', message: 'expected array, found string "x"' },
      { path: 'records[4].value.attrs["a"]', message: 'expected bytes (a string of code points 0-255), found string "é€"' },
      { path: 'records[4].value.kind', message: 'expected one of the symbols of ex.Kind (A, B), found string "C"' },
      { path: 'records[4].value.hash', message: 'expected fixed ex.Hash (a string of 2 code points 0-255), found string "abc"' },
      { path: 'records[4].value.at', message: 'expected long (an integer), found number 1.5' },
      { path: 'records[4].value.home["ex.Place"].city', message: 'missing (the field has no default)' },
      { path: 'records[4].value.extra', message: 'not a field of ex.Person (fields: id, age, score, tags, attrs, kind, hash, at, home, next)' },
    ]);
  });

  test('a long beyond what a JSON number holds exactly is refused, not rounded', () => {
    const read = reader.read({ id: 'a', hash: 'ab', at: 2 ** 60 });
    expect(read).toEqual({ ok: false, issues: [{ path: 'value.at', message: `expected long within ±(2^53−1) (JSON numbers beyond lose digits), found number ${2 ** 60}` }] });
  });

  test('an absent field takes a union default of a later branch, as the codec writes it', () => {
    const r = avroJsonReader({ type: 'record', name: 'R', fields: [{ name: 'bio', type: ['null', 'string'], default: 'none' }] });
    const read = r.read({});
    expect(read).toEqual({ ok: true, value: { bio: 'none' } });
    if (read.ok) expect(r.codec.encode(read.value).toString('hex')).toBe(r.codec.encode({}).toString('hex'));
  });

  test('an invalid schema fails when the reader is made', () => {
    expect(() => avroJsonReader({ type: 'record', name: 'R', fields: [{ name: 'a', type: 'Nope' }] })).toThrow(expect.objectContaining({ code: 'INVALID_SCHEMA' }));
  });
});
