// Codegen benchmark: whole-process time and peak RSS of `unilog generate` (types and codecs) on a deterministic
// 500-schema corpus, beside @ovotech/avro-ts 6.2 (types only) on the same corpus, measured in the same run. The corpus
// is generated three ways: from scratch (no output, no record of a last run), again with nothing changed, and after
// an edit to one schema file, where only the type modules that depend on it are computed again (emit-cache.ts).
// Build first (`npm run build`), then: node bench/codegen.mjs [--json]
// Targets: ≤ 0.35 s after an edit, ≤ 120 MB, and at least 2× faster than avro-ts; this repository's own run ≤ 0.3 s.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeCorpus } from '../dist/bench/codegen/synthetic-corpus.js';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = 7;

const work = mkdtempSync(join(tmpdir(), 'unilog-bench-codegen-'));
const schemas = join(work, 'schemas');
for (const [path, text] of Object.entries(makeCorpus(500).files)) {
  mkdirSync(dirname(join(schemas, path)), { recursive: true });
  writeFileSync(join(schemas, path), text);
}
// A project that installs unilog has a node_modules folder, where generate keeps the record of its last run.
const cache = join(work, 'node_modules', '.cache');
mkdirSync(cache, { recursive: true });

/** Runs a command under /usr/bin/time: wall seconds, CPU seconds (all threads), peak RSS in MB, what it printed. */
function measure(args, out, cwd = work, before = () => rmSync(out, { recursive: true, force: true })) {
  before();
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', process.execPath, ...args], { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed:\n${r.stderr}`);
  const [secs, user, sys, kb] = r.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  return { secs, cpu: user + sys, mb: kb / 1024, stdout: r.stdout };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function series(args, out, cwd = work, before = undefined) {
  measure(args, out, cwd, before); // warm the file cache
  const runs = Array.from({ length: RUNS }, () => measure(args, out, cwd, before));
  return { secs: median(runs.map((r) => r.secs)), mb: median(runs.map((r) => r.mb)), stdout: runs.at(-1).stdout };
}

const generate = [join(REPO, 'bin', 'unilog.js'), 'generate', '--schemas', schemas, '--out', join(work, 'out-unilog')];
const out = join(work, 'out-unilog');
// The edit: a custom attribute of the first type of a file in the middle of the corpus, different on every run (it
// shows in the type's schema constant), as a user editing a schema between two runs would change it.
const edited = join(schemas, readdirSync(schemas, { recursive: true }).filter((f) => f.endsWith('.avsc')).sort()[250]);
const original = readFileSync(edited, 'utf8');
let edits = 0;
// The three runs of the corpus take turns (from scratch, nothing changed, one schema edited), so that the machine's
// changing speed moves all three alike.
const rounds = { scratch: [], unchanged: [], edited: [] };
for (let round = 0; round <= RUNS; round++) {
  const scratch = measure(generate, out, work, () => {
    rmSync(out, { recursive: true, force: true });
    rmSync(cache, { recursive: true, force: true });
  });
  const unchanged = measure(generate, out, work, () => {});
  const edit = measure(generate, out, work, () => writeFileSync(edited, original.replace('"name"', `"x-bench-edit": ${++edits}, "name"`)));
  if (round === 0) continue; // the first round warms the file cache
  rounds.scratch.push(scratch);
  rounds.unchanged.push(unchanged);
  rounds.edited.push(edit);
}
writeFileSync(edited, original);
const summary = (runs) => ({ secs: median(runs.map((r) => r.secs)), cpu: median(runs.map((r) => r.cpu)), mb: median(runs.map((r) => r.mb)), stdout: runs.at(-1).stdout });
const unilog = summary(rounds.scratch);
const unchanged = summary(rounds.unchanged);
const editOne = summary(rounds.edited);
const recomputed = (stdout) => {
  const reused = Number(/(\d+) reused from the last run/.exec(stdout)?.[1] ?? 0);
  return Number(/generated (\d+) files/.exec(stdout)[1]) - reused;
};
const avroTs = series([join(REPO, 'bench', 'codegen', 'run-avro-ts.cjs'), schemas, join(work, 'out-avro-ts')], join(work, 'out-avro-ts'));
// This repository as a user runs it after editing a schema: schemas, catalog, joins, tailers, one contract (whose
// types the cache holds after the first run) and the scaffolded services' handler check. `--check` writes nothing.
const repo = series([join(REPO, 'bin', 'unilog.js'), 'generate', '--check'], join(work, 'unused'), REPO);
// Node's own start-up on this machine, in the same run: the floor under every whole-process figure above, and the
// scale for comparing them across machines and days.
const node = series(['-e', '0'], join(work, 'unused'));
rmSync(work, { recursive: true, force: true });

const result = {
  'codegen.unilog.seconds': unilog.secs,
  'codegen.unilog.unchanged.seconds': unchanged.secs,
  'codegen.unilog.oneEdited.seconds': editOne.secs,
  'codegen.unilog.oneEdited.filesComputed': recomputed(editOne.stdout),
  'codegen.unilog.oneEdited.vsScratch': +(editOne.secs / unilog.secs).toFixed(2),
  'codegen.unilog.peakRssMB': Math.round(unilog.mb),
  'codegen.avroTs.seconds': avroTs.secs,
  'codegen.avroTs.peakRssMB': Math.round(avroTs.mb),
  'codegen.speedupVsAvroTs': +(avroTs.secs / unilog.secs).toFixed(2),
  'codegen.repo.seconds': repo.secs,
  'codegen.nodeStartup.seconds': node.secs,
  'codegen.unilog.vsNodeStartup': +(unilog.secs / node.secs).toFixed(2),
  'codegen.repo.vsNodeStartup': +(repo.secs / node.secs).toFixed(2),
};
if (process.argv.includes('--json')) {
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  console.log('codegen: 500-schema corpus, whole process, median of %d runs', RUNS);
  console.log('  unilog generate (types + codecs), from scratch: %s s (CPU %s s), %s MB peak RSS   (target ≤ 120 MB)', unilog.secs.toFixed(2), unilog.cpu.toFixed(2), Math.round(unilog.mb));
  console.log('  again, one schema edited: %s s (CPU %s s; %d of %d files not reused whole)   (target ≤ 0.35 s)', editOne.secs.toFixed(2), editOne.cpu.toFixed(2), result['codegen.unilog.oneEdited.filesComputed'], Number(/generated (\d+) files/.exec(editOne.stdout)[1]));
  console.log('  again, nothing changed: %s s (CPU %s s)', unchanged.secs.toFixed(2), unchanged.cpu.toFixed(2));
  console.log('  one schema edited ÷ from scratch: %s by wall time, %s by CPU', (editOne.secs / unilog.secs).toFixed(2), (editOne.cpu / unilog.cpu).toFixed(2));
  console.log('  @ovotech/avro-ts 6.2 (types only): %s s, %s MB peak RSS', avroTs.secs.toFixed(2), Math.round(avroTs.mb));
  console.log('  ratio: unilog is %s× faster than avro-ts   (target ≥ 2×)', result['codegen.speedupVsAvroTs']);
  console.log('  this repository, no contract changed (generate --check): %s s   (target ≤ 0.3 s)', repo.secs.toFixed(2));
  console.log('  node -e 0 (start-up alone, same run): %s s; corpus %s×, this repository %s× of it', node.secs.toFixed(2), result['codegen.unilog.vsNodeStartup'], result['codegen.repo.vsNodeStartup']);
}
