// What observability costs a request, in process (in-process.mjs: Node's HTTP parser and writer, no sockets, slices
// paired round by round): the scaffolded search-service's GET /users/{id} on the framework's application port
// (contract validation, request id, error shape; access log off) built three ways, side by side:
//   plain    no route metrics, no request spans (the baseline)
//   metrics  + the prom-client route metrics (http_requests_total, http_request_duration_seconds)
//   traced   + request spans through @opentelemetry/api
// First with no OpenTelemetry SDK (tracing off: the API's no-ops), then with one registered (NodeTracerProvider,
// always sampled, a batch processor whose exporter drops the spans: the cost of making them, not of shipping them).
// Prints the µs of CPU per request each adds over plain, and what a consumed record's `process` span (started, the
// handler's context entered, ended) costs, in ns, without and with the SDK.
//
//   npm run build && node bench/service/observability.mjs [--json]   (after bench/service.mjs, which builds the service)
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { measureInProcess } from './in-process.mjs';
import { USER_ID } from './servers.mjs';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DIST = join(REPO, 'services', 'search-service', 'dist');
if (!existsSync(DIST)) {
  process.stderr.write('services/search-service/dist is missing: run `node bench/service.mjs` once (it builds the service)\n');
  process.exit(1);
}
const load = (p) => import(pathToFileURL(join(DIST, p)).href);
const { UserIndex } = await load('services/search-service/src/index/user-index.js');
const { searchServiceContract } = await load('generated/services/search-service.js');
const { handlers } = await load('services/search-service/src/handlers/index.js');
const { createAppServer } = await import('../../dist/runtime/service/http/app-server.js');
const { httpMetrics } = await import('../../dist/runtime/service/metrics/http-metrics.js');
const { serviceLogger } = await import('../../dist/runtime/service/logger.js');
const { Registry } = await import('prom-client');

const index = new UserIndex();
for (let n = 0; n < 1000; n++) {
  index.put({ id: n === 0 ? USER_ID : randomUUID(), username: `user${n}`, displayName: `User ${n}`, bio: null, verified: n % 2 === 0, followerCount: n });
}
const log = serviceLogger('search-service', 'info', '/dev/null');
const NO_METRICS = { route: () => () => {} };

async function app({ metrics, tracing }) {
  const a = createAppServer({
    contract: searchServiceContract,
    handlers,
    ctx: { index, config: { excludeStatuses: ['DELETED'] }, log },
    log,
    bodyLimit: 1 << 20,
    metrics: metrics ? httpMetrics(new Registry()) : NO_METRICS,
    accessLog: false,
    validateResponses: false,
    tracing,
  });
  await a.ready();
  return a;
}

async function measure() {
  const apps = [await app({ metrics: false, tracing: false }), await app({ metrics: true, tracing: false }), await app({ metrics: false, tracing: true })];
  const r = await measureInProcess(apps, { rounds: 24, requests: 3000 });
  await Promise.all(apps.map((a) => a.close()));
  return { plainUs: r.us[0], metricsUs: r.deltaUs[1], tracedUs: r.deltaUs[2] };
}

const { startProcessSpan } = await import('../../dist/runtime/tracing/process-span.js');
const { context } = await import('@opentelemetry/api');
const message = { key: Buffer.from('k'), value: Buffer.from('v'), offset: '42', timestamp: '0', attributes: 0, headers: {} };
const handle = () => undefined;
/** CPU ns per consumed record of what the consumer adds around its handler for tracing. */
function perRecordNs() {
  const once = () => {
    const { span, context: inSpan } = startProcessSpan('users', 0, message, 'group');
    context.with(inSpan, handle);
    span.end();
  };
  for (let i = 0; i < 50_000; i++) once();
  const n = 200_000;
  const t = process.cpuUsage();
  for (let i = 0; i < n; i++) once();
  const u = process.cpuUsage(t);
  return ((u.user + u.system) * 1000) / n;
}

const off = await measure();
const recordOffNs = perRecordNs();

const { NodeTracerProvider, BatchSpanProcessor } = await import('@opentelemetry/sdk-trace-node');
const dropping = { export: (_spans, done) => done({ code: 0 }), shutdown: async () => {} };
const provider = new NodeTracerProvider({ spanProcessors: [new BatchSpanProcessor(dropping)] });
provider.register();
const on = await measure();
const recordOnNs = perRecordNs();
await provider.shutdown();

const round = (x) => Number(x.toFixed(2));
const result = {
  'service.plain_us_per_request': round(off.plainUs),
  'service.route_metrics_extra_us_per_request': round(off.metricsUs),
  'service.tracing_off_extra_us_per_request': round(off.tracedUs),
  'service.tracing_on_extra_us_per_request': round(on.tracedUs),
  'kafka.process_span_off_ns_per_record': Math.round(recordOffNs),
  'kafka.process_span_on_ns_per_record': Math.round(recordOnNs),
};
if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(result)}\n`);
else {
  const signed = (x) => `${x >= 0 ? '+' : ''}${x.toFixed(2)}`;
  process.stdout.write(
    [
      'observability cost per request, in process (GET /users/{id} of search-service, access log off; medians of paired slices):',
      `  plain (no route metrics, no spans)   ${off.plainUs.toFixed(2)} µs CPU/request`,
      `  prom-client route metrics           ${signed(off.metricsUs)} µs/request`,
      `  request spans, no SDK (tracing off)  ${signed(off.tracedUs)} µs/request`,
      `  request spans, SDK registered (on)   ${signed(on.tracedUs)} µs/request   (plain in that run: ${on.plainUs.toFixed(2)} µs)`,
      `  a consumed record's process span: ${Math.round(recordOffNs)} ns without an SDK, ${Math.round(recordOnNs)} ns with one`,
      '',
    ].join('\n'),
  );
}
process.exit(0);
