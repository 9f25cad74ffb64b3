// Compatibility checker benchmark: 1,000 subjects x 10 versions each, generated deterministically with realistic
// evolution (optional fields added and removed, enum symbols added under an enum default, docs edited, a few
// breaking changes), every version checked at FULL_TRANSITIVE against all earlier ones, as a registry does when the
// versions are registered one by one. Prints the check time beside the time to load+parse the same schemas.
//
//   npx tsc -p tsconfig.build.json && node bench/compat.mjs [--json] [--subjects N] [--versions N]
import { parseArgs } from 'node:util';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { prng as rng } from '../dist/bench/codegen/synthetic-corpus.js';

const { checkLevel } = await import('../dist/generator/compat/levels.js');
const { loadSchemaText } = await import('../dist/generator/compat/load-schema-text.js');

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    subjects: { type: 'string', default: '1000' },
    versions: { type: 'string', default: '10' },
  },
});
const SUBJECTS = Number(values.subjects);
const VERSIONS = Number(values.versions);


const PRIMS = ['string', 'int', 'long', 'double', 'boolean', 'bytes'];
const DEFAULTS = { string: '', int: 0, long: 0, double: 0, boolean: false, bytes: '' };

/** One subject's history: a record with nested records, an enum, arrays, maps and nullable fields. */
function history(subject) {
  const rand = rng(subject * 7919 + 17);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const ns = `com.bench.s${subject}`;
  const symbols = ['ACTIVE', 'SUSPENDED', 'DELETED'];
  let counter = 0;
  const fieldOf = (optional) => {
    const name = `f${counter++}`;
    const r = rand();
    if (optional) return { name, type: ['null', pick(PRIMS)], default: null };
    if (r < 0.6) return { name, type: pick(PRIMS) };
    if (r < 0.75) return { name, type: { type: 'array', items: pick(PRIMS) } };
    if (r < 0.85) return { name, type: { type: 'map', values: pick(PRIMS) } };
    return { name, type: ['null', pick(PRIMS)], default: null };
  };
  const fields = [{ name: 'id', type: 'string' }];
  for (let i = 0, n = 6 + Math.floor(rand() * 10); i < n; i++) fields.push(fieldOf(false));
  const address = [
    { name: 'street', type: 'string' },
    { name: 'city', type: 'string' },
    { name: 'zip', type: ['null', 'string'], default: null },
  ];
  const breaking = rand() < 0.02; // about 20 subjects carry one breaking change
  const breakAt = 2 + Math.floor(rand() * (VERSIONS - 2));
  const out = [];
  for (let v = 0; v < VERSIONS; v++) {
    if (v > 0) {
      const step = rand();
      if (breaking && v === breakAt) {
        const prim = fields.findIndex((f, i) => i > 0 && typeof f.type === 'string');
        const at = prim > 0 ? prim : 1;
        fields[at] = { name: fields[at].name, type: fields[at].type === 'int' ? 'string' : 'int' };
      } else if (step < 0.45) fields.push(fieldOf(true));
      else if (step < 0.6) symbols.push(`STATE_${v}`);
      else if (step < 0.7) {
        const type = pick(PRIMS);
        address.push({ name: `extra${v}`, type, default: DEFAULTS[type] });
      }
      else if (step < 0.8) {
        const opt = fields.findIndex((f) => 'default' in f && f.default === null);
        if (opt > 0) fields.splice(opt, 1);
        else fields.push(fieldOf(true));
      } else {
        // A documentation-only change: same shape, new text.
        fields[0] = { ...fields[0], doc: `identifier, revision ${v}` };
      }
    }
    const schema = {
      type: 'record',
      name: 'Event',
      namespace: ns,
      fields: [
        ...fields,
        { name: 'state', type: { type: 'enum', name: 'State', symbols: [...symbols], default: 'ACTIVE' } },
        { name: 'address', type: { type: 'record', name: 'Address', fields: [...address] } },
        { name: 'previous', type: { type: 'array', items: 'Address' } },
        { name: 'tags', type: { type: 'map', values: ['null', 'State'] } },
      ],
    };
    out.push(JSON.stringify(schema, null, 2));
  }
  return out;
}

const texts = [];
for (let s = 0; s < SUBJECTS; s++) texts.push(history(s));

/** Best of `runs`, wall clock and the CPU time of that run (on a busy machine, CPU time is the steadier figure). */
const bestOf = (runs, fn) => {
  let best = Infinity;
  let cpu = 0;
  let result;
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    result = fn();
    const ms = performance.now() - t0;
    if (ms < best) {
      best = ms;
      const c = process.cpuUsage(c0);
      cpu = (c.user + c.system) / 1000;
    }
  }
  return { ms: best, cpuMs: cpu, result };
};

const load = bestOf(3, () =>
  texts.map((versions, s) =>
    versions.map((text, v) => {
      const r = loadSchemaText(text, `s${s}/v${v + 1}.avsc`);
      if (!r.ok) throw new Error(`generated schema s${s} v${v + 1} is invalid: ${r.diagnostics[0].message}`);
      return r.schema;
    }),
  ),
);
const schemas = load.result;

const check = bestOf(5, () => {
  let pairs = 0;
  let incompatibleVersions = 0;
  for (const versions of schemas) {
    for (let v = 1; v < versions.length; v++) {
      const result = checkLevel('FULL_TRANSITIVE', versions.slice(0, v), versions[v]);
      pairs += 2 * v;
      if (!result.compatible) incompatibleVersions++;
    }
  }
  return { pairs, incompatibleVersions };
});

const report = {
  subjects: SUBJECTS,
  versionsPerSubject: VERSIONS,
  schemas: SUBJECTS * VERSIONS,
  level: 'FULL_TRANSITIVE',
  readerWriterChecks: check.result.pairs,
  incompatibleVersions: check.result.incompatibleVersions,
  loadParseMs: Number(load.ms.toFixed(1)),
  checkMs: Number(check.ms.toFixed(1)),
  loadParseCpuMs: Number(load.cpuMs.toFixed(1)),
  checkCpuMs: Number(check.cpuMs.toFixed(1)),
  checkToLoadRatio: Number((check.ms / load.ms).toFixed(2)),
  targetMs: 1000,
  withinTarget: check.ms < 1000,
  node: process.version,
  loadAverage: Number(os.loadavg()[0].toFixed(2)),
  cpus: os.cpus().length,
};

if (values.json) {
  // Keys carry the bench's name, so `npm run bench -- --json` can merge every bench into one object.
  process.stdout.write(`${JSON.stringify(Object.fromEntries(Object.entries(report).map(([k, v]) => [`compat.${k}`, v])))}\n`);
} else {
  const n = (x) => x.toLocaleString('en-US');
  process.stdout.write(
    [
      `compat bench: ${n(SUBJECTS)} subjects x ${VERSIONS} versions = ${n(report.schemas)} schemas, each version checked at FULL_TRANSITIVE`,
      `  load+parse   ${report.loadParseMs.toFixed(1).padStart(8)} ms   (cpu ${report.loadParseCpuMs.toFixed(0)} ms)`,
      `  check        ${report.checkMs.toFixed(1).padStart(8)} ms   (cpu ${report.checkCpuMs.toFixed(0)} ms; ${n(report.readerWriterChecks)} reader/writer checks, ${report.incompatibleVersions} incompatible versions)`,
      `  check / load ${report.checkToLoadRatio.toFixed(2).padStart(8)} x   target: check < 1000 ms ${report.withinTarget ? 'met' : 'NOT met'}`,
      `  (node ${report.node}, ${report.cpus} cpus, load average ${report.loadAverage})`,
      '',
    ].join('\n'),
  );
}
