// PostgreSQL tailer benchmark: rows per second from commit to Kafka acknowledgement (the tailer's confirmed position
// reaching the last commit), for single-row transactions and for bulk transactions of 1,000 rows, beside the raw rate
// of reading the same WAL through pg-logical-replication alone (decoding only: no conversion, no Kafka), from a
// second slot created at the same point, in the same run. Then end-to-end lag (commit → record consumed) percentiles
// while rows are committed at a steady pace.
//
// It starts its own private PostgreSQL (dev/postgres-up.sh, port UNILOG_POSTGRES_PORT+9, removed at the end); the
// broker and registry must answer at KAFKA_BROKERS / SCHEMA_REGISTRY_URL, or at the `npm run dev:up` defaults.
// Build first (`npm run build`), then:
//   node bench/tailer.mjs [--json] [--rows N] [--bulk N] [--lag-rows N]
// Target: the tailer ≥ 0.5× the raw read.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { LogicalReplicationService, PgoutputPlugin } from 'pg-logical-replication';
import { loadGenerated } from './support/load-generated.mjs';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    rows: { type: 'string', default: '20000' },
    bulk: { type: 'string', default: '100000' },
    'lag-rows': { type: 'string', default: '3000' },
  },
});
const ROWS = Number(values.rows);
const BULK = Number(values.bulk);
const LAG_ROWS = Number(values['lag-rows']);
const BROKERS = (process.env.KAFKA_BROKERS?.trim() || '127.0.0.1:19092').split(',').map((b) => b.trim()).filter(Boolean);
const REGISTRY = (process.env.SCHEMA_REGISTRY_URL?.trim() || 'http://127.0.0.1:18081/apis/ccompat/v7').replace(/\/+$/, '');
const PG_PORT = Number(process.env.UNILOG_POSTGRES_PORT ?? 15432) + 9;

function fail(message) {
  process.stderr.write(`bench/tailer.mjs: ${message}\n`);
  process.exit(1);
}
const pgScript = (name) => {
  const r = spawnSync('bash', [join(REPO, 'dev', name)], { env: { ...process.env, UNILOG_POSTGRES_PORT: String(PG_PORT) }, encoding: 'utf8' });
  if (r.status !== 0) fail(`dev/${name}: ${r.stderr}`);
};

const runtime = await import('../dist/runtime/index.js').catch((e) => fail(`cannot load dist/runtime (run \`npm run build\` first): ${e.message}`));
const tailerRuntime = await import('../dist/runtime/tailer/index.js');
const { users: usersDef } = (await loadGenerated('tailers/index.js', 'bench-tailer-generated')).tailers;
const kafka = new Kafka({ clientId: 'unilog-bench-tailer', brokers: BROKERS, logLevel: logLevel.NOTHING, connectionTimeout: 3000 });
const registry = runtime.createSchemaRegistry({ url: REGISTRY, policy: 'auto-register' });

pgScript('postgres-up.sh');
process.on('exit', () => spawnSync('bash', [join(REPO, 'dev', 'postgres-down.sh')], { env: { ...process.env, UNILOG_POSTGRES_PORT: String(PG_PORT) } }));
const connection = { host: '127.0.0.1', port: PG_PORT, user: 'postgres', database: 'postgres' };
const db = new pg.Client(connection);
await db.connect();
await db.query(readFileSync(join(REPO, 'dev', 'postgres', 'example-tables.sql'), 'utf8'));
const lsnNow = async () => (await db.query('SELECT pg_current_wal_lsn()::text AS l')).rows[0].l;
const lsn = (text) => { const [h, l] = text.split('/'); return (BigInt(`0x${h}`) << 32n) + BigInt(`0x${l}`); };

const stamp = Date.now().toString(36);
const topic = runtime.defineTopic({ ...usersDef.topic, name: `bench-tailer-users-${stamp}` });
await runtime.ensureTopics(kafka, [topic]);
const def = { ...usersDef, topic };
const SLOT = `bench_tailer_${stamp}`;
const RAW = `bench_raw_${stamp}`;

/** Reads the raw slot until `count` inserts were decoded; resolves the seconds it took. */
async function rawRead(count) {
  const service = new LogicalReplicationService(connection, { acknowledge: { auto: true, timeoutSeconds: 10 } });
  let seen = 0;
  const t0 = process.hrtime.bigint();
  const done = new Promise((resolve) => service.on('data', (_lsn, m) => { if (m.tag === 'insert' && ++seen === count) resolve(); }));
  service.subscribe(new PgoutputPlugin({ protoVersion: 1, publicationNames: [SLOT] }), RAW).catch(() => undefined);
  await done;
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  await service.destroy();
  return s;
}

/** Starts the tailer on its existing slot and resolves the seconds until its confirmed position reaches `target`. */
async function tailerRead(target) {
  const tailer = tailerRuntime.createTailer(def, { connection, kafka, registry, slot: SLOT });
  const t0 = process.hrtime.bigint();
  await tailer.start();
  while (tailer.stats().confirmedLsn === undefined || lsn(tailer.stats().confirmedLsn) < lsn(target)) {
    if (tailer.stats().phase === 'failed') fail(`tailer failed: ${tailer.stats().error}`);
    await new Promise((r) => setTimeout(r, 5));
  }
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  await tailer.stop();
  return s;
}

const insert = (i) => `INSERT INTO users (id, username, display_name, follower_count, interests, settings)
  VALUES ('${`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`}', 'user${i}', 'User ${i}', ${i}, '{kafka,avro}', '{"theme":"dark"}')`;

// Both slots exist before any row is written: the tailer's (created by its first start, empty snapshot) and the raw one.
const first = tailerRuntime.createTailer(def, { connection, kafka, registry, slot: SLOT });
await first.start();
await first.stop();
await db.query(`SELECT pg_create_logical_replication_slot('${RAW}', 'pgoutput')`);

const started = Date.now();
const report = {};
async function phase(name, rows, write) {
  await write();
  const target = await lsnNow();
  const raw = await rawRead(rows);
  const ours = await tailerRead(target);
  report[`${name}.raw.rowsPerSec`] = Math.round(rows / raw);
  report[`${name}.tailer.rowsPerSec`] = Math.round(rows / ours);
  report[`${name}.ratio`] = Number((raw / ours).toFixed(2));
}

await phase('single', ROWS, async () => {
  for (let i = 0; i < ROWS; i++) await db.query(insert(i));
});
await phase('bulk', BULK, async () => {
  for (let i = 0; i < BULK; i += 1000) {
    await db.query(`INSERT INTO users (id, username, display_name, follower_count, interests, settings)
      SELECT ('00000000-0000-4000-9000-' || lpad(g::text, 12, '0'))::uuid, 'bulk' || g, 'Bulk ' || g, g, '{kafka,avro}', '{"theme":"dark"}'
        FROM generate_series(${i}, ${Math.min(i + 1000, BULK) - 1}) g`);
  }
});

// Lag: the tailer streams while rows are committed at a steady pace; each row's created_at is its commit time (one
// statement per transaction: now() is the transaction's start, a few µs before the commit).
const tailer = tailerRuntime.createTailer(def, { connection, kafka, registry, slot: SLOT });
await tailer.start();
const consumer = kafka.consumer({ groupId: `bench-tailer-${stamp}`, maxWaitTimeInMs: 20, minBytes: 1 });
await consumer.connect();
const lags = [];
await consumer.subscribe({ topics: [topic.name], fromBeginning: false });
await consumer.run({
  eachMessage: async ({ message }) => {
    const v = message.value && topic.value.decodeFramed(message.value);
    if (v && v.username.startsWith('lag')) lags.push(Date.now() - v.createdAt.getTime());
  },
});
await new Promise((r) => setTimeout(r, 3000)); // the consumer joins its group
const PACE_MS = 2;
for (let i = 0; i < LAG_ROWS; i++) {
  await db.query(`INSERT INTO users (id, username, display_name) VALUES ('00000000-0000-4000-a000-${String(i).padStart(12, '0')}', 'lag${i}', 'x')`);
  await new Promise((r) => setTimeout(r, PACE_MS));
}
const deadline = Date.now() + 30_000;
while (lags.length < LAG_ROWS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
await consumer.disconnect();
await tailer.stop();
lags.sort((a, b) => a - b);
const pct = (p) => lags[Math.min(lags.length - 1, Math.floor((p / 100) * lags.length))];
report['lag.rows'] = lags.length;
report['lag.p50Ms'] = pct(50);
report['lag.p95Ms'] = pct(95);
report['lag.p99Ms'] = pct(99);
report['lag.maxMs'] = lags.at(-1);
report.seconds = Math.round((Date.now() - started) / 1000);

await db.query(`SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots`);
await db.end();

if (values.json) process.stdout.write(`${JSON.stringify(Object.fromEntries(Object.entries(report).map(([k, v]) => [`tailer.${k}`, v])))}\n`);
else {
  process.stdout.write(
    `tailer: users table → topic through ${BROKERS.join(',')} (${report.seconds} s in all)\n` +
      `  single-row transactions, ${ROWS.toLocaleString('en-US')} rows: tailer ${report['single.tailer.rowsPerSec']} rows/s, raw read ${report['single.raw.rowsPerSec']} rows/s, ratio ${report['single.ratio']}× (target ≥ 0.5×)\n` +
      `  bulk (1,000 rows a transaction), ${BULK.toLocaleString('en-US')} rows: tailer ${report['bulk.tailer.rowsPerSec']} rows/s, raw read ${report['bulk.raw.rowsPerSec']} rows/s, ratio ${report['bulk.ratio']}×\n` +
      `  commit → consumed lag over ${report['lag.rows']} rows (one every ~${PACE_MS} ms): p50 ${report['lag.p50Ms']} ms, p95 ${report['lag.p95Ms']} ms, p99 ${report['lag.p99Ms']} ms, max ${report['lag.maxMs']} ms\n`,
  );
}
process.exit(0);
