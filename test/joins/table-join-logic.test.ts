/**
 * Table ⋈ table logic (docs/joins.md § The two kinds): the output records a partition writes for row and related-row
 * inserts, updates and deletes, left and inner, fed records framed as the join's inputs carry them.
 */
import { describe, expect, test } from 'vitest';
import { defineTableJoin, type JoinMode } from '../../runtime/join/define.js';
import { TableJoinLogic } from '../../runtime/join/table-join-logic.js';
import { connections, message, preparedRegistry, record, users, via, viaRecord, type Connection, type ConnectionKey, type User, type UserKey } from './join-fixture.js';

type Related = { following: Connection[]; followers: Connection[] };
interface Summary { name: string; following: number[]; followers: number[] }

async function setup(mode: JoinMode, fn: (row: User, related: Related) => Summary | null = summary) {
  const registry = await preparedRegistry(users as never, connections as never, via as never);
  const join = defineTableJoin({
    name: 'uwc', owner: 'o', mode, table: users, related: connections, via,
    output: users as never, sides: ['following', 'followers'] as const,
    match: (k: ConnectionKey) => ({ following: { userId: k.followerId }, followers: { userId: k.followeeId } }),
  });
  const logic = new TableJoinLogic(join, fn as never, registry);
  const state = logic.newPartition();
  const row = (userId: string, name: string | null, emit = true) => logic.apply(state, 'table', record(registry, users, { userId }, name === null ? null : { name }), emit);
  /** A connection follower → followee, as the re-key step writes it for `side`. */
  const rel = (side: 'following' | 'followers', followerId: string, followeeId: string, since: number | null, emit = true) =>
    logic.apply(state, 'other', viaRecord(registry, connections, { userId: side === 'following' ? followerId : followeeId }, side, { followerId, followeeId }, since === null ? null : { since }), emit);
  return { logic, state, row, rel, drain: () => logic.drain(state), size: () => logic.size(state) };
}

function summary(row: User, related: Related): Summary {
  return { name: row.name, following: related.following.map((c) => c.since), followers: related.followers.map((c) => c.since) };
}

describe('table join logic', () => {
  test('left: a new row without related rows gets its record; a related row per side recomputes it', async () => {
    const j = await setup('left');
    await j.row('ann', 'Ann');
    expect(j.drain()).toEqual([{ key: { userId: 'ann' }, value: { name: 'Ann', following: [], followers: [] } }]);
    await j.rel('following', 'ann', 'bob', 1);
    await j.rel('followers', 'cid', 'ann', 2);
    await j.rel('followers', 'dan', 'ann', 3);
    expect(j.drain()).toEqual([{ key: { userId: 'ann' }, value: { name: 'Ann', following: [1], followers: [2, 3] } }]);
    expect(j.drain()).toEqual([]);
    expect(j.size()).toEqual({ rows: 1, related: 3 });
  });

  test('a key changed several times before a drain is written once, from its latest state', async () => {
    const j = await setup('left');
    await j.row('ann', 'A');
    await j.rel('following', 'ann', 'bob', 1);
    await j.row('ann', 'Ann');
    await j.rel('following', 'ann', 'bob', 5);
    await j.row('bob', 'Bob');
    expect(j.drain()).toEqual([
      { key: { userId: 'ann' }, value: { name: 'Ann', following: [5], followers: [] } },
      { key: { userId: 'bob' }, value: { name: 'Bob', following: [], followers: [] } },
    ]);
    expect(j.size()).toEqual({ rows: 2, related: 1 });
  });

  test('a related row removed (its tombstone) recomputes the row without it', async () => {
    const j = await setup('left');
    await j.row('ann', 'Ann');
    await j.rel('following', 'ann', 'bob', 1);
    await j.rel('following', 'ann', 'cid', 2);
    j.drain();
    await j.rel('following', 'ann', 'bob', null);
    expect(j.drain()).toEqual([{ key: { userId: 'ann' }, value: { name: 'Ann', following: [2], followers: [] } }]);
    await j.rel('following', 'ann', 'cid', null);
    expect(j.drain()).toEqual([{ key: { userId: 'ann' }, value: { name: 'Ann', following: [], followers: [] } }]);
    expect(j.size()).toEqual({ rows: 1, related: 0 });
  });

  test('the tombstone of a related row never seen changes nothing but marks the row', async () => {
    const j = await setup('left');
    await j.row('ann', 'Ann');
    j.drain();
    await j.rel('followers', 'zed', 'ann', null);
    expect(j.size()).toEqual({ rows: 1, related: 0 });
    expect(j.drain()).toEqual([{ key: { userId: 'ann' }, value: { name: 'Ann', following: [], followers: [] } }]);
  });

  test('a deleted row becomes a tombstone, also when its related rows remain or change in the same batch', async () => {
    const j = await setup('left');
    await j.row('ann', 'Ann');
    await j.rel('following', 'ann', 'bob', 1);
    j.drain();
    await j.row('ann', null);
    await j.rel('following', 'ann', 'cid', 2);
    expect(j.drain()).toEqual([{ key: { userId: 'ann' }, value: null }]);
    expect(j.size()).toEqual({ rows: 0, related: 2 });
    // The row comes back: its related rows were kept.
    await j.row('ann', 'Ann 2');
    expect(j.drain()).toEqual([{ key: { userId: 'ann' }, value: { name: 'Ann 2', following: [1, 2], followers: [] } }]);
  });

  test('related rows whose table row does not exist produce nothing until it does', async () => {
    const j = await setup('left');
    await j.rel('followers', 'bob', 'ann', 7);
    expect(j.drain()).toEqual([]);
    await j.row('ann', 'Ann');
    expect(j.drain()).toEqual([{ key: { userId: 'ann' }, value: { name: 'Ann', following: [], followers: [7] } }]);
  });

  test('inner: a row with no related rows gets a tombstone, one with any gets its record', async () => {
    const calls: User[] = [];
    const j = await setup('inner', (row, related) => (calls.push(row), summary(row, related)));
    await j.row('ann', 'Ann');
    expect(j.drain()).toEqual([{ key: { userId: 'ann' }, value: null }]);
    expect(calls).toEqual([]);
    await j.rel('followers', 'bob', 'ann', 4);
    expect(j.drain()).toEqual([{ key: { userId: 'ann' }, value: { name: 'Ann', following: [], followers: [4] } }]);
    await j.rel('followers', 'bob', 'ann', null);
    expect(j.drain()).toEqual([{ key: { userId: 'ann' }, value: null }]);
  });

  test('inner: one related row on the second side is enough', async () => {
    const j = await setup('inner');
    await j.row('ann', 'Ann');
    await j.rel('followers', 'bob', 'ann', 4);
    expect(j.drain()).toEqual([{ key: { userId: 'ann' }, value: { name: 'Ann', following: [], followers: [4] } }]);
  });

  test('the function returning null writes a tombstone', async () => {
    const j = await setup('left', () => null);
    await j.row('ann', 'Ann');
    expect(j.drain()).toEqual([{ key: { userId: 'ann' }, value: null }]);
  });

  test('records restored without emit build the state but write nothing; a later change writes from it', async () => {
    const j = await setup('left');
    await j.row('ann', 'Ann', false);
    await j.rel('following', 'ann', 'bob', 1, false);
    await j.row('bob', 'Bob', false);
    await j.row('bob', null, false);
    expect(j.drain()).toEqual([]);
    expect(j.size()).toEqual({ rows: 1, related: 1 });
    await j.rel('followers', 'cid', 'ann', 2);
    expect(j.drain()).toEqual([{ key: { userId: 'ann' }, value: { name: 'Ann', following: [1], followers: [2] } }]);
  });

  test('a record without a key is skipped', async () => {
    const j = await setup('left');
    await j.logic.apply(j.state, 'table', message(null, Buffer.from('x')), true);
    await j.logic.apply(j.state, 'other', message(null, Buffer.from('x')), true);
    expect(j.drain()).toEqual([]);
    expect(j.size()).toEqual({ rows: 0, related: 0 });
  });

  test('a join function that throws fails with JOIN_FUNCTION_FAILED, naming the join and the cause', async () => {
    const boom = new Error('no name');
    const j = await setup('left', () => { throw boom; });
    await j.row('ann', 'Ann');
    expect(() => j.drain()).toThrow(expect.objectContaining({ code: 'JOIN_FUNCTION_FAILED', message: 'join uwc: the join function threw: no name', cause: boom }));
    const k = await setup('left', () => { throw 'text'; });
    await k.row('ann', 'Ann');
    expect(() => k.drain()).toThrow('join uwc: the join function threw: text');
  });
});
