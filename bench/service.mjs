// Service framework benchmark: requests per second of the scaffolded search-service's GET /users/{id} served by
// unilog's framework, against a bare fastify route doing the same lookup, measured in the same run on loopback.
// Each server runs in its own process; autocannon (in this process) loads them in alternating slices, and the ratio
// is the median of the per-round ratios. Target: the framework costs at most 10% (ratio ≥ 0.90).
//
//   npm run build && node bench/service.mjs [--json] [--rounds N] [--seconds S] [--connections C]
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';

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
const ID = '5f0c8a2e-3d41-4b7a-9c55-0a1b2c3d4e5f';

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
  // Measured as deployed: NODE_ENV=production (response bodies serialised from the contract, not re-validated).
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, NODE_ENV: 'production' } });
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

const servers = { framework: await startServer('framework'), quiet: await startServer('framework-no-access-log'), bare: await startServer('bare') };
try {
  for (const server of Object.values(servers)) await load(server, 1);
  const runs = { framework: [], quiet: [], bare: [] };
  const order = Object.keys(servers);
  for (let r = 0; r < ROUNDS; r++) {
    // Rotate which server goes first, so a drift in the machine's load falls on all alike.
    for (let i = 0; i < order.length; i++) {
      const name = order[(r + i) % order.length];
      runs[name].push(await load(servers[name], SECONDS));
    }
  }
  const rpsRatio = (name) => median(runs[name].map((x, i) => x.rps / runs.bare[i].rps));
  const cpuRatio = (name) => median(runs[name].map((x, i) => runs.bare[i].cpu / x.cpu));
  const rps = (name) => Math.round(median(runs[name].map((x) => x.rps)));
  const cpu = (name) => Number(median(runs[name].map((x) => x.cpu)).toFixed(1));
  const result = {
    'service.framework_rps': rps('framework'),
    'service.bare_fastify_rps': rps('bare'),
    'service.ratio': Number(rpsRatio('framework').toFixed(3)),
    'service.cpu_ratio': Number(cpuRatio('framework').toFixed(3)),
    'service.framework_cpu_us_per_request': cpu('framework'),
    'service.bare_fastify_cpu_us_per_request': cpu('bare'),
    'service.no_access_log_rps': rps('quiet'),
    'service.no_access_log_ratio': Number(rpsRatio('quiet').toFixed(3)),
    'service.no_access_log_cpu_ratio': Number(cpuRatio('quiet').toFixed(3)),
  };
  if (values.json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } else {
    const line = (label, name) =>
      `  ${label.padEnd(24)} ${String(rps(name)).padStart(6)} req/s  ${String(cpu(name)).padStart(6)} µs CPU/request` +
      (name === 'bare' ? '' : `  ratio ${rpsRatio(name).toFixed(3)} by req/s, ${cpuRatio(name).toFixed(3)} by CPU`);
    process.stdout.write(
      [
        `service framework: GET /users/{id} of the scaffolded search-service vs a bare fastify route doing the same lookup`,
        `(${CONNECTIONS} connections on 127.0.0.1, ${ROUNDS} rounds x ${SECONDS}s per server, medians; target ratio ≥ 0.90;` +
          ` ${PIN ? `servers on CPU ${CPUS - 1}, load generator on CPU 0` : 'not pinned to CPUs'})`,
        line('framework (default)', 'framework'),
        line('framework, no access log', 'quiet'),
        line('bare fastify', 'bare'),
        '',
      ].join('\n'),
    );
  }
} finally {
  for (const server of Object.values(servers)) server.child.kill();
}
