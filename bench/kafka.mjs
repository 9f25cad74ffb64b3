// Producer and consumer benchmark through the real broker: 100,000 User records produced then consumed by the generated
// binding (`users` with unilog's typed producer and consumer) beside raw kafkajs with hand-framed avsc (Type.forSchema
// of the same standalone schema + a manual 5-byte header), same broker, same batch size, same producer and consumer
// settings, in the same run. The two sides take turns (batch by batch when producing, round by round when consuming) so
// load from anything else on the machine falls on both alike.
//
// It starts nothing: the broker and registry must answer at KAFKA_BROKERS / SCHEMA_REGISTRY_URL, or at the
// `npm run dev:up` defaults. Build first (`npm run build`), then:
//   node bench/kafka.mjs [--json] [--records N] [--rounds N] [--warmup N] [--verbose]
// Target: unilog ≥ 0.9× raw for both produce and consume.
import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import avro from 'avsc';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { loadGenerated } from './support/load-generated.mjs';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    records: { type: 'string', default: '100000' },
    rounds: { type: 'string', default: '6' },
    warmup: { type: 'string', default: '20000' },
    verbose: { type: 'boolean', default: false },
  },
});
const N = Number(values.records);
const BATCH = 1000;
const BROKERS = (process.env.KAFKA_BROKERS?.trim() || '127.0.0.1:19092').split(',').map((b) => b.trim()).filter(Boolean);
const REGISTRY = (process.env.SCHEMA_REGISTRY_URL?.trim() || 'http://127.0.0.1:18081/apis/ccompat/v7').replace(/\/+$/, '');
const CONSUMER = { maxWaitTimeInMs: 100, sessionTimeout: 10_000, heartbeatInterval: 1000 };

function fail(message) {
  process.stderr.write(`bench/kafka.mjs: ${message}\n`);
  process.exit(1);
}

const runtime = await import('../dist/runtime/index.js').catch((e) => fail(`cannot load dist/runtime (run \`npm run build\` first): ${e.message}`));

const kafka = new Kafka({ clientId: 'unilog-bench', brokers: BROKERS, logLevel: logLevel.NOTHING, connectionTimeout: 3000, retry: { retries: 2 } });

async function checkInfra() {
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.describeCluster();
  } catch (e) {
    fail(`Kafka not reachable at ${BROKERS.join(',')} (${e.message}); start it with \`npm run dev:up\` or set KAFKA_BROKERS`);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
  const res = await fetch(`${REGISTRY}/subjects`, { signal: AbortSignal.timeout(3000) }).catch((e) => e);
  if (!(res instanceof Response) || !res.ok) {
    fail(`schema registry not reachable at ${REGISTRY} (${res instanceof Response ? `HTTP ${res.status}` : (res.cause?.message ?? res.message)}); start it with \`npm run dev:up\` or set SCHEMA_REGISTRY_URL`);
  }
}

await checkInfra();
const { users } = await loadGenerated();
const registry = runtime.createSchemaRegistry({ url: REGISTRY, policy: 'auto-register' });

// The same 100,000 users for both sides: generated input types for unilog, avsc's representation for raw (timestamps
// as numbers, bytes as Buffer).
const created = Date.UTC(2024, 4, 17, 12, 30);
const inputs = [];
const rawInputs = [];
for (let i = 0; i < N; i++) {
  const id = randomUUID();
  const common = {
    id,
    username: `user${i}`,
    displayName: `User Number ${i}`,
    email: i % 3 ? `user${i}@example.com` : null,
    bio: i % 2 ? null : 'Writes about distributed systems and coffee.',
    location: i % 4 ? null : { lat: 51.5, lon: -0.12, placeName: 'London' },
    status: 'ACTIVE',
    verified: i % 5 === 0,
    followerCount: i * 7,
    interests: ['kafka', 'avro'],
    settings: { theme: 'dark' },
  };
  inputs.push({ key: { userId: id }, value: { ...common, avatar: null, createdAt: new Date(created), updatedAt: new Date(created + i) } });
  rawInputs.push({ key: { userId: id }, value: { ...common, avatar: null, createdAt: created, updatedAt: created + i } });
}

const keyType = avro.Type.forSchema(users.key.standaloneSchema());
const valueType = avro.Type.forSchema(users.value.standaloneSchema());
/** The raw side registers its schemas itself, as a hand-rolled producer would (POST /subjects/{s}/versions). */
async function registerRaw(subject, schema) {
  const res = await fetch(`${REGISTRY}/subjects/${encodeURIComponent(subject)}/versions`, {
    method: 'POST',
    headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
    body: JSON.stringify({ schema: JSON.stringify(schema) }),
  });
  if (!res.ok) fail(`registering ${subject}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()).id;
}
const ids = { key: 0, value: 0 };

function frame(type, value, id) {
  const body = type.toBuffer(value);
  const out = Buffer.allocUnsafe(body.length + 5);
  out[0] = 0;
  out.writeUInt32BE(id, 1);
  body.copy(out, 5);
  return out;
}

function unframe(type, bytes, id) {
  if (bytes[0] !== 0 || bytes.readUInt32BE(1) !== id) throw new Error('unexpected frame');
  return type.fromBuffer(bytes.subarray(5));
}

const topics = [];
async function freshTopic(side) {
  const t = runtime.defineTopic({ ...users, name: `bench-users-${side}-${randomUUID().slice(0, 8)}` });
  await runtime.ensureTopics(kafka, [t]);
  topics.push(t.name, `${t.name}.dlq`); // unilog consumers create <topic>.dlq
  return t;
}

/** CPU time of this process (user + system) since `since`, in ms: unlike wall time, other processes' load hardly moves it. */
function cpuMs(since) {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
}

const PRODUCER = { idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false };

/**
 * Both producers write their own topic, batch by batch in turns (unilog batch i, raw batch i, …), each side's time
 * summed over its batches: load from anything else on the machine falls on both alike.
 */
async function produceBoth(unilogTopic, rawTopic, first, count, timed) {
  const ours = runtime.createProducer(kafka, unilogTopic, { registry });
  const raw = kafka.producer({ ...PRODUCER, createPartitioner: Partitioners.DefaultPartitioner });
  await Promise.all([ours.connect(), raw.connect()]);
  for (let i = first; i < first + count; i += BATCH) {
    let start = performance.now();
    let cpu = process.cpuUsage();
    await ours.sendBatch(inputs.slice(i, i + BATCH));
    timed.unilog += performance.now() - start;
    timed.unilogCpu += cpuMs(cpu);
    start = performance.now();
    cpu = process.cpuUsage();
    const messages = rawInputs.slice(i, i + BATCH).map((r) => ({ key: frame(keyType, r.key, ids.key), value: frame(valueType, r.value, ids.value) }));
    await raw.send({ topic: rawTopic.name, messages, acks: -1 });
    timed.raw += performance.now() - start;
    timed.rawCpu += cpuMs(cpu);
  }
  await Promise.all([ours.disconnect(), raw.disconnect()]);
}

/** Time from the first record handled to the last (group join left out on both sides). */
async function consumeUnilog(topic, expected = N) {
  let count = 0;
  let first = 0;
  let last = 0;
  let cpu;
  let done;
  const finished = new Promise((resolve) => (done = resolve));
  const consumer = runtime.createConsumer(kafka, topic, {
    groupId: `bench-${randomUUID()}`,
    registry: runtime.createSchemaRegistry({ url: REGISTRY }), // learns the writer ids from the messages
    consumerConfig: CONSUMER,
    handler: (r) => {
      if (count === 0) {
        first = performance.now();
        cpu = process.cpuUsage();
      }
      if (r.value.username.length === 0) throw new Error('unreachable');
      if (++count === expected) {
        last = performance.now();
        cpu = cpuMs(cpu);
        done();
      }
    },
  });
  await consumer.start();
  await finished;
  await consumer.stop();
  return { ms: last - first, cpu };
}

async function consumeRaw(topic, expected = N) {
  let count = 0;
  let first = 0;
  let last = 0;
  let cpu;
  let done;
  const finished = new Promise((resolve) => (done = resolve));
  const consumer = kafka.consumer({ ...CONSUMER, groupId: `bench-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic.name], fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachBatchAutoResolve: false,
    eachBatch: async ({ batch, resolveOffset, commitOffsetsIfNecessary, uncommittedOffsets, isRunning }) => {
      for (const message of batch.messages) {
        if (!isRunning()) break;
        if (count === 0) {
          first = performance.now();
          cpu = process.cpuUsage();
        }
        unframe(keyType, message.key, ids.key);
        const value = unframe(valueType, message.value, ids.value);
        if (value.username.length === 0) throw new Error('unreachable');
        resolveOffset(message.offset);
        if (++count === expected) {
          last = performance.now();
          cpu = cpuMs(cpu);
          done();
        }
      }
      await commitOffsetsIfNecessary(uncommittedOffsets());
    },
  });
  await finished;
  await consumer.disconnect();
  return { ms: last - first, cpu };
}

const WARMUP = Math.min(Number(values.warmup), N);
const ROUNDS = Number(values.rounds);
const BUDGET_MS = 80_000;
const produced = { unilog: 0, raw: 0, unilogCpu: 0, rawCpu: 0 };
const consumed = { unilog: [], raw: [] };
try {
  const warm = { unilog: await freshTopic('warmup'), raw: await freshTopic('warmup') };
  ids.key = await registerRaw(`${warm.raw.name}-key`, users.key.standaloneSchema());
  ids.value = await registerRaw(`${warm.raw.name}-value`, users.value.standaloneSchema());
  await produceBoth(warm.unilog, warm.raw, 0, WARMUP, { unilog: 0, raw: 0, unilogCpu: 0, rawCpu: 0 });
  await consumeUnilog(warm.unilog, WARMUP);
  await consumeRaw(warm.raw, WARMUP);
  const unilogTopic = await freshTopic('unilog');
  const rawTopic = await freshTopic('raw');
  ids.key = await registerRaw(`${rawTopic.name}-key`, users.key.standaloneSchema());
  ids.value = await registerRaw(`${rawTopic.name}-value`, users.value.standaloneSchema());
  await produceBoth(unilogTopic, rawTopic, 0, N, produced);
  // Each side reads its topic ROUNDS times with a fresh group, in turns; the best round counts.
  // The order flips every round (unilog first, then raw first, …), so neither side always runs right after the other.
  // Bounded: past BUDGET_MS since the process started, no further round begins (two rounds each at least).
  for (let r = 0; r < ROUNDS && (r < 2 || performance.now() < BUDGET_MS); r++) {
    const turns = r % 2 === 0 ? ['unilog', 'raw'] : ['raw', 'unilog'];
    for (const side of turns) consumed[side].push(await (side === 'unilog' ? consumeUnilog(unilogTopic) : consumeRaw(rawTopic)));
  }
} finally {
  const admin = kafka.admin();
  await admin.connect();
  const present = new Set(await admin.listTopics());
  await admin.deleteTopics({ topics: topics.filter((t) => present.has(t)) }).catch(() => undefined);
  await admin.disconnect();
}

const best = (list) => Math.min(...list.map((r) => r.ms));
const bestCpu = (list) => Math.min(...list.map((r) => r.cpu));
const rps = (ms) => Math.round((N / ms) * 1000);
const report = {
  records: N,
  batch: BATCH,
  'produce.unilog_rps': rps(produced.unilog),
  'produce.raw_rps': rps(produced.raw),
  'consume.unilog_rps': rps(best(consumed.unilog)),
  'consume.raw_rps': rps(best(consumed.raw)),
};
report['produce.ratio'] = Number((report['produce.unilog_rps'] / report['produce.raw_rps']).toFixed(3));
report['consume.ratio'] = Number((report['consume.unilog_rps'] / report['consume.raw_rps']).toFixed(3));
// The same ratios from CPU time (raw CPU / unilog CPU): steadier than wall time on a busy machine.
report['produce.cpu_ratio'] = Number((produced.rawCpu / produced.unilogCpu).toFixed(3));
report['consume.cpu_ratio'] = Number((bestCpu(consumed.raw) / bestCpu(consumed.unilog)).toFixed(3));
report['consume.rounds'] = consumed.unilog.length;
report.seconds = Number((performance.now() / 1000).toFixed(1)); // the whole process, setup included

if (values.verbose) process.stderr.write(`consume rounds (ms wall, ms CPU): ${JSON.stringify(consumed)}\n`);
if (values.json) {
  process.stdout.write(`${JSON.stringify(Object.fromEntries(Object.entries(report).map(([k, v]) => [`kafka.${k}`, v])))}\n`);
} else {
  const line = (label, a, b, ratio) =>
    `${label.padEnd(10)} unilog ${a.toLocaleString('en-US').padStart(9)} rec/s   raw kafkajs+avsc ${b.toLocaleString('en-US').padStart(9)} rec/s   ${ratio.toFixed(2)}×`;
  process.stdout.write(
    `kafka: ${N.toLocaleString('en-US')} User records through ${BROKERS.join(',')}, batches of ${BATCH} (produce: in turns; consume: best of ${report['consume.rounds']} rounds in turns; ${report.seconds} s in all)\n` +
      `${line('produce', report['produce.unilog_rps'], report['produce.raw_rps'], report['produce.ratio'])}   (CPU time: ${report['produce.cpu_ratio'].toFixed(2)}×)\n` +
      `${line('consume', report['consume.unilog_rps'], report['consume.raw_rps'], report['consume.ratio'])}   (CPU time: ${report['consume.cpu_ratio'].toFixed(2)}×)\n` +
      'target: ≥ 0.90× raw for both\n',
  );
}
process.exit(0);
