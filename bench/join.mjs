// Join benchmark through the real broker (docs/joins.md § Cost), two measurements:
//
// 1. Throughput: the seed's table join (users ⋈ user-connections, the service's own function) on `--users` users and
//    `--edges` FOLLOW edges, written while the join runs (users rows and the via topic's re-keyed edges, two per edge,
//    interleaved in batches of 1,000) into fresh topics of `--partitions` partitions. Input records/s = records written
//    / time until the group's committed offsets reach the end of both inputs (so every output is written). Beside it,
//    in the same run and taking turns, a raw kafkajs consume → produce loop doing the same work: the same inputs and
//    codecs, the rows and related rows in Maps, the function called for every key a batch changed, its outputs sent in
//    one request per batch (acks all), then the offsets committed. The ratio is unilog / raw (target ≥ 0.7×). The
//    writer is measured alone too: a join as fast as the writer is bounded by it.
// 2. Restore: `--restore-records` users rows (default 1,000,000) in the table's partitions, the group's offsets at
//    their end (as after a clean run), then a join instance starts: records/s restored until every partition is live,
//    and the process's peak RSS and heap while it restores.
//
// It starts nothing: the broker and registry must answer at KAFKA_BROKERS / SCHEMA_REGISTRY_URL, or at the
// `npm run dev:up` defaults. Build first (`npm run build`), then:
//   node bench/join.mjs [--json] [--users N] [--edges N] [--rounds N] [--partitions N] [--restore-records N]
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import ts from 'typescript';
import { loadGenerated } from './support/load-generated.mjs';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
    users: { type: 'string', default: '20000' },
    edges: { type: 'string', default: '40000' },
    rounds: { type: 'string', default: '2' },
    partitions: { type: 'string', default: '3' },
    'restore-records': { type: 'string', default: '1000000' },
  },
});
const USERS = Number(values.users);
const EDGES = Number(values.edges);
const ROUNDS = Number(values.rounds);
const P = Number(values.partitions);
const RESTORE = Number(values['restore-records']);
const BATCH = 1000;
const BROKERS = (process.env.KAFKA_BROKERS?.trim() || '127.0.0.1:19092').split(',').map((b) => b.trim()).filter(Boolean);
const REGISTRY = (process.env.SCHEMA_REGISTRY_URL?.trim() || 'http://127.0.0.1:18081/apis/ccompat/v7').replace(/\/+$/, '');
const CONSUMER = { maxWaitTimeInMs: 100, sessionTimeout: 10_000, heartbeatInterval: 1000 };

function fail(message) {
  process.stderr.write(`bench/join.mjs: ${message}\n`);
  process.exit(1);
}

const runtime = await import('../dist/runtime/index.js').catch((e) => fail(`cannot load dist/runtime (run \`npm run build\` first): ${e.message}`));
// The via topic's framing is the runtime's own (bench only: what the re-key step writes, written here directly).
const { viaKeyCodec } = await import('../dist/runtime/join/via-record.js');
const kafka = new Kafka({ clientId: 'unilog-bench-join', brokers: BROKERS, logLevel: logLevel.NOTHING, connectionTimeout: 3000 });
const admin = kafka.admin();
await admin.connect().catch((e) => fail(`Kafka not reachable at ${BROKERS.join(',')} (${e.message}); start it with \`npm run dev:up\` or set KAFKA_BROKERS`));
const ping = await fetch(`${REGISTRY}/subjects`, { signal: AbortSignal.timeout(3000) }).catch((e) => e);
if (!(ping instanceof Response) || !ping.ok) fail(`schema registry not reachable at ${REGISTRY}; start it with \`npm run dev:up\` or set SCHEMA_REGISTRY_URL`);
const registry = runtime.createSchemaRegistry({ url: REGISTRY, policy: 'auto-register' });

const { topics } = await loadGenerated('topics.js', 'bench-join-generated');
const { usersWithConnectionsJoin } = await import(pathToFileURL(join(REPO, '.dev', 'bench-join-generated', 'joins', 'users-with-connections.js')).href);
const fn = await loadJoinFunction();

/** The connections-joiner's own function (its file imports only types: transpiled as is). */
async function loadJoinFunction() {
  const src = join(REPO, 'services', 'connections-joiner', 'src', 'joins', 'users-with-connections.ts');
  const out = join(REPO, '.dev', 'bench-join-fn', 'users-with-connections.js');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, ts.transpileModule(readFileSync(src, 'utf8'), { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true } }).outputText);
  return (await import(pathToFileURL(out).href)).usersWithConnections;
}

const cpuMs = (since) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Every topic made here: deleted at the end (deleted earlier, kafkajs clients that wrote them would ask for them). */
const created = [];

/** Fresh topics for one pass: the join's four under a new prefix, and the raw loop's output. */
async function freshTopics() {
  const prefix = `bench-join-${randomUUID().slice(0, 8)}.`;
  const t = (def) => runtime.defineTopic({ ...def, name: `${prefix}${def.name}`, partitions: P });
  const set = { prefix, users: t(topics.users), connections: t(topics['user-connections']), via: t(topics['users-with-connections.by-user']), output: t(topics['users-with-connections']) };
  set.rawOutput = runtime.defineTopic({ ...set.output, name: `${set.output.name}.raw` });
  await runtime.ensureTopics(kafka, [set.users, set.connections, set.via, set.output, set.rawOutput]);
  created.push(set.users.name, set.connections.name, set.via.name, set.output.name, set.rawOutput.name);
  return set;
}

const userId = (i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
const at = (n) => new Date(Date.UTC(2025, 0, 1) + n * 1000);
const user = (i, n) => ({ id: userId(i), username: `u${i}`, displayName: `User ${i}`, createdAt: at(0), updatedAt: at(n) });

/** The input records, framed, each with its partition: users rows, and two via records per edge (one per side). */
async function encodeInputs(set, users, edges) {
  const s = (topic) => registry.topicSerdes(topic);
  const [us, cs, vs] = [s(set.users), s(set.connections), s(set.via)];
  await Promise.all([us, cs, vs].flatMap((x) => [x.key.prepare(), x.value.prepare()]));
  const rows = [];
  for (let i = 0; i < users; i++) {
    const key = us.key.encode({ userId: userId(i) });
    rows.push({ key, value: us.value.encode(user(i, i + 1)), partition: runtime.partitionForKey(key, P) });
  }
  const via = [];
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  for (let e = 0; e < edges; e++) {
    const [a, b] = [Math.floor(rnd() * users), Math.floor(rnd() * users)];
    const edgeKey = { followerId: userId(a), followeeId: userId(b) };
    const value = vs.value.encode(cs.value.encode({ follower: { id: userId(a), kind: 'USER' }, followee: { id: userId(b), kind: 'USER' }, kind: 'FOLLOW', since: at(users + e) }));
    for (const [side, id] of [['following', a], ['followers', b]]) {
      const tableKey = set.users.key.encode({ userId: userId(id) });
      via.push({
        key: vs.key.encode(viaKeyCodec.encode({ tableKey, side, key: set.connections.key.encode(edgeKey) })),
        value,
        partition: runtime.partitionForKey(us.key.encode({ userId: userId(id) }), P),
      });
    }
  }
  return { rows, via };
}

/** Writes both inputs interleaved in batches of BATCH, up to four requests in flight. */
async function writeInputs(producer, set, inputs) {
  const sends = [];
  const per = Math.max(1, Math.round(inputs.via.length / Math.max(1, inputs.rows.length)));
  for (let r = 0, v = 0; r < inputs.rows.length || v < inputs.via.length; ) {
    if (r < inputs.rows.length) sends.push({ topic: set.users.name, messages: inputs.rows.slice(r, (r += BATCH)) });
    if (v < inputs.via.length) sends.push({ topic: set.via.name, messages: inputs.via.slice(v, (v += BATCH * per)) });
  }
  for (let i = 0; i < sends.length; i += 4) await Promise.all(sends.slice(i, i + 4).map((s) => producer.send({ ...s, acks: -1 })));
}

/** Waits until `groupId` has committed the end of both inputs. */
async function committedToEnd(groupId, set) {
  const end = new Map();
  for (const t of [set.users.name, set.via.name]) for (const p of await admin.fetchTopicOffsets(t)) end.set(`${t}/${p.partition}`, Number(p.high));
  for (;;) {
    const c = await admin.fetchOffsets({ groupId, topics: [set.users.name, set.via.name] });
    if (c.every(({ topic, partitions }) => partitions.every((p) => Number(p.offset) >= end.get(`${topic}/${p.partition}`)))) return;
    await sleep(50);
  }
}

/** The baseline: raw kafkajs, the same codecs, Maps, one output request and one commit per batch. */
function rawJoin(set, groupId) {
  const consumer = kafka.consumer({ groupId, ...CONSUMER });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.JavaCompatiblePartitioner });
  const outSerdes = registry.topicSerdes(set.rawOutput);
  const rows = new Map(); // user key body → { key, value }
  const related = new Map(); // user key body → { following: Map, followers: Map }
  const body = (b) => b.subarray(5);
  const id = (b) => b.toString('latin1');
  let joined = false;
  let batches = 0;
  let outputs = 0;
  return {
    live: () => joined,
    counts: () => ({ batches, outputs }),
    async start() {
      await Promise.all([producer.connect(), consumer.connect(), outSerdes.key.prepare(), outSerdes.value.prepare()]);
      consumer.on(consumer.events.GROUP_JOIN, () => (joined = true));
      await consumer.subscribe({ topics: [set.users.name, set.via.name], fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachBatch: async ({ batch }) => {
          const dirty = new Map();
          for (const m of batch.messages) {
            if (batch.topic === set.users.name) {
              const k = id(body(m.key));
              if (m.value) rows.set(k, { key: set.users.key.decode(body(m.key)), value: set.users.value.decode(body(m.value)) });
              else rows.delete(k);
              dirty.set(k, true);
            } else {
              const via = viaKeyCodec.decode(set.via.key.decode(body(m.key)));
              const k = id(via.tableKey);
              const sides = related.get(k) ?? related.set(k, { following: new Map(), followers: new Map() }).get(k);
              const rel = id(via.key);
              if (m.value) sides[via.side].set(rel, set.connections.value.decode(body(set.via.value.decode(body(m.value)))));
              else sides[via.side].delete(rel);
              dirty.set(k, true);
            }
          }
          const messages = [];
          for (const k of dirty.keys()) {
            const row = rows.get(k);
            if (!row) continue;
            const sides = related.get(k);
            const value = fn(row.value, { following: sides ? [...sides.following.values()] : [], followers: sides ? [...sides.followers.values()] : [] });
            messages.push({ key: outSerdes.key.encode(row.key), value: value === null ? null : outSerdes.value.encode(value) });
          }
          batches++;
          outputs += messages.length;
          if (messages.length > 0) await producer.send({ topic: set.rawOutput.name, messages, acks: -1 });
          await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: String(Number(batch.lastOffset()) + 1) }]);
        },
      });
    },
    async stop() {
      await consumer.disconnect();
      await producer.disconnect();
    },
  };
}

function unilogJoin(set, groupId) {
  const runner = runtime.createJoin(kafka, usersWithConnectionsJoin, fn, { registry, groupId, topicPrefix: set.prefix, consumerConfig: CONSUMER });
  return {
    counts: () => ({ outputs: runner.stats().outputRecords }),
    live: () => {
      const parts = runner.stats().partitions;
      return parts.length === P && parts.every((p) => p.phase === 'live');
    },
    start: () => runner.start(),
    stop: () => runner.stop(),
  };
}

/** One pass: fresh topics, the join started and live, then the inputs written; timed until all is committed. */
async function pass(side) {
  const writer = newWriter();
  await writer.connect();
  const set = await freshTopics();
  const inputs = await encodeInputs(set, USERS, EDGES);
  const total = inputs.rows.length + inputs.via.length;
  const groupId = `bench-join-${side}-${randomUUID().slice(0, 8)}`;
  const join = side === 'unilog' ? unilogJoin(set, groupId) : side === 'raw' ? rawJoin(set, groupId) : undefined;
  if (join) {
    await join.start();
    for (const end = Date.now() + 60_000; !join.live(); await sleep(20)) if (Date.now() > end) fail(`${side}: the join did not go live within 60 s`);
  }
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  await writeInputs(writer, set, inputs);
  if (join) await committedToEnd(groupId, set);
  const ms = performance.now() - t0;
  const cpu = cpuMs(c0);
  if (values.verbose && join) process.stderr.write(`${side}: ${Math.round(ms)} ms, ${Math.round(cpu)} ms CPU, ${JSON.stringify(join.counts())}\n`);
  if (join) await join.stop();
  await writer.disconnect();
  return { rps: Math.round((total / ms) * 1000), ms, cpu, total };
}

/** Restore: RESTORE rows in the table, the group's offsets at their end, then one join instance starts. */
async function restore() {
  const writer = newWriter();
  await writer.connect();
  const set = await freshTopics();
  const us = registry.topicSerdes(set.users);
  await Promise.all([us.key.prepare(), us.value.prepare()]);
  for (let i = 0; i < RESTORE; ) {
    const sends = [];
    for (let k = 0; k < 8 && i < RESTORE; k++) {
      const messages = [];
      for (let j = 0; j < BATCH && i < RESTORE; j++, i++) {
        const key = us.key.encode({ userId: userId(i) });
        messages.push({ key, value: us.value.encode(user(i, i + 1)), partition: runtime.partitionForKey(key, P) });
      }
      sends.push(writer.send({ topic: set.users.name, messages, acks: -1 }));
    }
    await Promise.all(sends);
  }
  const groupId = `bench-join-restore-${randomUUID().slice(0, 8)}`;
  for (const t of [set.users.name, set.via.name]) {
    const ends = await admin.fetchTopicOffsets(t);
    await admin.setOffsets({ groupId, topic: t, partitions: ends.map((p) => ({ partition: p.partition, offset: p.high })) });
  }
  global.gc?.();
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 25);
  let restored = 0;
  let live = 0;
  const t0 = performance.now();
  const runner = runtime.createJoin(kafka, usersWithConnectionsJoin, fn, {
    registry, groupId, topicPrefix: set.prefix, consumerConfig: CONSUMER,
    onRestored: (e) => {
      restored += e.records;
      live++;
    },
  });
  await runner.start();
  for (const end = Date.now() + 600_000; live < P; await sleep(20)) if (Date.now() > end) fail('restore did not finish within 600 s');
  const ms = performance.now() - t0;
  clearInterval(sampler);
  await runner.stop();
  await writer.disconnect();
  return { records: restored, ms, rps: Math.round((restored / ms) * 1000), rssBeforeMb: Math.round(before.rss / 2 ** 20), peakRssMb: Math.round(peakRss / 2 ** 20), peakHeapMb: Math.round(peakHeap / 2 ** 20) };
}

const newWriter = () => kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.JavaCompatiblePartitioner });
const runs = { unilog: [], raw: [], writer: [] };
await pass('unilog'); // warm-up: JIT, registry subjects, connections
for (let r = 0; r < ROUNDS; r++) for (const side of r % 2 ? ['raw', 'unilog', 'writer'] : ['unilog', 'raw', 'writer']) runs[side].push(await pass(side));
const best = (xs) => xs.reduce((a, b) => (b.rps > a.rps ? b : a));
// CPU time of this process while a join ran, less the writer's own (the writer-alone passes): the join's CPU per
// input record, which other processes' load hardly moves (wall time on a shared machine does).
const least = (xs) => Math.min(...xs.map((x) => x.cpu));
const joinCpu = (side) => Math.max(1, least(runs[side]) - least(runs.writer));
const report = {
  'join.input_records': best(runs.unilog).total,
  'join.unilog_rps': best(runs.unilog).rps,
  'join.raw_rps': best(runs.raw).rps,
  'join.writer_rps': best(runs.writer).rps,
  'join.unilog_cpu_ms': Math.round(joinCpu('unilog')),
  'join.raw_cpu_ms': Math.round(joinCpu('raw')),
};
report['join.ratio'] = Number((report['join.unilog_rps'] / report['join.raw_rps']).toFixed(3));
report['join.cpu_ratio'] = Number((joinCpu('raw') / joinCpu('unilog')).toFixed(3));
const rest = RESTORE > 0 ? await restore() : undefined;
if (rest) Object.assign(report, { 'restore.records': rest.records, 'restore.rps': rest.rps, 'restore.ms': Math.round(rest.ms), 'restore.peak_rss_mb': rest.peakRssMb, 'restore.rss_before_mb': rest.rssBeforeMb, 'restore.peak_heap_mb': rest.peakHeapMb });
await admin.disconnect();
const cleaner = kafka.admin();
await cleaner.connect();
await cleaner.deleteTopics({ topics: created }).catch(() => undefined);
await cleaner.disconnect();

if (values.json) {
  process.stdout.write(`${JSON.stringify(report)}\n`);
} else {
  const fmt = (n) => n.toLocaleString('en-US');
  process.stdout.write(
    `join (${fmt(report['join.input_records'])} input records: ${fmt(USERS)} users, ${fmt(EDGES)} edges × 2 sides; ${P} partitions; best of ${ROUNDS}; load ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')})\n` +
      `  unilog join  ${fmt(report['join.unilog_rps']).padStart(9)} input rec/s\n` +
      `  raw kafkajs  ${fmt(report['join.raw_rps']).padStart(9)} input rec/s   unilog/raw ${report['join.ratio'].toFixed(2)}×   (target ≥ 0.7×)\n` +
      `  CPU time of the join (less the writer's): unilog ${fmt(report['join.unilog_cpu_ms'])} ms, raw ${fmt(report['join.raw_cpu_ms'])} ms: raw/unilog ${report['join.cpu_ratio'].toFixed(2)}×\n` +
      `  writer alone ${fmt(report['join.writer_rps']).padStart(9)} rec/s (a join this fast is bounded by the writer)\n` +
      (rest
        ? `restore ${fmt(rest.records)} table records: ${fmt(rest.rps)} rec/s (${(rest.ms / 1000).toFixed(1)} s), peak RSS ${fmt(rest.peakRssMb)} MB (${fmt(rest.rssBeforeMb)} MB before), peak heap ${fmt(rest.peakHeapMb)} MB\n`
        : ''),
  );
}
