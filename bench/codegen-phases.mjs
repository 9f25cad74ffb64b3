// Where `unilog generate` spends its time on the 500-schema corpus, phase by phase, in fresh processes (the CLI runs
// once per process, so cold start-up and JIT warm-up are what a user pays). Reports CPU time (all threads) rather
// than wall time, so that other work on a loaded machine distorts it less; still compare runs made side by side.
// `load warm` and `emit warm`: the same phases run a third time in the same process, once V8 has compiled and optimised
// the generator: the work itself, without the warm-up a fresh process pays.
// Build first (`npm run build`), then: node bench/codegen-phases.mjs [--runs N]
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' }, child: { type: 'string' } } });
const DIST = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');

if (values.child) {
  // One measured run: import, load (read + parse + build the graph), emit, write.
  const usage = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
  const out = {};
  let mark = usage();
  const lap = (phase) => { const now = usage(); out[phase] = now - mark; mark = now; };
  const { resolveSchemaDir } = await import(join(DIST, 'generator/resolve/resolve-schemas.js'));
  const { emitAvroModules } = await import(join(DIST, 'generator/emit/emit-avro-modules.js'));
  const { writeOutput } = await import(join(DIST, 'generator/output/write-output.js'));
  const { defaultTypeMapping } = await import(join(DIST, 'generator/config/type-mapping.js'));
  lap('import');
  const schemas = join(values.child, 'schemas');
  const { set } = resolveSchemaDir(schemas);
  lap('load');
  const config = { types: defaultTypeMapping(), runtimeImport: 'unilog/runtime', schemas };
  const { files } = emitAvroModules({ config, schemas: set, catalog: { file: 'none', topics: [] } });
  lap('emit');
  writeOutput(join(values.child, 'out'), files);
  lap('write');
  out.peakRssMB = process.resourceUsage().maxRSS / 1024;
  // The same load and emit twice more in this process: by the third, V8 has compiled and optimised the generator, so
  // its figure is the work itself, and the first run's excess over it is what a cold process pays in warm-up.
  for (let again = 0; again < 2; again++) {
    const set = resolveSchemaDir(schemas).set;
    lap('load again');
    emitAvroModules({ config, schemas: set, catalog: { file: 'none', topics: [] } });
    lap('emit again');
  }
  out['load warm'] = out['load again'];
  out['emit warm'] = out['emit again'];
  delete out['load again'];
  delete out['emit again'];
  process.stdout.write(JSON.stringify(out));
} else {
  const { makeCorpus } = await import(join(DIST, 'bench/codegen/synthetic-corpus.js'));
  const work = mkdtempSync(join(tmpdir(), 'unilog-bench-phases-'));
  for (const [path, text] of Object.entries(makeCorpus(500).files)) {
    mkdirSync(dirname(join(work, 'schemas', path)), { recursive: true });
    writeFileSync(join(work, 'schemas', path), text);
  }
  const runs = [];
  for (let i = 0; i < Number(values.runs); i++) {
    rmSync(join(work, 'out'), { recursive: true, force: true });
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', work], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    runs.push(JSON.parse(r.stdout));
  }
  rmSync(work, { recursive: true, force: true });
  const sorted = (k) => runs.map((r) => r[k]).sort((a, b) => a - b);
  console.log('codegen phases: CPU ms per phase over %d fresh processes (load average %s)', runs.length, loadavg()[0].toFixed(1));
  for (const k of Object.keys(runs[0])) {
    const s = sorted(k);
    console.log('  %s min %s  median %s', k.padEnd(10), s[0].toFixed(0).padStart(5), s[s.length >> 1].toFixed(0).padStart(5));
  }
}
