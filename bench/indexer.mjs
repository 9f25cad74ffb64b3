// Indexer benchmark through the real broker and a real OpenSearch: N users-with-connections records indexed by the
// runtime's indexer (createIndexer: consume, decode, build documents, versioned bulk per batch, commit) beside a
// baseline that sends the same documents straight to OpenSearch (the same document function and external versions, bulks
// of 1000, one at a time), in the same run. The two sides take turns, round by round, each into a new index; the best
// round of each counts. The ratio says what the Kafka side of indexing costs on top of the engine's own bulk speed.
//
// It starts nothing: Kafka, the registry and OpenSearch must answer at KAFKA_BROKERS / SCHEMA_REGISTRY_URL /
// OPENSEARCH_URL, or at the `npm run dev:up -- --search` defaults. Build first (`npm run build`), then:
//   node bench/indexer.mjs [--json] [--records N] [--rounds N]
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Client } from '@opensearch-project/opensearch';
import { Kafka, logLevel } from 'kafkajs';
import { loadGenerated } from './support/load-generated.mjs';

const { values } = parseArgs({
  options: { json: { type: 'boolean', default: false }, records: { type: 'string', default: '20000' }, rounds: { type: 'string', default: '3' } },
});
const N = Number(values.records);
const ROUNDS = Number(values.rounds);
const BULK = 1000;
const BROKERS = (process.env.KAFKA_BROKERS?.trim() || '127.0.0.1:19092').split(',').map((b) => b.trim()).filter(Boolean);
const REGISTRY = (process.env.SCHEMA_REGISTRY_URL?.trim() || 'http://127.0.0.1:18081/apis/ccompat/v7').replace(/\/+$/, '');
const OPENSEARCH = (process.env.OPENSEARCH_URL?.trim() || 'http://127.0.0.1:19200').replace(/\/+$/, '');
const FIELDS = { text: { 'user.username': 'english', 'user.displayName': 'english', 'user.bio': 'english' }, exclude: ['user.email', 'user.avatar'] };

function fail(message) {
  process.stderr.write(`bench/indexer.mjs: ${message}\n`);
  process.exit(1);
}

const runtime = await import('../dist/runtime/index.js').catch((e) => fail(`cannot load dist/runtime (run \`npm run build\` first): ${e.message}`));
const { createIndexer, ensureIndex, indexSchemaOf } = await import('../dist/runtime/indexer/index.js');
const { usersWithConnections } = await loadGenerated();
const kafka = new Kafka({ clientId: 'unilog-bench-indexer', brokers: BROKERS, logLevel: logLevel.NOTHING, retry: { retries: 2 } });
const search = new Client({ node: OPENSEARCH });
const registry = runtime.createSchemaRegistry({ url: REGISTRY, policy: 'auto-register' });

await search.cluster.health({}).catch((e) => fail(`OpenSearch not reachable at ${OPENSEARCH} (${e.message}); start it with \`npm run dev:up -- --search\``));

const topic = runtime.defineTopic({ ...usersWithConnections, name: `bench-uwc-${randomUUID().slice(0, 8)}`, partitions: 3 });
const schema = indexSchemaOf(topic.value.standaloneSchema(), FIELDS);
const ids = Array.from({ length: N }, () => randomUUID());
const at = new Date(Date.UTC(2025, 0, 1));
const values_ = ids.map((id, i) => ({
  user: {
    id, username: `user_${i}`, displayName: `User Number ${i}`, email: null, bio: `Writes software and reads about programmers, item ${i}`,
    location: null, status: 'ACTIVE', verified: i % 2 === 0, followerCount: i, interests: ['books', 'code'], settings: {}, avatar: null,
    createdAt: at, updatedAt: at,
  },
  following: [{ id: ids[(i + 1) % N], kind: 'USER' }],
  followers: [{ id: ids[(i + N - 1) % N], kind: 'USER' }],
  followerCount: 1,
  updatedAt: at,
}));

async function produce() {
  await runtime.ensureTopics(kafka, [topic]);
  const producer = runtime.createProducer(kafka, topic, { registry });
  await producer.connect();
  for (let i = 0; i < N; i += BULK) await producer.sendBatch(values_.slice(i, i + BULK).map((value) => ({ key: { userId: value.user.id }, value })));
  await producer.disconnect();
}

/** The baseline: the same documents, bulk by bulk, straight into a new index. Records per second. */
async function direct(index) {
  await ensureIndex(search, index, schema.mapping, { number_of_replicas: 0 });
  const started = performance.now();
  for (let i = 0; i < N; i += BULK) {
    const body = [];
    for (let j = i; j < Math.min(N, i + BULK); j++) {
      body.push({ index: { _index: index, _id: ids[j], version: j, version_type: 'external' } }, schema.toDocument(values_[j]));
    }
    const res = await search.bulk({ body });
    if (res.body.errors) fail(`baseline bulk had errors: ${JSON.stringify(res.body.items.find((x) => Object.values(x)[0].error))}`);
  }
  return N / ((performance.now() - started) / 1000);
}

/** The indexer over the topic into a new index, from start until every record was answered. Records per second. */
async function indexed(index) {
  let done = 0;
  let finished;
  const all = new Promise((resolve) => (finished = resolve));
  const indexer = createIndexer(kafka, topic, {
    search, index, registry, groupId: `bench-indexer-${randomUUID().slice(0, 8)}`, fields: FIELDS, settings: { number_of_replicas: 0 },
    consumerConfig: { maxWaitTimeInMs: 100 },
    onBulk: (e) => {
      done += e.records;
      if (done >= N) finished();
    },
    onDeadLetter: (e) => fail(`a record was dead-lettered: ${e.code}`),
  });
  const started = performance.now();
  await indexer.start();
  await all;
  const rate = N / ((performance.now() - started) / 1000);
  await indexer.stop();
  return rate;
}

await produce();
const rates = { direct: [], indexer: [] };
for (let r = 0; r < ROUNDS; r++) {
  for (const [side, run] of [['direct', direct], ['indexer', indexed]]) {
    const index = `bench-${side}-${randomUUID().slice(0, 8)}`;
    rates[side].push(await run(index));
    await search.indices.delete({ index });
  }
}
const admin = kafka.admin();
await admin.connect();
await admin.deleteTopics({ topics: [topic.name, `${topic.name}.dlq`] }).catch(() => undefined);
await admin.disconnect();
await search.close();

const best = (xs) => Math.max(...xs);
const result = { 'indexer.records_per_s': Math.round(best(rates.indexer)), 'indexer.direct_bulk_records_per_s': Math.round(best(rates.direct)), 'indexer.ratio': best(rates.indexer) / best(rates.direct) };
if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
else {
  process.stdout.write(
    [
      `indexer: ${N} users-with-connections records into OpenSearch, best of ${ROUNDS} rounds each (records/s)`,
      `  indexer (Kafka → decode → document → versioned bulk → commit): ${rates.indexer.map((x) => Math.round(x)).join(', ')}`,
      `  direct bulk of the same documents (baseline):                  ${rates.direct.map((x) => Math.round(x)).join(', ')}`,
      `  ratio indexer / direct: ${result['indexer.ratio'].toFixed(2)}`,
      '',
    ].join('\n'),
  );
}
