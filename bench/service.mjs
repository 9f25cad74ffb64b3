// Service framework benchmark: the scaffolded search-service's GET /users/{id} served by unilog's framework, against
// a bare fastify route doing the same lookup, in the same run, and against that route with fastify's own request
// logging on (`logger: true`), which is what a user who wants request logs without the framework has. Targets (by
// requests/s, docs/services.md § Cost): the framework with its access log at least 1.3x the logged bare route, and
// within 25 % of the bare route without any logging (ratio ≥ 0.75).
//
// Two measurements:
// - on loopback: each server in its own process, loaded by autocannon in alternating slices; requests/s and the
//   server's CPU time per request (the ratios are medians of per-round ratios). On a shared 2-CPU machine these move
//   by ±15% from one run to the next.
// - in process (bench/service/in-process.mjs): the framework's extra CPU per request in user space, with Node's HTTP
//   parser and writer but no sockets, paired round by round against the bare server; steady to a few tenths of a µs.
// The cost ratio combines them: bare CPU per request on loopback / (the same + the framework's extra in process).
// Each server's "CPU busy" (req/s × CPU per request) shows whether it was saturated: on a 2-CPU machine autocannon (one
// Node process) cannot keep bare fastify busy, so requests/s then measure the load generator and only the CPU ratios
// compare the servers (session 8, with other work on the machine: every server 0.3–0.4 busy; quiet: 1.2–1.3).
//
//   npm run build && node bench/service.mjs [--json] [--rounds N] [--seconds S] [--connections C] [--rate R]
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { measureInProcess } from './service/in-process.mjs';
import { buildServer, KINDS, USER_ID as ID } from './service/servers.mjs';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');
const SERVICE = join(REPO, 'services', 'search-service');
const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    rounds: { type: 'string', default: '5' },
    seconds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '16' },
    rate: { type: 'string' },
  },
});
const ROUNDS = Number(values.rounds);
const SECONDS = Number(values.seconds);
const CONNECTIONS = Number(values.connections);
const RATE = values.rate === undefined ? undefined : Number(values.rate);

// The service compiles the project's generated modules with its own sources (see its tsconfig).
const { ensureRuntimeLink } = await import('../dist/generator/scaffold/runtime-link.js');
ensureRuntimeLink(SERVICE, REPO);
const build = spawnSync(process.execPath, [join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: SERVICE, encoding: 'utf8' });
if (build.status !== 0 || !existsSync(join(SERVICE, 'dist'))) {
  process.stderr.write(`building services/search-service failed:\n${build.stdout}${build.stderr}`);
  process.exit(1);
}

// With two or more CPUs and taskset, the servers share the last CPU and this process (autocannon) keeps to the first:
// a server then never competes with its load generator, and requests/s measures the server alone.
const CPUS = availableParallelism();
const PIN = CPUS >= 2 && spawnSync('taskset', ['-pc', '0', String(process.pid)], { stdio: 'ignore' }).status === 0;

function startServer(kind) {
  const argv = [join(REPO, 'bench', 'service', 'server.mjs'), kind, join(SERVICE, 'dist')];
  const [cmd, args] = PIN ? ['taskset', ['-c', String(CPUS - 1), process.execPath, ...argv]] : [process.execPath, argv];
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout.once('data', (chunk) => {
      const [url, probe] = chunk.toString().trim().split(' ');
      resolve({ child, url, probe });
    });
    child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
}

const cpuMicros = async (server) => Number(await (await fetch(server.probe)).text());

/** Loads one server for `seconds`: its requests per second and its CPU microseconds per request. */
async function load(server, seconds) {
  const cpu0 = await cpuMicros(server);
  const result = await new Promise((resolve, reject) => {
    autocannon({ url: `${server.url}/users/${ID}`, connections: CONNECTIONS, duration: seconds, ...(RATE ? { overallRate: RATE } : {}) }, (err, r) => (err ? reject(err) : resolve(r)));
  });
  const cpu1 = await cpuMicros(server);
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${server.url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return { rps: result.requests.total / seconds, cpu: (cpu1 - cpu0) / result.requests.total };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const NAMES = { framework: 'framework', 'framework-no-access-log': 'quiet', bare: 'bare', 'bare-request-log': 'logged' };
const LABELS = { framework: 'framework (default)', quiet: 'framework, no access log', bare: 'bare fastify', logged: 'bare, fastify request log' };

// In process first (this process only), then on loopback.
// The reference with fastify's request log stays out: in one process its garbage would fall on the others' slices.
const apps = await Promise.all(['bare', 'framework-no-access-log', 'framework'].map((kind) => buildServer(kind, join(SERVICE, 'dist'))));
const inProcess = await measureInProcess(apps);
const extraUs = { bare: 0, quiet: inProcess.deltaUs[1], framework: inProcess.deltaUs[2] };
await Promise.all(apps.map((app) => app.close()));

const servers = Object.fromEntries(await Promise.all(KINDS.map(async (kind) => [NAMES[kind], await startServer(kind)])));
try {
  for (const server of Object.values(servers)) await load(server, 1);
  const runs = { framework: [], quiet: [], bare: [], logged: [] };
  const order = Object.keys(servers);
  for (let r = 0; r < ROUNDS; r++) {
    // Rotate which server goes first, so a drift in the machine's load falls on all alike.
    for (let i = 0; i < order.length; i++) {
      const name = order[(r + i) % order.length];
      runs[name].push(await load(servers[name], SECONDS));
    }
  }
  const rpsRatio = (name, base = 'bare') => median(runs[name].map((x, i) => x.rps / runs[base][i].rps));
  const cpuRatio = (name, base = 'bare') => median(runs[name].map((x, i) => runs[base][i].cpu / x.cpu));
  // The share of its CPU a server used: well under 1, requests/s were set by the load generator (one Node process on
  // one CPU), not by the server, and only the CPU ratios compare the servers' own cost.
  const busy = (name) => median(runs[name].map((x) => (x.rps * x.cpu) / 1e6));
  const rps = (name) => Math.round(median(runs[name].map((x) => x.rps)));
  const cpu = (name) => Number(median(runs[name].map((x) => x.cpu)).toFixed(1));
  const costRatio = (name) => cpu('bare') / (cpu('bare') + extraUs[name]);
  const round = (x, digits) => Number(x.toFixed(digits));
  const result = {
    'service.cost_ratio': round(costRatio('framework'), 3),
    'service.framework_extra_us_per_request': round(extraUs.framework, 2),
    'service.framework_rps': rps('framework'),
    'service.bare_fastify_rps': rps('bare'),
    'service.ratio': round(rpsRatio('framework'), 3),
    'service.cpu_ratio': round(cpuRatio('framework'), 3),
    'service.framework_cpu_us_per_request': cpu('framework'),
    'service.bare_fastify_cpu_us_per_request': cpu('bare'),
    'service.no_access_log_cost_ratio': round(costRatio('quiet'), 3),
    'service.no_access_log_extra_us_per_request': round(extraUs.quiet, 2),
    'service.no_access_log_rps': rps('quiet'),
    'service.no_access_log_ratio': round(rpsRatio('quiet'), 3),
    'service.no_access_log_cpu_ratio': round(cpuRatio('quiet'), 3),
    'service.bare_request_log_ratio': round(rpsRatio('logged'), 3),
    'service.bare_request_log_cpu_ratio': round(cpuRatio('logged'), 3),
    'service.vs_request_log_ratio': round(rpsRatio('framework', 'logged'), 3),
    'service.vs_request_log_cpu_ratio': round(cpuRatio('framework', 'logged'), 3),
    'service.bare_fastify_cpu_busy': round(busy('bare'), 2),
  };
  if (values.json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } else {
    const line = (name) =>
      `  ${LABELS[name].padEnd(26)} ${String(rps(name)).padStart(6)} req/s ${String(cpu(name)).padStart(6)} µs CPU/req ${busy(name).toFixed(2)} CPU busy` +
      (name === 'bare'
        ? `  (in process: ${inProcess.us[0].toFixed(2)} µs/req in user space)`
        : `  ratio ${rpsRatio(name).toFixed(3)} by req/s, ${cpuRatio(name).toFixed(3)} by CPU` +
          (name in extraUs ? `; +${extraUs[name].toFixed(2)} µs/req in process → cost ratio ${costRatio(name).toFixed(3)}` : ''));
    process.stdout.write(
      [
        `service framework: GET /users/{id} of the scaffolded search-service vs a bare fastify route doing the same lookup`,
        `(${CONNECTIONS} connections on 127.0.0.1, ${ROUNDS} rounds x ${SECONDS}s per server, medians; targets: ratio ≥ 0.75,` +
          ` ≥ 1.30 against fastify's request log;` +
          ` ${PIN ? `servers on CPU ${CPUS - 1}, load generator on CPU 0` : 'not pinned to CPUs'})`,
        line('framework'),
        line('quiet'),
        line('bare'),
        line('logged'),
        `  framework (default) ÷ bare with fastify's request log: ${rpsRatio('framework', 'logged').toFixed(3)} by req/s, ${cpuRatio('framework', 'logged').toFixed(3)} by CPU`,
        ...(busy('bare') < 0.9 ? [`  (bare fastify kept its CPU ${Math.round(busy('bare') * 100)} % busy: the load generator, not the server, set its req/s; compare by CPU)`] : []),
        '',
      ].join('\n'),
    );
  }
} finally {
  for (const server of Object.values(servers)) server.child.kill();
}
