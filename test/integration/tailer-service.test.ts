/**
 * The users-tailer service as it runs in production: compiled, its own process, against a private PostgreSQL and the
 * real Kafka. Killed with SIGKILL while rows are committed, and started again, it loses nothing: every committed row
 * is in the topic, and the only duplicates are rows committed after the last position it confirmed (counted).
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { KafkaMessage } from 'kafkajs';
import pg from 'pg';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { usersTailer } from '../../generated/tailers/users.js';
import { ensureRuntimeLink } from '../../generator/scaffold/runtime-link.js';
import { defineTopic, ensureTopics } from '../../runtime/index.js';
import { parseLsn } from '../../runtime/tailer/lsn.js';
import { REPO } from '../support/generate-into.js';
import { kafkaBrokers, schemaRegistryUrl } from './infra.js';
import { EXAMPLE_TABLES, startPostgres, type PrivatePostgres } from './postgres.js';
import { kafka, unique, until } from './runtime-support.js';

const SERVICE = join(REPO, 'services', 'users-tailer');
const MAIN = join(SERVICE, 'dist', 'services', 'users-tailer', 'src', 'main.js');
const client = kafka();
const children: ChildProcessWithoutNullStreams[] = [];
let postgres: PrivatePostgres;

beforeAll(() => {
  if (!existsSync(join(REPO, 'dist', 'runtime', 'tailer', 'index.js'))) throw new Error('run `npm run build` first: the service runs on the compiled runtime');
  ensureRuntimeLink(SERVICE, REPO);
  const build = spawnSync(process.execPath, [join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: SERVICE, encoding: 'utf8' });
  expect(build.stdout + build.stderr).toBe('');
  postgres = startPostgres(1);
});

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  postgres?.stop();
});

function startTailer(env: Record<string, string>, ready = '"users-tailer started"'): Promise<ChildProcessWithoutNullStreams> {
  const child = spawn(process.execPath, [MAIN, '--config', join(SERVICE, 'config.yaml')], {
    cwd: SERVICE,
    env: { ...process.env, PORT: '0', ADMIN_PORT: '0', LOG_LEVEL: 'info', TAILERS: 'users', KAFKA_BROKERS: kafkaBrokers().join(','), SCHEMA_REGISTRY_URL: schemaRegistryUrl(), ...env },
  });
  children.push(child);
  const log: string[] = [];
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      log.push(chunk.toString());
      if (log.join('').includes(ready)) resolve(child);
    });
    child.stderr.on('data', (chunk: Buffer) => log.push(chunk.toString()));
    child.on('exit', (code) => reject(new Error(`users-tailer exited with ${code} before it started:\n${log.join('')}`)));
  });
}

test('kill -9 mid-stream and a restart lose nothing; duplicates only after the last confirmed position', async () => {
  const db = await postgres.createDatabase(EXAMPLE_TABLES);
  const prefix = `${unique('tl')}.`;
  const slotPrefix = `${prefix.replace(/[-.]/g, '_')}`;
  const topic = defineTopic({ ...usersTailer.topic, name: `${prefix}users`, partitions: 3 });
  await ensureTopics(client, [topic]);
  const env = { DATABASE_URL: `postgres://postgres@127.0.0.1:${postgres.port}/${db}`, TOPIC_PREFIX: prefix, SLOT_PREFIX: slotPrefix };

  const seen: KafkaMessage[] = [];
  const consumer = client.consumer({ groupId: unique('tailer-reader'), maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic.name], fromBeginning: true });
  await consumer.run({ eachMessage: async ({ message }) => void seen.push(message) });

  const first = await startTailer(env);
  const writer = new pg.Client(postgres.connection(db));
  await writer.connect();
  const ROWS = 1500;
  const committedAt: bigint[] = [];
  let killedAt: bigint | undefined;
  for (let i = 0; i < ROWS; i++) {
    const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    await writer.query(`INSERT INTO users (id, username, display_name) VALUES ($1, $2, 'x')`, [id, `u${i}`]);
    // An upper bound of the row's commit position: one writer, so commits are in this order.
    committedAt.push(parseLsn((await writer.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn')).rows[0]!.lsn));
    if (killedAt === undefined && seen.length >= 300) {
      first.kill('SIGKILL');
      await new Promise((r) => first.once('exit', r));
      const slot = await postgres.query<{ lsn: string; active: boolean }>(db, 'SELECT confirmed_flush_lsn::text AS lsn, active FROM pg_replication_slots WHERE slot_name = $1', [`${slotPrefix}users`]);
      killedAt = parseLsn(slot[0]!.lsn);
    }
  }
  await writer.end();
  expect(killedAt).toBeDefined();
  const atKill = seen.length;

  const second = await startTailer(env);
  const ids = (m: KafkaMessage): string => topic.key.decodeFramed(m.key!).userId;
  await until(() => new Set(seen.map(ids)).size === ROWS, `all ${ROWS} rows in the topic`, 60_000);
  second.kill('SIGTERM');
  await new Promise((r) => second.once('exit', r));
  await consumer.disconnect();

  const counts = new Map<string, number>();
  for (const m of seen) counts.set(ids(m), (counts.get(ids(m)) ?? 0) + 1);
  const duplicated = [...counts].filter(([, n]) => n > 1).map(([id]) => Number(id.slice(-12)));
  // A row whose commit (bounded above by committedAt) is at or before the confirmed position is never written twice.
  for (const i of duplicated) expect(committedAt[i]! > killedAt!).toBe(true);
  console.log(`tailer kill -9: ${atKill} records before the kill, ${seen.length} in all for ${ROWS} rows, ${duplicated.length} duplicated (after the confirmed position)`);
}, 120_000);

test('a standby instance takes over when the active one is killed with SIGKILL', async () => {
  const db = await postgres.createDatabase(EXAMPLE_TABLES);
  const prefix = `${unique('tl')}.`;
  const slotPrefix = `${prefix.replace(/[-.]/g, '_')}`;
  const topic = defineTopic({ ...usersTailer.topic, name: `${prefix}users`, partitions: 3 });
  await ensureTopics(client, [topic]);
  const env = { DATABASE_URL: `postgres://postgres@127.0.0.1:${postgres.port}/${db}`, TOPIC_PREFIX: prefix, SLOT_PREFIX: slotPrefix };
  const active = await startTailer(env, 'tailer users streaming');
  const standby = await startTailer(env, 'tailer users stands by');
  const insert = (i: number) => postgres.query(db, `INSERT INTO users (id, username, display_name) VALUES ('00000000-0000-4000-8000-${String(i).padStart(12, '0')}', 'u${i}', 'x')`);
  await insert(1);
  active.kill('SIGKILL');
  await new Promise((r) => active.once('exit', r));
  await insert(2);

  const seen = new Set<string>();
  const consumer = client.consumer({ groupId: unique('tailer-reader'), maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic.name], fromBeginning: true });
  await consumer.run({ eachMessage: async ({ message }) => void seen.add(topic.value.decodeFramed(message.value!).username) });
  await until(() => seen.size === 2, 'both rows, the second written by the standby', 30_000);
  await consumer.disconnect();
  expect([...seen].sort()).toEqual(['u1', 'u2']);
  const slot = await postgres.query<{ active_pid: number }>(db, 'SELECT active_pid FROM pg_replication_slots WHERE slot_name = $1', [`${slotPrefix}users`]);
  expect(slot[0]!.active_pid).not.toBeNull();
  standby.kill('SIGTERM');
  await new Promise((r) => standby.once('exit', r));
}, 120_000);
