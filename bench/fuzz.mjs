// Fuzzing, longer than the tests' seeded rounds: random and mutated bytes into every generated decoder, mutated inputs
// into `unilog generate`, hostile HTTP into a running service. Prints what was tried and what held; exit 1 if anything
// failed (each failure with its input, to turn into a test).
// Build first (`npm run build`), then: node bench/fuzz.mjs [--seconds N] [--seed S] [--only decoders|generate|http]
// The time is split between the three (decoders 40 %, generate 40 %, http 20 %; http runs at least one round).
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { loadGenerated } from './support/load-generated.mjs';
import { fuzzDecoders } from '../dist/bench/fuzz/decoder-fuzz.js';
import { fuzzGenerate } from '../dist/bench/fuzz/generate-fuzz.js';
import { fuzzHttp } from '../dist/bench/fuzz/http-fuzz.js';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '60' }, seed: { type: 'string', default: String(Date.now() % 1e9) }, only: { type: 'string' } } });
const seconds = Number(values.seconds);
const seed = Number(values.seed);
const REPO = join(import.meta.dirname, '..');
const runs = (name) => values.only === undefined || values.only === name;
let failed = 0;
const mb = (n) => `${(n / 2 ** 20).toFixed(0)} MB`;
const report = (name, lines, failures) => {
  process.stdout.write(`\n${name}\n${lines.map((l) => `  ${l}`).join('\n')}\n`);
  for (const f of failures) process.stdout.write(`  FAILED ${f}\n`);
  process.stdout.write(failures.length === 0 ? '  held: every case\n' : `  ${failures.length} failure(s)\n`);
  failed += failures.length;
};
process.stdout.write(`fuzz: seed ${seed}, ${seconds} s (replay with --seed ${seed})\n`);

if (runs('decoders')) {
  const { codecs } = await loadGenerated('codecs.js', 'fuzz-generated');
  const decoders = Object.fromEntries(Object.keys(codecs).map((name) => [name, codecs[name]]));
  const r = fuzzDecoders(decoders, { seed, callsPerDecoder: Infinity, deadlineMs: seconds * 400 });
  report(`decoders: random, mutated and hostile-length bytes into the ${r.decoders} generated decoders`, [
    `${r.calls} calls: ${r.values} values, coded errors ${JSON.stringify(r.errors)}`,
    `slowest call ${r.slowestMs.toFixed(1)} ms; heap growth at most ${mb(r.maxHeapGrowthBytes)}`,
  ], r.failures);
}

if (runs('generate')) {
  const r = fuzzGenerate(join(REPO, 'bin', 'unilog.js'), { seed, runs: Infinity, deadlineMs: seconds * 400 });
  report('generate: mutated schemas, catalog, config and contract into `unilog generate`', [
    `${r.runs} runs, by exit code ${JSON.stringify(r.byExit)}, by mutated file ${JSON.stringify(r.byFile)}`,
    'held when: exit 0, or exit 1 with every stderr line file:line:col',
  ], r.failures);
}

if (runs('http')) {
  const { createService, defineService, reply } = await import('../dist/runtime/service/index.js');
  const { defineContract } = await import('../dist/runtime/service/contract/index.js');
  const contract = defineContract({
    name: 'fuzz', title: 'Fuzz', version: '1.0.0', schemas: {},
    operations: {
      list: { operationId: 'list', method: 'GET', path: '/items', responses: { 200: { json: true } } },
      create: {
        operationId: 'create', method: 'POST', path: '/items',
        body: { required: true, schema: { type: 'object', required: ['name'], additionalProperties: false, properties: { name: { type: 'string' }, tags: { type: 'array', items: { type: 'string', maxLength: 5 } } } } },
        responses: { 201: { json: true }, 400: { json: true } },
      },
    },
  });
  const items = [];
  const timeouts = { headersTimeoutMs: 2_000, requestTimeoutMs: 4_000, connectionTimeoutMs: 10_000 };
  const service = await createService(
    defineService({ contract, handlers: { list: () => items.slice(0, 10), create: ({ body }) => (items.push(body), reply(201, body)) } }),
    { config: { server: { host: '127.0.0.1', port: 0, ...timeouts }, admin: { host: '127.0.0.1', port: 0 } }, logger: pino({ level: 'silent' }) },
  );
  const url = new URL((await service.start()).app);
  const t0 = performance.now();
  let total;
  for (let round = 0; round === 0 || performance.now() - t0 < seconds * 200; round++) {
    const r = await fuzzHttp(
      { host: url.hostname, port: Number(url.port), okPath: '/items', post: { path: '/items', field: 'tags' }, ...timeouts, memory: () => process.memoryUsage().rss },
      { seed: seed + round, rounds: 1 },
    );
    total = total === undefined ? { ...r, outcomes: structuredClone(r.outcomes), failures: [...r.failures] } : total;
    if (round > 0) {
      total.cases += r.cases;
      total.failures.push(...r.failures);
      total.memoryPeakBytes = Math.max(total.memoryPeakBytes, r.memoryPeakBytes);
      for (const [k, o] of Object.entries(r.outcomes)) for (const [s, n] of Object.entries(o)) total.outcomes[k][s] = (total.outcomes[k][s] ?? 0) + n;
    }
  }
  await service.stop();
  report(`http: hostile requests from a bounded loop on 127.0.0.1 (deadlines: headers ${timeouts.headersTimeoutMs} ms, request ${timeouts.requestTimeoutMs} ms)`, [
    `${total.cases} cases; answers by case: ${Object.entries(total.outcomes).map(([k, o]) => `${k} ${Object.entries(o).map(([s, n]) => `${s}×${n}`).join('/')}`).join(', ')}`,
    `process RSS ${mb(total.memoryStartBytes)} at start, ${mb(total.memoryPeakBytes)} at most (server and fuzzer share the process)`,
    'held when: a 4xx (413 over the body limit, 431 for headers), a slow client cut by its deadline, and GET /items 200 after every case',
  ], total.failures);
}
process.exitCode = failed === 0 ? 0 : 1;
