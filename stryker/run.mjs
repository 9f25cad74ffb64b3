// `npm run mutation [-- MODULE ...]`: StrykerJS on each module in turn (all of stryker/modules.mjs by default), each with
// its own incremental file, then the score per module. Exit 1 when a module scores under 85 % or Stryker fails.
// `npm run mutation -- --scores [MODULE ...]`: only print the table from the last reports (reports/mutation/*.json), or,
// for a module not run in this checkout, from its checked-in incremental file (the result of the run that wrote it).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { MODULES, reportName } from './modules.mjs';

const BREAK = 85;
const args = process.argv.slice(2);
const scoresOnly = args.includes('--scores');
const asked = args.filter((a) => a !== '--scores');
for (const m of asked) if (!(m in MODULES)) throw new Error(`unknown module ${m}: expected one of ${Object.keys(MODULES).join(', ')}`);
const modules = asked.length ? asked : Object.keys(MODULES);
const width = Math.max(18, ...modules.map((m) => m.length + 2));

const rows = [];
let failed = false;
for (const module of modules) {
  const started = Date.now();
  const r = scoresOnly ? { status: 0 } : spawnSync('npx', ['stryker', 'run'], { stdio: 'inherit', env: { ...process.env, UNILOG_MUTATE: module } });
  const minutes = scoresOnly ? '' : `  ${((Date.now() - started) / 60_000).toFixed(1)} min`;
  const report = `reports/mutation/${reportName(module)}.json`;
  const incremental = `stryker/incremental/${reportName(module)}.json`;
  const fromIncremental = scoresOnly && !existsSync(report) && existsSync(incremental);
  const c = existsSync(report) ? countsOf(report) : fromIncremental ? countsOf(incremental) : undefined;
  const score = c && c.valid ? (100 * (c.Killed + c.Timeout)) / c.valid : undefined;
  if (r.status !== 0 || score === undefined || score < BREAK) failed = true;
  const figures = c ? `${c.valid}`.padStart(7) + [c.Killed, c.Timeout, c.Survived, c.NoCoverage].map((n) => `${n}`.padStart(9)).join('') : ' '.repeat(43);
  rows.push(`${module.padEnd(width)}${figures}${score === undefined ? '      n/a' : `${score.toFixed(1)} %`.padStart(9)}${minutes}${fromIncremental ? '  (incremental file)' : ''}${r.status === 0 ? '' : `  (stryker exit ${r.status})`}`);
}
console.log(`\nmutation score per module (break below ${BREAK} %):`);
console.log(`${'module'.padEnd(width)}${'mutants'.padStart(7)}${['killed', 'timeout', 'survived', 'no cov'].map((h) => h.padStart(9)).join('')}${'score'.padStart(9)}`);
console.log(rows.join('\n'));
process.exit(failed ? 1 : 0);

/** Mutants by status; `valid` leaves out what Stryker's score leaves out (compile and runtime errors, ignored). */
function countsOf(path) {
  const counts = { valid: 0, Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0 };
  for (const { mutants } of Object.values(JSON.parse(readFileSync(path, 'utf8')).files)) {
    for (const m of mutants) {
      if (m.status === 'CompileError' || m.status === 'RuntimeError' || m.status === 'Ignored') continue;
      counts.valid++;
      counts[m.status] = (counts[m.status] ?? 0) + 1;
    }
  }
  return counts;
}
