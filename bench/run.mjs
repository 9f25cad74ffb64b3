// `npm run bench`: builds, runs every benchmark in its own process (so one cannot warm the other), prints each one's
// report; with `--json`, prints all their ratios and measurements as one JSON object.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');
const BENCHES = ['codec.mjs', 'codegen.mjs', 'compat.mjs', 'kafka.mjs', 'service.mjs', 'service/observability.mjs', 'ingest.mjs', 'tailer.mjs', 'join.mjs'];
const json = process.argv.includes('--json');

const build = spawnSync('npm', ['run', '-s', 'build'], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
if (build.status !== 0) process.exit(build.status ?? 1);

const all = {};
let failed = false;
for (const bench of BENCHES) {
  const r = spawnSync(process.execPath, [join(REPO, 'bench', bench), ...(json ? ['--json'] : [])], {
    cwd: REPO,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (r.status !== 0) {
    failed = true;
    process.stderr.write(`bench/${bench} failed (exit ${r.status})\n`);
    continue;
  }
  if (json) Object.assign(all, JSON.parse(r.stdout.trim().split('\n').at(-1)));
  else process.stdout.write(`${r.stdout}\n`);
}
if (json) process.stdout.write(`${JSON.stringify(all)}\n`);
process.exit(failed ? 1 : 0);
