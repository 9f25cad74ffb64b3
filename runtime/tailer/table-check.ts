/**
 * The start-time check of the real table against the mapping: every column the mapping reads exists with the declared
 * type, a column the mapping calls NOT NULL is NOT NULL, an enum's labels all have an Avro symbol, and deletes carry
 * the key columns (the replica identity; the whole row for the envelope shape). Every problem is listed; the tailer
 * refuses to start on any.
 */
import type pg from 'pg';
import { columnsOf, type TailerMapping } from './definition.js';

interface ColumnRow {
  name: string;
  type: string;
  not_null: boolean;
  labels: string[] | null;
}

export async function tableProblems(client: pg.ClientBase, mapping: TailerMapping): Promise<string[]> {
  const { schema, name } = mapping.table;
  const where = `${schema}.${name}`;
  const rel = await client.query<{ oid: number; replident: string }>(
    `SELECT c.oid, c.relreplident::text AS replident FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind IN ('r', 'p')`,
    [schema, name],
  );
  if (rel.rows.length === 0) return [`table ${where} does not exist`];
  const { oid, replident } = rel.rows[0]!;
  const cols = await client.query<ColumnRow>(
    `SELECT a.attname AS name, format_type(a.atttypid, NULL) AS type, a.attnotnull AS not_null,
            (SELECT array_agg(e.enumlabel::text ORDER BY e.enumsortorder) FROM pg_enum e
              WHERE e.enumtypid = CASE WHEN t.typcategory = 'A' THEN t.typelem ELSE t.oid END) AS labels
       FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
      WHERE a.attrelid = $1 AND a.attnum > 0 AND NOT a.attisdropped`,
    [oid],
  );
  const byName = new Map(cols.rows.map((c) => [c.name, c]));
  const problems: string[] = [];
  for (const f of columnsOf(mapping)) {
    const real = byName.get(f.column);
    if (!real) {
      problems.push(`${where} has no column ${f.column} (it has ${cols.rows.map((c) => c.name).join(', ')})`);
      continue;
    }
    const realType = real.type.replace(/^(public|"public")\./, '');
    if (realType !== f.type) problems.push(`column ${f.column} is ${realType}, the mapping says ${f.type}`);
    if (f.notNull && !real.not_null) problems.push(`column ${f.column} is nullable, the mapping says not null (add NOT NULL to the column, or make the field nullable and drop 'not null')`);
    const symbols = f.target.kind === 'enum' ? f.target.symbols : f.target.kind === 'array' && f.target.items.kind === 'enum' ? f.target.items.symbols : undefined;
    const missing = symbols && real.labels ? real.labels.filter((l) => !symbols.includes(l)) : [];
    if (missing.length > 0) problems.push(`column ${f.column}: enum label(s) ${missing.join(', ')} have no symbol in the Avro enum (${symbols!.join(', ')})`);
  }
  problems.push(...(await replicaIdentityProblems(client, oid, replident, where, mapping)));
  return problems;
}

/** A delete carries only the replica identity's columns: they must include every key column. */
async function replicaIdentityProblems(client: pg.ClientBase, oid: number, replident: string, where: string, mapping: TailerMapping): Promise<string[]> {
  if (replident === 'f') return [];
  // The envelope's `before` is the whole old row, which PostgreSQL sends only with REPLICA IDENTITY FULL.
  if (mapping.shape === 'envelope') return [`${where} needs REPLICA IDENTITY FULL for the envelope shape (its 'before' is the whole old row): ALTER TABLE ${where} REPLICA IDENTITY FULL`];
  if (replident === 'n') return [`${where} has REPLICA IDENTITY NOTHING: deletes carry no key (use DEFAULT with a primary key, or FULL)`];
  const index = await client.query<{ name: string }>(
    `SELECT a.attname AS name FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
      WHERE i.indrelid = $1 AND ${replident === 'i' ? 'i.indisreplident' : 'i.indisprimary'}`,
    [oid],
  );
  const identity = new Set(index.rows.map((r) => r.name));
  const keyColumns = columnsOf({ ...mapping, value: [] }).map((c) => c.column);
  if (identity.size === 0) return [`${where} has no primary key: deletes carry no key (add one over ${keyColumns.join(', ')}, or set REPLICA IDENTITY FULL)`];
  const outside = keyColumns.filter((c) => !identity.has(c));
  return outside.length === 0 ? [] : [`key column(s) ${outside.join(', ')} are not in the replica identity of ${where} (${[...identity].join(', ')}): a delete would not carry them`];
}
