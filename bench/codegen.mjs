// Codegen benchmark: whole-process time and peak RSS of `unilog generate` (types and codecs) on a deterministic
// 500-schema corpus, beside @ovotech/avro-ts 6.2 (types only) on the same corpus, measured in the same run.
// Build first (`npm run build`), then: node bench/codegen.mjs [--json]
// Targets: ≤ 0.35 s, ≤ 120 MB, and at least 2× faster than avro-ts; this repository's own run ≤ 0.3 s.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

/** Runs a command under /usr/bin/time and returns wall seconds and peak RSS in MB. */
function measure(args, out, cwd = work) {
  rmSync(out, { recursive: true, force: true });
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, ...args], { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed:\n${r.stderr}`);
  const [secs, kb] = r.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  return { secs, mb: kb / 1024 };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function series(args, out, cwd = work) {
  measure(args, out, cwd); // warm the file cache
  const runs = Array.from({ length: RUNS }, () => measure(args, out, cwd));
  return { secs: median(runs.map((r) => r.secs)), mb: median(runs.map((r) => r.mb)) };
}

const unilog = series([join(REPO, 'bin', 'unilog.js'), 'generate', '--schemas', schemas, '--out', join(work, 'out-unilog')], join(work, 'out-unilog'));
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
  console.log('  unilog generate (types + codecs): %s s, %s MB peak RSS   (targets ≤ 0.35 s, ≤ 120 MB)', unilog.secs.toFixed(2), Math.round(unilog.mb));
  console.log('  @ovotech/avro-ts 6.2 (types only): %s s, %s MB peak RSS', avroTs.secs.toFixed(2), Math.round(avroTs.mb));
  console.log('  ratio: unilog is %s× faster than avro-ts   (target ≥ 2×)', result['codegen.speedupVsAvroTs']);
  console.log('  this repository, no contract changed (generate --check): %s s   (target ≤ 0.3 s)', repo.secs.toFixed(2));
  console.log('  node -e 0 (start-up alone, same run): %s s; corpus %s×, this repository %s× of it', node.secs.toFixed(2), result['codegen.unilog.vsNodeStartup'], result['codegen.repo.vsNodeStartup']);
}
