// The User Search pipeline end to end (docs/example.md): latency from an SQL commit to the user being searchable, at
// steady write rates, split by stage (commit → users topic: the tailer; → users-with-connections: the joiner;
// → found in OpenSearch: the indexer and the engine's refresh), the highest rate at which every row still became
// searchable within a bound, and the stage that took the most time there.
//
// Needs the pipeline running: `npm run dev:up -- --search --postgres` and `npm run example` in another terminal.
//   node bench/example.mjs [--json] [--rates 20,100,400] [--seconds 10] [--bound-ms 5000]
// Each rate inserts single-row transactions at that pace for --seconds; a rate "keeps lag bounded" when every row
// was searchable within --bound-ms of its commit. Rows are users with a username unique to the run.
import { parseArgs } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    rates: { type: 'string', default: '20,100,400' },
    seconds: { type: 'string', default: '10' },
    'bound-ms': { type: 'string', default: '5000' },
  },
});
const RATES = values.rates.split(',').map(Number);
const SECONDS = Number(values.seconds);
const BOUND_MS = Number(values['bound-ms']);
const BROKERS = (process.env.KAFKA_BROKERS?.trim() || '127.0.0.1:19092').split(',');
const OPENSEARCH = (process.env.OPENSEARCH_URL?.trim() || 'http://127.0.0.1:19200').replace(/\/+$/, '');
const INDEX = process.env.INDEX_NAME ?? 'users';
const PG_PORT = Number(process.env.UNILOG_POSTGRES_PORT ?? 15432);
const run = Math.random().toString(36).slice(2, 8);

/** When each user id reached each stage (ms since epoch). */
const seen = { commit: new Map(), users: new Map(), joined: new Map(), searchable: new Map() };
// A key is Avro-framed `{ userId: uuid }`: the uuid is the only 36-character run of its bytes.
const idOf = (key) => /[0-9a-f-]{36}/.exec(key?.toString('latin1') ?? '')?.[0];

const kafka = new Kafka({ clientId: `unilog-bench-example-${run}`, brokers: BROKERS, logLevel: logLevel.NOTHING });
const consumer = kafka.consumer({ groupId: `unilog-bench-example-${run}`, maxWaitTimeInMs: 20 });
await consumer.connect();
await consumer.subscribe({ topics: ['users', 'users-with-connections'], fromBeginning: false });
await consumer.run({
  eachBatch: async ({ batch }) => {
    const at = Date.now();
    const stage = batch.topic === 'users' ? seen.users : seen.joined;
    for (const m of batch.messages) {
      const id = idOf(m.key);
      if (id && seen.commit.has(id) && !stage.has(id)) stage.set(id, at);
    }
  },
});
// The group must own its partitions before the first insert, or early records are read past.
await new Promise((r) => setTimeout(r, 3000));

/** Every 100 ms, one `ids` query for the rows not yet searchable. */
let polling = true;
const poller = (async () => {
  while (polling) {
    // The oldest first, at most 5,000 a query (OpenSearch answers at most 10,000 hits by default).
    const pending = [...seen.commit.keys()].filter((id) => !seen.searchable.has(id)).slice(0, 5000);
    if (pending.length > 0) {
      const res = await fetch(`${OPENSEARCH}/${INDEX}/_search`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: { ids: { values: pending } }, _source: false, size: pending.length }),
      });
      const at = Date.now();
      if (res.ok) for (const hit of (await res.json()).hits.hits) if (!seen.searchable.has(hit._id)) seen.searchable.set(hit._id, at);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
})();

const db = new pg.Pool({ host: '127.0.0.1', port: PG_PORT, user: 'postgres', database: 'user_search', max: 8 });
const pct = (xs, p) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] : NaN);
const results = [];
for (const rate of RATES) {
  const ids = [];
  const started = Date.now();
  const inserts = [];
  for (let i = 0; i < rate * SECONDS; i++) {
    const due = started + (i * 1000) / rate;
    if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
    const id = crypto.randomUUID();
    ids.push(id);
    inserts.push(
      db.query('INSERT INTO users (id, username, display_name, bio) VALUES ($1, $2, $3, $4)', [id, `bench-${run}-${rate}-${i}`, `Bench ${i}`, 'Measures the pipeline'])
        .then(() => seen.commit.set(id, Date.now())),
    );
  }
  await Promise.all(inserts);
  const lastCommit = Date.now();
  while (ids.some((id) => !seen.searchable.has(id)) && Date.now() - lastCommit < BOUND_MS + 10_000) await new Promise((r) => setTimeout(r, 100));
  const since = (stage, from) => ids.filter((id) => stage.has(id) && from.has(id)).map((id) => stage.get(id) - from.get(id));
  const stages = {
    tailer: since(seen.users, seen.commit),
    joiner: since(seen.joined, seen.users),
    indexer: since(seen.searchable, seen.joined),
  };
  const total = since(seen.searchable, seen.commit);
  const achieved = ids.length / ((lastCommit - started) / 1000);
  results.push({
    rate, achieved: Math.round(achieved), rows: ids.length, searchable: total.length,
    p50: pct(total, 50), p99: pct(total, 99),
    stages: Object.fromEntries(Object.entries(stages).map(([k, v]) => [k, { p50: pct(v, 50), p99: pct(v, 99) }])),
    bounded: total.length === ids.length && pct(total, 100) <= BOUND_MS,
  });
}
polling = false;
await poller;
await consumer.disconnect();
await db.end();

const sustained = results.filter((r) => r.bounded).at(-1);
const worst = results.at(-1);
const bottleneck = Object.entries(worst.stages).sort((a, b) => b[1].p50 - a[1].p50)[0][0];
if (values.json) {
  process.stdout.write(`${JSON.stringify({ results, sustainedRowsPerSecond: sustained?.achieved ?? 0, bottleneck })}\n`);
} else {
  console.log('User Search pipeline, commit → searchable (ms), single-row inserts for %d s per rate:', SECONDS);
  for (const r of results) {
    const s = Object.entries(r.stages).map(([k, v]) => `${k} p50 ${v.p50} p99 ${v.p99}`).join(', ');
    console.log('  %d rows/s (achieved %d): p50 %d, p99 %d, %d/%d searchable%s   [%s]', r.rate, r.achieved, r.p50, r.p99, r.searchable, r.rows, r.bounded ? '' : ' - NOT bounded', s);
  }
  console.log('  sustained with every row searchable within %d ms: %s rows/s; the slowest stage at %d rows/s: %s', BOUND_MS, sustained ? sustained.achieved : 'none of the rates', worst.rate, bottleneck);
}
