/**
 * Kafka unreachable for a while under a streaming tailer: the broker is frozen (SIGSTOP) while rows are committed.
 * The tailer stops confirming (the slot's position does not move), retries, and once the broker answers again it
 * catches up: every row is in the topic. Integration files run one at a time, so freezing the broker disturbs no
 * other test; it needs the broker dev/up.sh started (its pid file).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTailer } from '../../runtime/tailer/index.js';
import { REPO } from '../support/generate-into.js';
import { kafkaBrokers } from './infra.js';
import { EXAMPLE_TABLES, startPostgres, type PrivatePostgres } from './postgres.js';
import { kafka, registry, unique, until } from './runtime-support.js';
import { readUsers, slotOf, usersTailerOnNewTopic } from './tailer-support.js';

const PID_FILE = join(process.env['UNILOG_DEV_STATE'] ?? join(REPO, '.dev'), 'pids', 'kafka.pid');
let postgres: PrivatePostgres;
let frozen: number | undefined;

beforeAll(() => {
  postgres = startPostgres(2);
});
afterAll(() => {
  if (frozen !== undefined) process.kill(frozen, 'SIGCONT');
  postgres?.stop();
});

test.skipIf(!existsSync(PID_FILE))('Kafka frozen while rows are committed: nothing is confirmed until it answers, then the tailer catches up', async () => {
  const db = await postgres.createDatabase(EXAMPLE_TABLES);
  const client = kafka();
  const def = await usersTailerOnNewTopic(client);
  // Short request timeouts, so that sends fail during the freeze and the tailer's own retry runs.
  const tailerKafka = new Kafka({ clientId: unique('tailer'), brokers: kafkaBrokers(), logLevel: logLevel.NOTHING, requestTimeout: 2000, retry: { retries: 1, initialRetryTime: 100 } });
  const tailer = createTailer(def, { connection: postgres.connection(db), kafka: tailerKafka, registry: registry(), slot: slotOf(def) });
  await tailer.start();
  const insert = (i: number) => postgres.query(db, `INSERT INTO users (id, username, display_name) VALUES ('00000000-0000-4000-8000-${String(i).padStart(12, '0')}', 'u${i}', 'x')`);
  const confirmed = async () => (await postgres.query<{ lsn: string }>(db, 'SELECT confirmed_flush_lsn::text AS lsn FROM pg_replication_slots WHERE slot_name = $1', [slotOf(def)]))[0]!.lsn;

  for (let i = 0; i < 20; i++) await insert(i);
  await until(() => tailer.stats().changes === 20 && tailer.stats().confirmedLsn !== undefined, 'the first 20 rows confirmed');
  await new Promise((r) => setTimeout(r, 500));
  const before = await confirmed();

  frozen = Number(readFileSync(PID_FILE, 'utf8'));
  process.kill(frozen, 'SIGSTOP');
  for (let i = 20; i < 40; i++) await insert(i);
  await until(() => tailer.stats().changes === 40, 'the tailer to read the rows committed during the outage');
  await new Promise((r) => setTimeout(r, 8000));
  expect(await confirmed()).toBe(before);
  expect(tailer.stats().phase).toBe('streaming');
  process.kill(frozen, 'SIGCONT');
  frozen = undefined;

  const changes = await readUsers(client, def, 40, 60_000).catch((error: unknown) => {
    throw new Error(`${String(error)}; tailer: ${JSON.stringify(tailer.stats())}`);
  });
  expect(new Set(changes.map((c) => c.value?.username)).size).toBe(40);
  // The slot's position moves again once Kafka acknowledged the rows of the outage.
  const end = Date.now() + 30_000;
  while ((await confirmed()) === before && Date.now() < end) await new Promise((r) => setTimeout(r, 200));
  expect(await confirmed()).not.toBe(before);
  await tailer.stop();
}, 120_000);
