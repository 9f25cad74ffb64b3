/**
 * ensureIndex and indexHealth over the OpenSearch stand-in (fake-search.ts): an index is created with the schema's
 * mapping, or its mapping is checked and extended; a health check answers at once for a missing index.
 * Against a real OpenSearch: test/search.
 */
import { describe, expect, test } from 'vitest';
import { ensureIndex, indexHealth, type IndexMapping } from '../../runtime/indexer/index.js';
import { errorType } from '../../runtime/indexer/ensure-index.js';
import { FakeSearch, responseError } from './fake-search.js';

const MAPPING: IndexMapping = { dynamic: 'strict', properties: { id: { type: 'keyword' }, age: { type: 'integer' } } };
const withIndex = (mappings: Record<string, unknown>) => {
  const search = new FakeSearch();
  search.indices.set('users', { settings: {}, mappings, docs: new Map() });
  return search;
};

describe('ensureIndex', () => {
  test('a missing index is created with the mapping and the settings (none by default)', async () => {
    const search = new FakeSearch();
    expect(await ensureIndex(search.asClient(), 'users', MAPPING, { number_of_shards: 1 })).toEqual({ created: true, added: [] });
    expect(search.indices.get('users')).toMatchObject({ settings: { number_of_shards: 1 }, mappings: MAPPING });
    await ensureIndex(search.asClient(), 'other', MAPPING);
    expect(search.indices.get('other')!.settings).toEqual({});
  });

  test('an index another instance created first is checked like any existing one', async () => {
    const search = withIndex(structuredClone(MAPPING) as never);
    search.indices.delete('users');
    const create = search.asClient().indices.create;
    search.createError = responseError('index [users] already exists', 400, 'resource_already_exists_exception');
    const client = search.asClient();
    client.indices.create = (async (...args: Parameters<typeof create>) => {
      search.indices.set('users', { settings: {}, mappings: structuredClone(MAPPING) as never, docs: new Map() });
      return create(...args);
    }) as never;
    expect(await ensureIndex(client, 'users', MAPPING)).toEqual({ created: false, added: [] });
    expect(search.calls).toEqual(['exists users', 'create users', 'getMapping users']);
  });

  test('any other failure to create is the caller\'s', async () => {
    const search = new FakeSearch();
    const refused = responseError('Validation Failed: 1: this action would add [2] shards', 400, 'validation_exception');
    search.createError = refused;
    await expect(ensureIndex(search.asClient(), 'users', MAPPING)).rejects.toBe(refused);
  });

  test('an existing index with the same mapping is left as it is', async () => {
    const search = withIndex(structuredClone(MAPPING) as never);
    expect(await ensureIndex(search.asClient(), 'users', MAPPING)).toEqual({ created: false, added: [] });
    expect(search.calls).toEqual(['exists users', 'getMapping users']);
  });

  test('fields the schema gained are put into the existing mapping', async () => {
    const search = withIndex({ dynamic: 'strict', properties: { id: { type: 'keyword' } } });
    expect(await ensureIndex(search.asClient(), 'users', MAPPING)).toEqual({ created: false, added: ['age'] });
    expect(search.indices.get('users')!.mappings).toEqual(MAPPING);
  });

  test('a mapping that cannot take the documents: INDEX_MAPPING_CONFLICT naming every conflict and what to do', async () => {
    const search = withIndex({ properties: { id: { type: 'text' }, age: { type: 'integer' } } });
    await expect(ensureIndex(search.asClient(), 'users', MAPPING)).rejects.toMatchObject({
      code: 'INDEX_MAPPING_CONFLICT',
      message: "index 'users' cannot take this schema's documents: the index is not strict (dynamic: true), so it takes fields no schema defines; " +
        "field 'id': the index has text, the schema needs keyword. Index under a new name, or delete the index and restart the indexer: it refills a new index from the beginning of its topic",
    });
    expect(search.calls).not.toContain('putMapping users');
  });

  test('an index answered without mappings is one without fields, not strict', async () => {
    const search = new FakeSearch();
    search.indices.set('users', { settings: {}, mappings: undefined as never, docs: new Map() });
    await expect(ensureIndex(search.asClient(), 'users', MAPPING)).rejects.toThrow('the index is not strict (dynamic: true)');
  });
});

test('errorType: the type of an OpenSearch error answer, else undefined', () => {
  expect(errorType(responseError('exists', 400, 'resource_already_exists_exception'))).toBe('resource_already_exists_exception');
  expect(errorType(new Error('socket hang up'))).toBeUndefined();
  expect(errorType(Object.assign(new Error('odd'), { meta: { body: { error: { type: 42 } } } }))).toBeUndefined();
  // A proxy's answer: a body, but not OpenSearch's.
  expect(errorType(Object.assign(new Error('Bad Gateway'), { meta: { statusCode: 502, body: '<html>Bad Gateway</html>' } }))).toBeUndefined();
});

describe('indexHealth', () => {
  test('a missing index at once; red is unhealthy; yellow and green are fine; the engine is given 2 s', async () => {
    const search = new FakeSearch();
    expect(await indexHealth(search.asClient(), 'users')).toEqual({ ok: false, message: 'index users does not exist' });
    expect(search.calls).toEqual(['exists users']);
    search.indices.set('users', { settings: {}, mappings: {}, docs: new Map() });
    search.health = 'red';
    expect(await indexHealth(search.asClient(), 'users')).toEqual({ ok: false, message: 'index users is red' });
    search.health = 'yellow';
    expect(await indexHealth(search.asClient(), 'users')).toEqual({ ok: true, message: 'index users yellow' });
    expect(search.calls.filter((c) => c.startsWith('health'))).toEqual(['health users 2s', 'health users 2s']);
  });
});
