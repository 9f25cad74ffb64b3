/**
 * The start-time check of the real table against the mapping (runtime/tailer/table-check.ts): every problem listed,
 * over a stand-in for the catalog queries a `pg` client answers (the real PostgreSQL is in test/integration).
 */
import type pg from 'pg';
import { describe, expect, test } from 'vitest';
import type { ColumnField, TailerMapping } from '../../runtime/tailer/definition.js';
import { tableProblems } from '../../runtime/tailer/table-check.js';

interface FakeTable {
  replident: 'd' | 'f' | 'n' | 'i';
  columns: Array<{ name: string; type: string; not_null: boolean; labels?: string[] }>;
  primaryKey: string[];
  replicaIndex?: string[];
}

/** Answers the three catalog queries tableProblems makes, from `table` (undefined: no such table). */
function client(table: FakeTable | undefined, seen: unknown[][] = []): pg.ClientBase {
  const query = async (sql: string, params: unknown[]) => {
    seen.push(params);
    if (sql.includes('FROM pg_class')) return { rows: table ? [{ oid: 4242, replident: table.replident }] : [] };
    if (sql.includes('FROM pg_attribute a JOIN pg_type')) return { rows: table!.columns.map((c) => ({ labels: null, ...c })) };
    if (sql.includes('FROM pg_index')) {
      const names = sql.includes('i.indisreplident') ? (table!.replicaIndex ?? []) : sql.includes('i.indisprimary') ? table!.primaryKey : [];
      return { rows: names.map((name) => ({ name })) };
    }
    throw new Error(`unexpected query ${sql}`);
  };
  return { query } as unknown as pg.ClientBase;
}

const col = (column: string, type: string, notNull: boolean, target: ColumnField['target'] = { kind: 'string' }): ColumnField =>
  ({ field: [column], column, type, notNull, nullable: !notNull, target });

const status = { kind: 'enum', symbols: ['ACTIVE', 'BANNED'] } as const;
const mapping = (shape: 'row' | 'envelope' = 'row'): TailerMapping => ({
  name: 'users', table: { schema: 'public', name: 'users' }, shape,
  key: [col('id', 'uuid', true)],
  value: [col('id', 'uuid', true), col('email', 'text', false), col('status', 'account_status', true, status), col('tags', 'account_status[]', true, { kind: 'array', items: status, itemsNullable: false }), { field: ['kind'], constant: 'USER' }],
});

const good: FakeTable = {
  replident: 'd',
  primaryKey: ['id'],
  columns: [
    { name: 'id', type: 'uuid', not_null: true },
    { name: 'email', type: 'text', not_null: false },
    { name: 'status', type: 'public.account_status', not_null: true, labels: ['ACTIVE', 'BANNED'] },
    { name: 'tags', type: '"public".account_status[]', not_null: true, labels: ['ACTIVE'] },
    { name: 'extra', type: 'integer', not_null: false },
  ],
};

describe('tableProblems', () => {
  test('a table that matches the mapping has none (its public. enum types compared without the schema)', async () => {
    const seen: unknown[][] = [];
    expect(await tableProblems(client(good, seen), mapping())).toEqual([]);
    expect(seen[0]).toEqual(['public', 'users']);
    expect(seen[1]).toEqual([4242]);
    expect(seen[2]).toEqual([4242]);
  });

  test('a missing table is the only problem', async () => {
    expect(await tableProblems(client(undefined), mapping())).toEqual(['table public.users does not exist']);
  });

  test('every column problem is listed: missing, other type, nullable, enum labels without a symbol', async () => {
    const bad: FakeTable = {
      ...good,
      columns: [
        { name: 'id', type: 'text', not_null: true },
        { name: 'email', type: 'text', not_null: false },
        { name: 'status', type: 'account_status', not_null: false, labels: ['ACTIVE', 'GONE', 'BANNED', 'HIDDEN'] },
        { name: 'tags', type: 'account_status[]', not_null: true, labels: ['GONE'] },
      ],
    };
    const m = mapping();
    expect(await tableProblems(client(bad), { ...m, value: [...m.value, col('age', 'integer', true, { kind: 'int' })] })).toEqual([
      'column id is text, the mapping says uuid',
      "column status is nullable, the mapping says not null (add NOT NULL to the column, or make the field nullable and drop 'not null')",
      'column status: enum label(s) GONE, HIDDEN have no symbol in the Avro enum (ACTIVE, BANNED)',
      'column tags: enum label(s) GONE have no symbol in the Avro enum (ACTIVE, BANNED)',
      'public.users has no column age (it has id, email, status, tags)',
    ]);
  });

  test('another schema than public is part of the type name', async () => {
    for (const schema of ['shop', 'xpublic']) {
      const other = { ...good, columns: good.columns.map((c) => (c.name === 'status' ? { ...c, type: `${schema}.account_status` } : c)) };
      expect(await tableProblems(client(other), mapping())).toEqual([`column status is ${schema}.account_status, the mapping says account_status`]);
    }
  });

  test('an enum column feeding a string field, and a text column feeding an enum field: no label check', async () => {
    const m = mapping();
    const crossed: TailerMapping = { ...m, value: [col('status', 'account_status', true), col('email', 'text', false, status)] };
    expect(await tableProblems(client(good), crossed)).toEqual([]);
  });

  test('a key of two columns is named in full', async () => {
    const m = { ...mapping(), key: [col('id', 'uuid', true), col('email', 'text', false)] };
    expect(await tableProblems(client({ ...good, primaryKey: [] }), m)).toEqual([
      'public.users has no primary key: deletes carry no key (add one over id, email, or set REPLICA IDENTITY FULL)',
    ]);
    expect(await tableProblems(client({ ...good, primaryKey: ['status', 'tags'] }), m)).toEqual([
      'key column(s) id, email are not in the replica identity of public.users (status, tags): a delete would not carry them',
    ]);
  });

  test('replica identity: deletes must carry the key columns', async () => {
    expect(await tableProblems(client({ ...good, replident: 'f' }), mapping())).toEqual([]);
    expect(await tableProblems(client({ ...good, replident: 'n' }), mapping())).toEqual([
      'public.users has REPLICA IDENTITY NOTHING: deletes carry no key (use DEFAULT with a primary key, or FULL)',
    ]);
    expect(await tableProblems(client({ ...good, primaryKey: [] }), mapping())).toEqual([
      'public.users has no primary key: deletes carry no key (add one over id, or set REPLICA IDENTITY FULL)',
    ]);
    expect(await tableProblems(client({ ...good, primaryKey: ['email', 'status'] }), mapping())).toEqual([
      'key column(s) id are not in the replica identity of public.users (email, status): a delete would not carry them',
    ]);
    // REPLICA IDENTITY USING INDEX: that index counts, not the primary key.
    expect(await tableProblems(client({ ...good, replident: 'i', primaryKey: ['id'], replicaIndex: ['email'] }), mapping())).toEqual([
      'key column(s) id are not in the replica identity of public.users (email): a delete would not carry them',
    ]);
    expect(await tableProblems(client({ ...good, replident: 'i', primaryKey: [], replicaIndex: ['id'] }), mapping())).toEqual([]);
  });

  test('the envelope shape needs REPLICA IDENTITY FULL', async () => {
    expect(await tableProblems(client({ ...good, replident: 'f' }), mapping('envelope'))).toEqual([]);
    expect(await tableProblems(client(good), mapping('envelope'))).toEqual([
      "public.users needs REPLICA IDENTITY FULL for the envelope shape (its 'before' is the whole old row): ALTER TABLE public.users REPLICA IDENTITY FULL",
    ]);
  });
});
