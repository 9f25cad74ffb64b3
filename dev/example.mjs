#!/usr/bin/env node
// The User Search example as one command (`npm run example`, after `npm run dev:up -- --search --postgres`):
// PostgreSQL (users, user_connections) → users-tailer → users, user-connections → connections-joiner →
// users-with-connections → users-indexer → OpenSearch → search-service. It builds what it runs, creates the tables
// and the catalog's topics, starts the four services as processes (logs in .dev/logs/example-<service>.log), prints
// what to try, and stops them on Ctrl-C. docs/example.md walks through it stage by stage.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const REPO = dirname(dirname(fileURLToPath(import.meta.url)));
const LOGS = join(REPO, '.dev', 'logs');
const env = {
  KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:19092',
  SCHEMA_REGISTRY_URL: process.env.SCHEMA_REGISTRY_URL ?? 'http://127.0.0.1:18081/apis/ccompat/v7',
  OPENSEARCH_URL: process.env.OPENSEARCH_URL ?? 'http://127.0.0.1:19200',
};
const pgPort = Number(process.env.UNILOG_POSTGRES_PORT ?? 15432);
const database = 'user_search';
const DATABASE_URL = `postgres://postgres@127.0.0.1:${pgPort}/${database}`;
// Ports of the four services (application, admin): fixed, so the printed commands work.
const SERVICES = [
  ['search-service', 8080, { SEARCH_ENGINE_URL: env.OPENSEARCH_URL, SEARCH_INDEX: 'users' }],
  ['users-indexer', 8090, { INDEX_NAME: 'users' }],
  ['connections-joiner', 8092, {}],
  ['users-tailer', 8094, { DATABASE_URL }],
];

function step(what, command, args, options = {}) {
  process.stderr.write(`example: ${what}\n`);
  const r = spawnSync(command, args, { cwd: REPO, encoding: 'utf8', env: { ...process.env, ...env }, ...options });
  if (r.status !== 0) {
    process.stderr.write(`example: error: ${what} failed (exit ${r.status})\n${r.stdout ?? ''}${r.stderr ?? ''}`);
    process.exit(1);
  }
  return r.stdout ?? '';
}

step('building unilog', 'npm', ['run', '-s', 'build']);
step('linking the services to this checkout', process.execPath, ['dev/link-services.mjs']);
for (const [name] of SERVICES) step(`building ${name}`, process.execPath, [join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: join(REPO, 'services', name) });
step(`checking PostgreSQL on 127.0.0.1:${pgPort} (dev/postgres-up.sh)`, 'bash', ['dev/postgres-up.sh']);
const admin = new pg.Client({ host: '127.0.0.1', port: pgPort, user: 'postgres', database: 'postgres' });
await admin.connect();
const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database])).rowCount;
if (!exists) {
  process.stderr.write(`example: creating database ${database} with the tables of dev/postgres/example-tables.sql\n`);
  await admin.query(`CREATE DATABASE ${database}`);
  const db = new pg.Client({ host: '127.0.0.1', port: pgPort, user: 'postgres', database });
  await db.connect();
  await db.query(readFileSync(join(REPO, 'dev', 'postgres', 'example-tables.sql'), 'utf8'));
  await db.end();
}
await admin.end();
step("creating the catalog's topics", process.execPath, ['bin/unilog.js', 'topics', '--create', '--brokers', env.KAFKA_BROKERS]);

mkdirSync(LOGS, { recursive: true });
const children = [];
for (const [name, port, extra] of SERVICES) {
  const dir = join(REPO, 'services', name);
  const log = createWriteStream(join(LOGS, `example-${name}.log`), { flags: 'a' });
  const child = spawn(process.execPath, [join(dir, 'dist', 'services', name, 'src', 'main.js'), '--config', join(dir, 'config.yaml')], {
    cwd: dir,
    env: { ...process.env, ...env, ...extra, PORT: String(port), ADMIN_PORT: String(port + 1) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  // Each service logs "<name> started" once both ports are open.
  await new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => String(chunk).includes(`"${name} started"`) && resolve());
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code}; see .dev/logs/example-${name}.log`)));
  }).catch((e) => {
    process.stderr.write(`example: error: ${e.message}\n`);
    for (const c of children) c.kill('SIGTERM');
    process.exit(1);
  });
  process.stderr.write(`example: ${name} runs on http://127.0.0.1:${port} (admin ${port + 1})\n`);
  children.push(child);
}

process.stdout.write(`
The User Search pipeline runs. Change a user in SQL and search for it:

  psql ${DATABASE_URL} -c "INSERT INTO users (id, username, display_name, bio) VALUES (gen_random_uuid(), 'ada', 'Ada Lovelace', 'Writes programs for engines')"
  curl 'http://127.0.0.1:8080/users/search?q=program'
  psql ${DATABASE_URL} -c "UPDATE users SET bio = 'Keeps bees', updated_at = now() WHERE username = 'ada'"
  curl 'http://127.0.0.1:8080/users/search?q=bee'

Health and metrics of each stage: http://127.0.0.1:<port+1>/healthcheck and /metrics. Ctrl-C stops the services
(npm run dev:down stops Kafka, the registry, OpenSearch and PostgreSQL).
`);

const stop = () => {
  for (const c of children) c.kill('SIGTERM');
  Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : undefined))).then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
