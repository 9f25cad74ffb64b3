/**
 * What each change becomes in the topic, per output shape (runtime/tailer/shapes.ts, docs/tailer.md): the row shape's
 * latest row per key with tombstones, and the envelope shape's Debezium change events.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createCodec } from '../../runtime/index.js';
import { defineTailer, type ColumnField, type TailerDefinition } from '../../runtime/tailer/definition.js';
import { shapeOf, type ChangeSource } from '../../runtime/tailer/shapes.js';
import { defineTopic, type CleanupPolicy } from '../../runtime/topic.js';

const column = (field: string, column: string, nullable = false): ColumnField => ({ field: [field], column, type: 'text', notNull: !nullable, nullable, target: { kind: 'string' } });

function definition(shape: 'row' | 'envelope', cleanupPolicy: CleanupPolicy = 'compact', long: 'number' | 'bigint' = 'number', source = ['version', 'connector', 'name', 'ts_ms', 'snapshot', 'db', 'sequence', 'schema', 'table', 'txId', 'lsn', 'xmin']): TailerDefinition {
  const topic = defineTopic({ name: 'items', key: createCodec('string'), value: createCodec('string'), visibility: 'shared', owner: 'o', partitions: 1, cleanupPolicy, compatibility: 'BACKWARD' });
  return {
    name: 'items-tailer', table: { schema: 'shop', name: 'items' }, shape, topic,
    key: [column('id', 'id')],
    value: [column('id', 'id'), column('name', 'name'), column('note', 'note', true)],
    ...(shape === 'envelope' ? { envelope: { source, long } } : {}),
  };
}

const src: ChangeSource = { lsn: 0x16_b374d848n, txId: 771, commitMs: 1_700_000_000_123, snapshot: 'false', database: 'shop' };
const row = (id: string, name: string, note: string | null = null) => ({ id, name, note });

describe('row shape', () => {
  const shape = shapeOf(definition('row'));

  test('an insert or update is the row as value under its key; a delete a tombstone', () => {
    expect(shape.insert(row('1', 'a'), src, false)).toEqual([{ key: { id: '1' }, value: { id: '1', name: 'a', note: null } }]);
    expect(shape.insert(row('1', 'a'), src, true)).toEqual([{ key: { id: '1' }, value: { id: '1', name: 'a', note: null } }]);
    expect(shape.update(null, row('1', 'b', 'n'), src)).toEqual([{ key: { id: '1' }, value: { id: '1', name: 'b', note: 'n' } }]);
    expect(shape.delete({ id: '1' }, src)).toEqual([{ key: { id: '1' }, value: null }]);
  });

  test('an update with the old key unchanged, or only some old columns sent, is one record', () => {
    expect(shape.update({ id: '1' }, row('1', 'b'), src)).toEqual([{ key: { id: '1' }, value: { id: '1', name: 'b', note: null } }]);
    expect(shape.update(row('1', 'a'), row('1', 'b'), src)).toHaveLength(1);
    expect(shape.update({ name: 'a' }, row('1', 'b'), src)).toHaveLength(1);
  });

  test('an update that changed the key: a tombstone for the old key, then the row at the new one', () => {
    expect(shape.update({ id: '1' }, row('2', 'b'), src)).toEqual([
      { key: { id: '1' }, value: null },
      { key: { id: '2' }, value: { id: '2', name: 'b', note: null } },
    ]);
  });

  test('a key of two columns has changed when either has', () => {
    const def = definition('row');
    const two = shapeOf({ ...def, key: [column('a', 'a'), column('b', 'b')], value: [column('b', 'b')] });
    expect(two.update({ a: 'x', b: 'y' }, { a: 'x', b: 'z' }, src)).toEqual([{ key: { a: 'x', b: 'y' }, value: null }, { key: { a: 'x', b: 'z' }, value: { b: 'z' } }]);
    expect(two.update({ a: 'x', b: 'y' }, { a: 'x', b: 'y' }, src)).toEqual([{ key: { a: 'x', b: 'y' }, value: { b: 'y' } }]);
  });

  test('defineTailer: the mapping with its topic, frozen', () => {
    const def = definition('row');
    const { topic, ...mapping } = def;
    const defined = defineTailer(topic, mapping);
    expect(defined).toEqual(def);
    expect(Object.isFrozen(defined)).toBe(true);
  });

  test('key columns are compared by their text: a bigint key read as a string and as a number is the same key', () => {
    const def = definition('row');
    const numeric = shapeOf({ ...def, key: [{ field: ['id'], column: 'id', type: 'bigint', notNull: true, nullable: false, target: { kind: 'long' } }], value: [] });
    expect(numeric.update({ id: 7 }, { id: '7' }, src)).toEqual([{ key: { id: 7 }, value: {} }]);
  });
});

describe('envelope shape', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(1_700_000_009_999);
  });
  afterEach(() => vi.useRealTimers());

  const source = {
    version: 'unilog-tailer', connector: 'postgresql', name: 'items-tailer', ts_ms: 1_700_000_000_123, snapshot: 'false', db: 'shop',
    sequence: null, schema: 'shop', table: 'items', txId: 771, lsn: 0x16_b374d848, xmin: null,
  };

  test('a snapshot row is op r, an insert op c, an update op u with before and after', () => {
    const shape = shapeOf(definition('envelope'));
    expect(shape.insert(row('1', 'a'), { ...src, snapshot: 'true' }, true)).toEqual([
      { key: { id: '1' }, value: { before: null, after: { id: '1', name: 'a', note: null }, op: 'r', source: { ...source, snapshot: 'true' }, ts_ms: 1_700_000_009_999 } },
    ]);
    expect(shape.insert(row('1', 'a'), src, false)).toEqual([
      { key: { id: '1' }, value: { before: null, after: { id: '1', name: 'a', note: null }, op: 'c', source, ts_ms: 1_700_000_009_999 } },
    ]);
    expect(shape.update(row('1', 'a'), row('1', 'b'), src)).toEqual([
      { key: { id: '1' }, value: { before: { id: '1', name: 'a', note: null }, after: { id: '1', name: 'b', note: null }, op: 'u', source, ts_ms: 1_700_000_009_999 } },
    ]);
  });

  test('a delete is op d, followed by a tombstone on a compacted topic only', () => {
    const d = { key: { id: '1' }, value: { before: { id: '1', name: 'a', note: null }, after: null, op: 'd', source, ts_ms: 1_700_000_009_999 } };
    expect(shapeOf(definition('envelope')).delete(row('1', 'a'), src)).toEqual([d, { key: { id: '1' }, value: null }]);
    expect(shapeOf(definition('envelope', 'delete')).delete(row('1', 'a'), src)).toEqual([d]);
  });

  test('an update that changes the key: a delete at the old key and a create at the new one', () => {
    const out = shapeOf(definition('envelope', 'delete')).update(row('1', 'a'), row('2', 'b'), src);
    expect(out.map((r) => [r.key, (r.value as { op: string }).op])).toEqual([[{ id: '1' }, 'd'], [{ id: '2' }, 'c']]);
    expect(out[1]!.value).toMatchObject({ before: null, after: { id: '2', name: 'b', note: null } });
  });

  test('longs as bigint when the config says so; txId null stays null; only the schema\'s source fields, in its order', () => {
    const shape = shapeOf(definition('envelope', 'compact', 'bigint', ['lsn', 'txId', 'ts_ms', 'version']));
    const [c] = shape.insert(row('1', 'a'), { ...src, txId: null }, false);
    const value = c!.value as { source: Record<string, unknown>; ts_ms: unknown };
    expect(value.source).toEqual({ lsn: 0x16_b374d848n, txId: null, ts_ms: 1_700_000_000_123n, version: 'unilog-tailer' });
    expect(Object.keys(value.source)).toEqual(['lsn', 'txId', 'ts_ms', 'version']);
    expect(value.ts_ms).toBe(1_700_000_009_999n);
    const [t] = shape.insert(row('1', 'a'), src, false);
    expect((t!.value as { source: { txId: unknown } }).source.txId).toBe(771n);
  });
});
