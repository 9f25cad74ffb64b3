/**
 * Stream ⋈ table logic (docs/joins.md § The two kinds): each stream record joined with the row known when it is
 * processed, for a stream keyed like the table (read directly) and one matched on a value field (through the via topic).
 */
import { describe, expect, test } from 'vitest';
import { defineStreamTableJoin, type JoinMode } from '../../runtime/join/define.js';
import { StreamJoinLogic } from '../../runtime/join/stream-join-logic.js';
import { message, opinions, preparedRegistry, record, userEvents, users, via, viaRecord, type Opinion, type User, type UserKey } from './join-fixture.js';

type Enrich<K> = (o: Opinion, row: User | null, key: K) => { authorId: string; text: string } | null;
const enrich = <K>(o: Opinion, row: User | null, _key: K) => ({ authorId: o.authorId, text: `${o.text} by ${row?.name ?? '?'}` });

/** A stream keyed like the table: read directly, its key names the row. */
async function direct(mode: JoinMode, fn: Enrich<UserKey> = enrich) {
  const registry = await preparedRegistry(users as never, userEvents as never);
  const join = defineStreamTableJoin({ name: 'ev', owner: 'o', mode, stream: userEvents, table: users, output: userEvents, match: (k: UserKey) => k });
  const logic = new StreamJoinLogic(join, fn as never, registry);
  const state = logic.newPartition();
  return {
    logic, state,
    row: (userId: string, name: string | null, emit = true) => logic.apply(state, 'table', record(registry, users, { userId }, name === null ? null : { name }), emit),
    event: (userId: string, text: string | null, emit = true) =>
      logic.apply(state, 'other', record(registry, userEvents, { userId }, text === null ? null : { authorId: userId, text }), emit),
    drain: () => logic.drain(state),
  };
}

/** A stream matched on value.authorId: read from the via topic the re-key step wrote. */
async function rekeyed(mode: JoinMode, fn: Enrich<string> = enrich) {
  const registry = await preparedRegistry(users as never, opinions as never, via as never);
  const join = defineStreamTableJoin({ name: 'op', owner: 'o', mode, stream: opinions, table: users, via, output: opinions, match: (_k: string, v: Opinion) => ({ userId: v.authorId }) });
  const logic = new StreamJoinLogic(join, fn as never, registry);
  const state = logic.newPartition();
  return {
    logic, state,
    row: (userId: string, name: string | null) => logic.apply(state, 'table', record(registry, users, { userId }, name === null ? null : { name }), true),
    opinion: (id: string, authorId: string, text: string, emit = true) => logic.apply(state, 'other', viaRecord(registry, opinions, { userId: authorId }, '', id, { authorId, text }), emit),
    drain: () => logic.drain(state),
  };
}

describe('stream join logic, stream keyed like the table', () => {
  test('each record is joined with the row as it is at the drain (the engine drains after every batch), in order, keeping the stream key', async () => {
    const j = await direct('left');
    await j.row('ann', 'Ann');
    expect(j.drain()).toEqual([]);
    await j.event('ann', 'a1');
    await j.event('cid', 'c1');
    expect(j.drain()).toEqual([
      { key: { userId: 'ann' }, value: { authorId: 'ann', text: 'a1 by Ann' } },
      { key: { userId: 'cid' }, value: { authorId: 'cid', text: 'c1 by ?' } },
    ]);
    await j.row('ann', 'Annie');
    j.drain();
    await j.event('ann', 'a2');
    expect(j.drain()).toEqual([{ key: { userId: 'ann' }, value: { authorId: 'ann', text: 'a2 by Annie' } }]);
    expect(j.drain()).toEqual([]);
  });

  test('left: a record whose row is missing or deleted is passed with null', async () => {
    const j = await direct('left');
    await j.event('bob', 'b1');
    expect(j.drain()).toEqual([{ key: { userId: 'bob' }, value: { authorId: 'bob', text: 'b1 by ?' } }]);
    await j.row('bob', 'Bob');
    await j.row('bob', null);
    j.drain();
    await j.event('bob', 'b2');
    expect(j.drain()).toEqual([{ key: { userId: 'bob' }, value: { authorId: 'bob', text: 'b2 by ?' } }]);
    expect(j.logic.size(j.state)).toEqual({ rows: 0, related: 0 });
  });

  test('inner: a record whose row is missing is dropped, and not retried when the row arrives', async () => {
    const j = await direct('inner');
    await j.event('bob', 'b1');
    expect(j.logic.size(j.state)).toEqual({ rows: 0, related: 1 });
    expect(j.drain()).toEqual([]);
    await j.row('bob', 'Bob');
    expect(j.drain()).toEqual([]);
    await j.event('bob', 'b2');
    expect(j.logic.size(j.state)).toEqual({ rows: 1, related: 1 });
    expect(j.drain()).toEqual([{ key: { userId: 'bob' }, value: { authorId: 'bob', text: 'b2 by Bob' } }]);
    expect(j.logic.size(j.state)).toEqual({ rows: 1, related: 0 });
  });

  test('a table update affects only later records: nothing is re-emitted for it', async () => {
    const j = await direct('left');
    await j.event('ann', 'a1');
    j.drain();
    await j.row('ann', 'Ann');
    expect(j.drain()).toEqual([]);
  });

  test('the function returning null writes nothing for that record', async () => {
    const j = await direct('left', (o, row) => (o.text === 'skip' ? null : enrich(o, row, undefined)));
    await j.event('ann', 'skip');
    await j.event('ann', 'keep');
    expect(j.drain()).toEqual([{ key: { userId: 'ann' }, value: { authorId: 'ann', text: 'keep by ?' } }]);
  });

  test('stream records restored without emit, stream tombstones and keyless records are not joined; table records restored are', async () => {
    const j = await direct('left');
    await j.row('ann', 'Ann', false);
    await j.event('ann', 'old', false);
    await j.event('ann', null);
    await j.logic.apply(j.state, 'other', message(null, Buffer.from('x')), true);
    await j.logic.apply(j.state, 'table', message(null, Buffer.from('x')), true);
    expect(j.drain()).toEqual([]);
    await j.event('ann', 'new');
    expect(j.drain()).toEqual([{ key: { userId: 'ann' }, value: { authorId: 'ann', text: 'new by Ann' } }]);
  });

  test('the function gets the stream key; one that throws fails with JOIN_FUNCTION_FAILED', async () => {
    const keys: UserKey[] = [];
    const j = await direct('left', (o, row, key) => (keys.push(key), enrich(o, row, key)));
    await j.event('ann', 'a');
    j.drain();
    expect(keys).toEqual([{ userId: 'ann' }]);
    const boom = new Error('bad row');
    const k = await direct('left', () => { throw boom; });
    await k.event('ann', 'a');
    expect(() => k.drain()).toThrow(expect.objectContaining({ code: 'JOIN_FUNCTION_FAILED', message: 'join ev: the join function threw: bad row', cause: boom }));
    const s = await direct('left', () => { throw 'plain'; });
    await s.event('ann', 'a');
    expect(() => s.drain()).toThrow('join ev: the join function threw: plain');
  });
});

describe('stream join logic, stream re-keyed through the via topic', () => {
  test('a record is joined with the row its via key names and keeps its own stream key', async () => {
    const j = await rekeyed('inner');
    await j.row('ann', 'Ann');
    await j.opinion('op-1', 'ann', 'hi');
    await j.opinion('op-2', 'bob', 'yo');
    await j.opinion('op-0', 'ann', 'old', false);
    expect(j.drain()).toEqual([{ key: 'op-1', value: { authorId: 'ann', text: 'hi by Ann' } }]);
  });

  test('left: the row missing is passed with null', async () => {
    const j = await rekeyed('left');
    await j.opinion('op-2', 'bob', 'yo');
    expect(j.drain()).toEqual([{ key: 'op-2', value: { authorId: 'bob', text: 'yo by ?' } }]);
  });
});
