/**
 * A private PostgreSQL cluster for integration tests (dev/postgres-up.sh: initdb into its own folder, wal_level
 * logical, its own port), stopped and removed by `stop()`; and a fresh database per test, so table names and slots
 * never meet. UNILOG_POSTGRES_PORT moves the base port (default 15432); each test file passes its own offset.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { REPO } from '../support/generate-into.js';

export interface PrivatePostgres {
  readonly port: number;
  /** Connection settings of a database of this cluster. */
  connection(database?: string): pg.ClientConfig;
  /** Creates a database with a random name; with `sql`, runs it there. */
  createDatabase(sql?: string): Promise<string>;
  /** Runs `sql` in `database` and returns the rows. */
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(database: string, sql: string, params?: unknown[]): Promise<R[]>;
  stop(): void;
}

function script(name: string, port: number): string {
  const r = spawnSync('bash', [join(REPO, 'dev', name)], { env: { ...process.env, UNILOG_POSTGRES_PORT: String(port) }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`dev/${name} failed (exit ${r.status}): ${r.stderr}`);
  return r.stdout;
}

export function startPostgres(offset: number): PrivatePostgres {
  const port = Number(process.env['UNILOG_POSTGRES_PORT'] ?? 15432) + offset;
  script('postgres-up.sh', port);
  const connection = (database = 'postgres'): pg.ClientConfig => ({ host: '127.0.0.1', port, user: 'postgres', database });
  const query = async <R extends pg.QueryResultRow>(database: string, sql: string, params?: unknown[]): Promise<R[]> => {
    const client = new pg.Client(connection(database));
    await client.connect();
    try {
      return (await client.query<R>(sql, params)).rows;
    } finally {
      await client.end();
    }
  };
  return {
    port,
    connection,
    query,
    async createDatabase(sql) {
      const name = `t_${randomUUID().slice(0, 8)}`;
      await query('postgres', `CREATE DATABASE ${name}`);
      if (sql) await query(name, sql);
      return name;
    },
    stop: () => void script('postgres-down.sh', port),
  };
}

/** The tables schemas/tailers.yaml maps (dev/postgres/example-tables.sql). */
export const EXAMPLE_TABLES = readFileSync(join(REPO, 'dev', 'postgres', 'example-tables.sql'), 'utf8');
