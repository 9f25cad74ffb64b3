// diffMapping beyond the users schema (index-schema.test.ts): how OpenSearch reports defaults, subfields, and conflicts.
import { describe, expect, test } from 'vitest';
import { diffMapping, type IndexMapping } from '../../runtime/indexer/index.js';

const wanted: IndexMapping = {
  dynamic: 'strict',
  properties: {
    bio: { type: 'text', analyzer: 'english', fields: { keyword: { type: 'keyword', ignore_above: 256 } } },
    location: { properties: { lat: { type: 'double' } } },
    extra: { type: 'object', enabled: false },
  },
};

describe('diffMapping', () => {
  test('an object reported with type object, and enabled reported as true, are the same mapping', () => {
    const reported = {
      dynamic: 'strict',
      properties: { ...wanted.properties, location: { type: 'object', enabled: true, properties: { lat: { type: 'double' } } } },
    };
    expect(diffMapping(reported, wanted)).toEqual({ added: [], conflicts: [] });
  });

  test('a subfield or nested field the index lacks is added, by its path', () => {
    const older = { dynamic: 'strict', properties: { ...wanted.properties, bio: { type: 'text', analyzer: 'english' }, location: { properties: {} } } };
    expect(diffMapping(older, wanted)).toEqual({ added: ['bio.keyword', 'location.lat'], conflicts: [] });
  });

  test('an index that is not strict, or a field switched on or off, or of another type: conflicts naming each difference', () => {
    const other = {
      dynamic: 'false',
      properties: {
        bio: { type: 'text', analyzer: 'standard', search_analyzer: 'standard', fields: { keyword: { type: 'keyword', ignore_above: 256 } } },
        location: { type: 'nested', properties: { lat: { type: 'double' } } },
        extra: { type: 'object' },
      },
    };
    expect(diffMapping(other, wanted).conflicts).toEqual([
      'the index is not strict (dynamic: false), so it takes fields no schema defines',
      "field 'bio': the index has text (analyzer standard, search_analyzer standard), the schema needs text (analyzer english)",
      "field 'location': the index has nested, the schema needs object",
      "field 'extra': the index has object, the schema needs object (enabled false)",
    ]);
  });
});
