import { describe, expect, test } from 'vitest';
import { usersWithConnections } from '../../generated/topics.js';
import { diffMapping, documentIdOf, indexSchemaOf } from '../../runtime/indexer/index.js';
import type { AvroSchema } from '../../runtime/index.js';

const TEXT = { 'user.username': 'english', 'user.displayName': 'english', 'user.bio': 'english' };

describe('indexSchemaOf: the mapping of users-with-connections', () => {
  const { mapping, toDocument } = indexSchemaOf(usersWithConnections.value.standaloneSchema(), { text: TEXT, exclude: ['user.avatar'] });
  const user = mapping.properties['user'] as { properties: Record<string, Record<string, unknown>> };

  test('is strict, with text, keyword, number, date, nested and flat fields', () => {
    expect(mapping.dynamic).toBe('strict');
    expect(user.properties['bio']).toEqual({ type: 'text', analyzer: 'english', fields: { keyword: { type: 'keyword', ignore_above: 256 } } });
    expect(user.properties['id']).toEqual({ type: 'keyword' });
    expect(user.properties['email']).toEqual({ type: 'keyword' });
    expect(user.properties['status']).toEqual({ type: 'keyword' });
    expect(user.properties['followerCount']).toEqual({ type: 'long' });
    expect(user.properties['verified']).toEqual({ type: 'boolean' });
    expect(user.properties['createdAt']).toEqual({ type: 'date' });
    expect(user.properties['location']).toEqual({ properties: { lat: { type: 'double' }, lon: { type: 'double' }, placeName: { type: 'keyword' } } });
    expect(user.properties['interests']).toEqual({ type: 'keyword' });
    expect(user.properties['settings']).toEqual({ type: 'flat_object' });
    expect(user.properties['avatar']).toBeUndefined();
    expect(mapping.properties['followers']).toEqual({ type: 'nested', properties: { id: { type: 'keyword' }, kind: { type: 'keyword' } } });
    expect(mapping.properties['updatedAt']).toEqual({ type: 'date' });
  });

  test('turns a decoded value into a document that fits it', () => {
    const at = new Date(Date.UTC(2025, 0, 2, 3, 4, 5, 6));
    const doc = toDocument({
      user: {
        id: 'u1', username: 'ada', displayName: 'Ada', email: null, bio: 'programmers', location: { lat: 1.5, lon: Number.NaN, placeName: null },
        status: 'ACTIVE', verified: true, followerCount: 3, interests: ['math'], settings: { theme: 'dark' }, avatar: Buffer.from('x'),
        createdAt: at, updatedAt: at,
      },
      following: [{ id: 'u2', kind: 'USER' }],
      followers: [],
      followerCount: 3,
      updatedAt: at,
    });
    expect(doc).toEqual({
      user: {
        id: 'u1', username: 'ada', displayName: 'Ada', email: null, bio: 'programmers', location: { lat: 1.5, lon: null, placeName: null },
        status: 'ACTIVE', verified: true, followerCount: 3, interests: ['math'], settings: { theme: 'dark' },
        createdAt: '2025-01-02T03:04:05.006Z', updatedAt: '2025-01-02T03:04:05.006Z',
      },
      following: [{ id: 'u2', kind: 'USER' }],
      followers: [],
      followerCount: 3,
      updatedAt: '2025-01-02T03:04:05.006Z',
    });
  });
});

describe('indexSchemaOf: other Avro shapes', () => {
  const schema = {
    type: 'record', name: 'T', fields: [
      { name: 'micros', type: { type: 'long', logicalType: 'timestamp-micros' } },
      { name: 'day', type: { type: 'int', logicalType: 'date' } },
      { name: 'blob', type: 'bytes' },
      { name: 'amount', type: { type: 'bytes', logicalType: 'decimal', precision: 10, scale: 2 } },
      { name: 'either', type: ['null', 'string', 'long'] },
      { name: 'self', type: ['null', 'T'], default: null },
    ],
  } as AvroSchema;

  test('maps each to the table in index-schema.ts and keeps sub-millisecond digits', () => {
    const { mapping, toDocument } = indexSchemaOf(schema);
    expect(mapping.properties).toEqual({
      micros: { type: 'date' }, day: { type: 'date' }, blob: { type: 'binary' }, amount: { type: 'keyword' },
      either: { type: 'object', enabled: false }, self: { type: 'object', enabled: false },
    });
    const doc = toDocument({ micros: -1, day: new Date(Date.UTC(2024, 1, 29)), blob: Buffer.from([1, 2]), amount: '12.30', either: 5, self: null });
    expect(doc).toEqual({ micros: '1969-12-31T23:59:59.999999Z', day: '2024-02-29T00:00:00.000Z', blob: 'AQI=', amount: '12.30', either: 5, self: null });
  });

  test('reports every option that names no field, or no string field', () => {
    expect(() => indexSchemaOf(schema, { text: { blob: 'english', nope: 'english' }, exclude: ['gone'] })).toThrow(
      "index options for T: 'blob' is listed in text but is not a string field; text field 'nope' is not a field of the schema; excluded field 'gone' is not a field of the schema",
    );
  });
});

describe('diffMapping', () => {
  const { mapping } = indexSchemaOf(usersWithConnections.value.standaloneSchema(), { text: TEXT });

  test('an index with the same mapping, as OpenSearch reports it (objects without type), has nothing to add or fix', () => {
    const reported = JSON.parse(JSON.stringify(mapping)) as Record<string, unknown>;
    expect(diffMapping(reported, mapping)).toEqual({ added: [], conflicts: [] });
  });

  test('names fields the schema added, and every field of another type or analyzer', () => {
    const user = mapping.properties['user'] as { properties: Record<string, unknown> };
    const older = {
      dynamic: 'strict',
      properties: {
        ...mapping.properties,
        user: { properties: { ...user.properties, bio: { type: 'keyword' }, username: { type: 'text', analyzer: 'standard' }, location: undefined } },
      },
    };
    const diff = diffMapping(JSON.parse(JSON.stringify(older)) as Record<string, unknown>, mapping);
    expect(diff.added).toEqual(['user.location']);
    expect(diff.conflicts).toEqual([
      "field 'user.username': the index has text (analyzer standard), the schema needs text (analyzer english)",
      "field 'user.bio': the index has keyword, the schema needs text (analyzer english)",
    ]);
  });
});

test('documentIdOf: a one-field key record is its field, other keys their JSON', () => {
  expect(documentIdOf({ userId: 'abc' })).toBe('abc');
  expect(documentIdOf('k')).toBe('k');
  expect(documentIdOf({ a: 1, b: 2n })).toBe('{"a":1,"b":"2"}');
});
