// `npm run mutation [-- MODULE ...]`: StrykerJS on each module in turn (all of stryker/modules.mjs by default), each with
// its own incremental file, then the score per module. Exit 1 when a module scores under 85 % or Stryker fails.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { MODULES, reportName } from './modules.mjs';

const BREAK = 85;
const asked = process.argv.slice(2);
for (const m of asked) if (!(m in MODULES)) throw new Error(`unknown module ${m}: expected one of ${Object.keys(MODULES).join(', ')}`);
const modules = asked.length ? asked : Object.keys(MODULES);

const rows = [];
let failed = false;
for (const module of modules) {
  const started = Date.now();
  const r = spawnSync('npx', ['stryker', 'run'], { stdio: 'inherit', env: { ...process.env, UNILOG_MUTATE: module } });
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  const report = `reports/mutation/${reportName(module)}.json`;
  const score = r.status === 0 || existsSync(report) ? scoreOf(report) : undefined;
  if (r.status !== 0 || score === undefined || score < BREAK) failed = true;
  rows.push(`${module.padEnd(18)} ${score === undefined ? '  n/a' : `${score.toFixed(1)} %`.padStart(7)}  ${minutes} min${r.status === 0 ? '' : `  (stryker exit ${r.status})`}`);
}
console.log(`\nmutation score per module (break below ${BREAK} %):\n${rows.join('\n')}`);
process.exit(failed ? 1 : 0);

/** Killed + timed out over all valid mutants, as Stryker's "total" score. */
function scoreOf(path) {
  const { files } = JSON.parse(readFileSync(path, 'utf8'));
  let detected = 0;
  let valid = 0;
  for (const { mutants } of Object.values(files)) {
    for (const m of mutants) {
      if (m.status === 'CompileError' || m.status === 'RuntimeError' || m.status === 'Ignored') continue;
      valid++;
      if (m.status === 'Killed' || m.status === 'Timeout') detected++;
    }
  }
  return valid ? (100 * detected) / valid : undefined;
}
