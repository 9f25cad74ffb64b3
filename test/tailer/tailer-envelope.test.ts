/**
 * The envelope shape through the tailer (over pg-stub.ts): each change event's `op`, `before` and `source` come from
 * the stream (transaction id, commit time, WAL position, database) or, for snapshot rows, from the snapshot.
 */
import { afterEach, describe, expect, test, vi } from 'vitest';
import { createCodec } from '../../runtime/index.js';
import { defineTailer } from '../../runtime/tailer/definition.js';
import { defineTopic } from '../../runtime/topic.js';
import { begin, commit, tailerOn } from './pg-stub.js';

afterEach(() => vi.restoreAllMocks());

const VALUE = { type: 'record', name: 'Value', fields: [{ name: 'id', type: 'string' }, { name: 'qty', type: 'int' }] };
const SOURCE = ['version', 'connector', 'name', 'ts_ms', 'snapshot', 'db', 'schema', 'table', 'txId', 'lsn'] as const;
const envelopeTopic = defineTopic({
  name: 'shop.public.items',
  key: createCodec<string>('string'),
  value: createCodec<unknown>({
    type: 'record', name: 'Envelope', fields: [
      { name: 'before', type: ['null', VALUE], default: null },
      { name: 'after', type: ['null', 'Value'], default: null },
      { name: 'source', type: { type: 'record', name: 'Source', fields: [
        { name: 'version', type: 'string' }, { name: 'connector', type: 'string' }, { name: 'name', type: 'string' },
        { name: 'ts_ms', type: 'long' }, { name: 'snapshot', type: ['null', 'string'], default: null }, { name: 'db', type: 'string' },
        { name: 'schema', type: 'string' }, { name: 'table', type: 'string' },
        { name: 'txId', type: ['null', 'long'], default: null }, { name: 'lsn', type: ['null', 'long'], default: null },
      ] } },
      { name: 'op', type: 'string' },
      { name: 'ts_ms', type: ['null', 'long'], default: null },
    ],
  } as never),
  visibility: 'shared', owner: 'o', partitions: 1, cleanupPolicy: 'delete', compatibility: 'BACKWARD',
});
const envelopeDef = defineTailer(envelopeTopic, {
  name: 'items', table: { schema: 'public', name: 'items' }, shape: 'envelope',
  key: [{ field: [], column: 'id', type: 'text', notNull: true, nullable: false, target: { kind: 'string' } }],
  value: [
    { field: ['id'], column: 'id', type: 'text', notNull: true, nullable: false, target: { kind: 'string' } },
    { field: ['qty'], column: 'qty', type: 'integer', notNull: true, nullable: false, target: { kind: 'int' } },
  ],
  envelope: { source: SOURCE, long: 'number' },
});

const fixed = { version: 'unilog-tailer', connector: 'postgresql', name: 'items', db: 'shop', schema: 'public', table: 'items' };

describe('tailer: the envelope shape', () => {
  test('streamed changes carry their transaction, commit time and position; before is the old row when the stream has it', async () => {
    const t = tailerOn({}, {}, envelopeDef);
    await t.tailer.start();
    await t.feed(
      begin(7, 1_700_000_000_123_456n),
      ['0/160', { tag: 'insert', new: { id: 'a', qty: 1 } }],
      ['0/170', { tag: 'update', old: { id: 'a', qty: 1 }, key: null, new: { id: 'a', qty: 2 } }],
      ['0/180', { tag: 'update', old: null, key: null, new: { id: 'a', qty: 3 } }],
      ['0/190', { tag: 'delete', old: { id: 'a', qty: 3 }, key: null }],
      commit('0/1A0'),
    );
    const events = t.values().map(([, v]) => v as { op: string; before: unknown; after: unknown; source: unknown });
    const source = (lsn: number) => ({ ...fixed, ts_ms: 1_700_000_000_123, snapshot: 'false', txId: 7, lsn });
    expect(events.map((e) => [e.op, e.before, e.after, e.source])).toEqual([
      ['c', null, { id: 'a', qty: 1 }, source(0x160)],
      ['u', { id: 'a', qty: 1 }, { id: 'a', qty: 2 }, source(0x170)],
      ['u', null, { id: 'a', qty: 3 }, source(0x180)],
      ['d', { id: 'a', qty: 3 }, null, source(0x190)],
    ]);
  });

  test('snapshot rows are reads at the consistent point, timed at the snapshot\'s start; changes after are the stream\'s', async () => {
    const t = tailerOn({ slot: 'none', rows: [{ id: 'a', qty: 1 }] }, {}, envelopeDef);
    const before = Date.now();
    await t.tailer.start();
    await t.feed(begin(9), ['0/400', { tag: 'insert', new: { id: 'b', qty: 2 } }], commit('0/410'));
    const [read, created] = t.values().map(([, v]) => v as { op: string; source: { ts_ms: number } });
    expect(read).toMatchObject({ op: 'r', after: { id: 'a', qty: 1 }, source: { ...fixed, snapshot: 'true', txId: null, lsn: 0x300 } });
    expect(read!.source.ts_ms).toBeGreaterThanOrEqual(before);
    expect(read!.source.ts_ms).toBeLessThanOrEqual(Date.now());
    expect(created).toMatchObject({ op: 'c', source: { snapshot: 'false', txId: 9, ts_ms: 1_700_000_000_000, lsn: 0x400 } });
  });
});
