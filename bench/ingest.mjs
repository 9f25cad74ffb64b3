// Records/s through services/rest-proxy (Confluent v2, Avro JSON, batches of 100 records over keep-alive HTTP from a
// bounded local load loop) beside unilog's typed producer writing the same batches straight to Kafka, same broker,
// same run. The two sides take turns, round by round, each with the same number of requests in flight, so load from
// anything else on the machine falls on both alike. Prints records/s, the ratio, and p50/p99 of a batch's latency.
//
// It starts the proxy (compiled, as its own process) but not Kafka: the broker and registry must answer at
// KAFKA_BROKERS / SCHEMA_REGISTRY_URL, or at the `npm run dev:up` defaults. Build first (`npm run build`), then:
//   node bench/ingest.mjs [--json] [--records N] [--rounds N] [--concurrency N]
// Target (issue 18): the proxy ≥ 0.5× the direct producer.
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');
const SERVICE = join(REPO, 'services', 'rest-proxy');
const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    records: { type: 'string', default: '30000' },
    rounds: { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '4' },
  },
});
const N = Number(values.records);
const ROUNDS = Number(values.rounds);
const IN_FLIGHT = Number(values.concurrency);
const BATCH = 100;
const WARMUP = 2000;
const BROKERS = (process.env.KAFKA_BROKERS?.trim() || '127.0.0.1:19092').split(',').map((b) => b.trim()).filter(Boolean);
const REGISTRY = (process.env.SCHEMA_REGISTRY_URL?.trim() || 'http://127.0.0.1:18081/apis/ccompat/v7').replace(/\/+$/, '');

function fail(message) {
  process.stderr.write(`bench/ingest.mjs: ${message}\n`);
  process.exit(1);
}

if (!existsSync(join(REPO, 'dist', 'runtime', 'index.js'))) fail('run `npm run build` first');
const link = join(SERVICE, 'node_modules', 'unilog');
if (!existsSync(link)) {
  mkdirSync(dirname(link), { recursive: true });
  symlinkSync(relative(dirname(link), REPO), link, 'dir');
}
const build = spawnSync(process.execPath, [join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: SERVICE, encoding: 'utf8' });
if (build.status !== 0) fail(`building services/rest-proxy failed:\n${build.stdout}${build.stderr}`);
// The proxy's compiled copy of generated/: the same bindings the direct side uses.
const generated = join(SERVICE, 'dist', 'generated', 'topics.js');
const { users } = await import(pathToFileURL(generated).href);
const runtime = await import(pathToFileURL(join(REPO, 'dist', 'runtime', 'index.js')).href);

const kafka = new Kafka({ clientId: 'unilog-bench-ingest', brokers: BROKERS, logLevel: logLevel.NOTHING, retry: { retries: 2 } });
const prefix = `bench-ingest-${randomUUID().slice(0, 8)}.`;
const proxyTopic = runtime.defineTopic({ ...users, name: `${prefix}users` });
const directTopic = runtime.defineTopic({ ...users, name: `${prefix}users-direct` });
try {
  await runtime.ensureTopics(kafka, [proxyTopic, directTopic]);
} catch (e) {
  fail(`Kafka not reachable at ${BROKERS.join(',')} (${e.message}); start it with \`npm run dev:up\` or set KAFKA_BROKERS`);
}

// The same users for both sides: Avro's JSON encoding for the proxy, the generated input type for the producer.
const created = Date.UTC(2024, 4, 17, 12, 30);
const total = WARMUP + N;
const json = [];
const typed = [];
for (let i = 0; i < total; i++) {
  const id = randomUUID();
  const common = { id, username: `user${i}`, displayName: `User Number ${i}`, status: 'ACTIVE', verified: i % 5 === 0, followerCount: i * 7, interests: ['kafka', 'avro'], settings: { theme: 'dark' } };
  const email = i % 3 ? `user${i}@example.com` : null;
  const bio = i % 2 ? null : 'Writes about distributed systems and coffee.';
  json.push({ key: { userId: id }, value: { ...common, email: email && { string: email }, bio: bio && { string: bio }, location: null, avatar: null, createdAt: created, updatedAt: created + i } });
  typed.push({ key: { userId: id }, value: { ...common, email, bio, location: null, avatar: null, createdAt: new Date(created), updatedAt: new Date(created + i) } });
}

const proxy = spawn(process.execPath, [join(SERVICE, 'dist', 'services', 'rest-proxy', 'src', 'main.js')], {
  cwd: SERVICE,
  env: { ...process.env, PORT: '0', ADMIN_PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ACCESS_LOG: 'false', TOPIC_PREFIX: prefix, KAFKA_BROKERS: BROKERS.join(','), SCHEMA_REGISTRY_URL: REGISTRY },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const proxyUrl = await new Promise((resolve, reject) => {
  let buffer = '';
  proxy.stdout.on('data', (chunk) => {
    buffer += chunk;
    for (let i = buffer.indexOf('\n'); i >= 0; i = buffer.indexOf('\n')) {
      const line = buffer.slice(0, i);
      buffer = buffer.slice(i + 1);
      const entry = JSON.parse(line);
      if (entry.msg === 'rest-proxy started') resolve(entry.app);
    }
  });
  proxy.on('exit', (code) => reject(new Error(`rest-proxy exited with ${code} before it started`)));
}).catch((e) => fail(e.message));
const stopProxy = () => new Promise((resolve) => (proxy.exitCode !== null ? resolve() : (proxy.once('exit', resolve), proxy.kill('SIGTERM'))));

const producer = runtime.createProducer(kafka, directTopic, { registry: runtime.createSchemaRegistry({ url: REGISTRY, policy: 'auto-register' }) });
await producer.connect();

/** Sends one batch through the proxy (fetch keeps its connections alive); resolves when Kafka acknowledged it. */
async function viaProxy(from) {
  const res = await fetch(`${proxyUrl}/topics/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/vnd.kafka.avro.v2+json' },
    body: JSON.stringify({ records: json.slice(from, from + BATCH) }),
  });
  const body = await res.json();
  if (res.status !== 200) throw new Error(`proxy answered ${res.status}: ${JSON.stringify(body)}`);
}

function direct(from) {
  return producer.sendBatch(typed.slice(from, from + BATCH));
}

/** Records [first, first + count) in batches, IN_FLIGHT at a time; the latency of every batch in `latencies`. */
async function run(send, first, count, latencies) {
  let next = first;
  const worker = async () => {
    while (next < first + count) {
      const from = next;
      next += BATCH;
      const t = performance.now();
      await send(from);
      latencies.push(performance.now() - t);
    }
  };
  const t = performance.now();
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return performance.now() - t;
}

const sides = { proxy: { send: viaProxy, ms: 0, latencies: [] }, direct: { send: direct, ms: 0, latencies: [] } };
await run(viaProxy, 0, WARMUP / 2, []);
await run(direct, WARMUP / 2, WARMUP / 2, []);
const perRound = Math.floor(N / ROUNDS / BATCH) * BATCH;
for (let r = 0; r < ROUNDS; r++) {
  // The same users on both sides (each to its own topic); who goes first alternates.
  for (const side of r % 2 ? [sides.direct, sides.proxy] : [sides.proxy, sides.direct]) {
    side.ms += await run(side.send, WARMUP + r * perRound, perRound, side.latencies);
  }
}
await producer.disconnect();
await stopProxy();

const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const report = {};
for (const [name, side] of Object.entries(sides)) {
  report[name] = { recordsPerSecond: Math.round((perRound * ROUNDS) / (side.ms / 1000)), p50Ms: +percentile(side.latencies, 50).toFixed(1), p99Ms: +percentile(side.latencies, 99).toFixed(1) };
}
const ratio = +(report.proxy.recordsPerSecond / report.direct.recordsPerSecond).toFixed(2);
if (values.json) {
  process.stdout.write(`${JSON.stringify({ ingest: { ...report, ratio, batch: BATCH, inFlight: IN_FLIGHT, records: perRound * ROUNDS } })}\n`);
} else {
  process.stdout.write(
    [
      `ingest: ${perRound * ROUNDS} users per side in batches of ${BATCH}, ${IN_FLIGHT} in flight, ${ROUNDS} rounds taking turns`,
      `  rest-proxy (HTTP, Avro JSON)   ${String(report.proxy.recordsPerSecond).padStart(7)} records/s   batch p50 ${report.proxy.p50Ms} ms, p99 ${report.proxy.p99Ms} ms`,
      `  typed producer (direct)        ${String(report.direct.recordsPerSecond).padStart(7)} records/s   batch p50 ${report.direct.p50Ms} ms, p99 ${report.direct.p99Ms} ms`,
      `  ratio proxy / direct: ${ratio}× (target ≥ 0.5×)`,
      '',
    ].join('\n'),
  );
}
// Topics stay: deleting them would cost the broker more than they hold (a few MB under a bench- prefix).
