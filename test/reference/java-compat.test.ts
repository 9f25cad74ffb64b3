/**
 * Differential test of the compatibility checker against Apache Avro Java 1.12 (SchemaCompatibility), in one JVM
 * start: seeded random subject histories (a record evolved by random edits: fields added with or without a default,
 * removed, promoted or narrowed, enum symbols added or removed, union branches added or removed, fixed sizes and
 * record names changed). For every (reader, writer) pair of versions unilog's verdict and incompatibility types must
 * be Java's, and for every Confluent level the verdict of `checkLevel` must be the one Java's pairwise answers give.
 * Skipped, by name, where there is no JDK or Maven.
 */
import { describe, expect, test } from 'vitest';
import { checkReaderWriter } from '../../generator/compat/check-reader-writer.js';
import { checkLevel, COMPATIBILITY_LEVELS, levelPlan } from '../../generator/compat/levels.js';
import { loadSchemaText } from '../../generator/compat/load-schema-text.js';
import type { TypeNode } from '../../generator/ir.js';
import { prng } from '../../bench/codegen/synthetic-corpus.js';
import { javaAvailable, runJava } from '../support/java-reference.js';

type Json = Record<string, unknown>;
const SUBJECTS = 60;
const VERSIONS = 4;

const TYPES: Array<[unknown, unknown]> = [
  ['int', 1], ['long', 2], ['float', 0.5], ['double', 1.5], ['string', 's'], ['bytes', '\u0001'], ['boolean', true],
  [{ type: 'enum', name: 'E', symbols: ['A', 'B', 'C'] }, 'A'], [['null', 'string'], null], [['string', 'null'], 'x'], [['null', 'long'], 5],
  [{ type: 'array', items: 'int' }, []], [{ type: 'map', values: 'long' }, {}], [{ type: 'fixed', name: 'F', size: 4 }, 'abcd'],
  [{ type: 'record', name: 'In', fields: [{ name: 'x', type: 'int' }] }, { x: 0 }],
];
const CHANGES: Record<string, unknown[]> = {
  int: ['long', 'float', 'double', 'string'], long: ['int', 'float', 'double'], float: ['double', 'int'], double: ['float'],
  string: ['bytes', 'int'], bytes: ['string'], boolean: ['int'],
};

function randomHistory(rnd: () => number): Json[] {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  let n = 0;
  const field = (): Json => {
    const [type, def] = pick(TYPES);
    // Named types get a name of their own per field, so two fields never define one name twice.
    const t = typeof type === 'object' && !Array.isArray(type) && (type as Json).name ? { ...(type as Json), name: `${(type as Json).name}${n}` } : type;
    return { name: `f${n++}`, type: t, ...(rnd() < 0.5 ? { default: def } : {}) };
  };
  let current: Json = { type: 'record', name: 'R', namespace: 'h', fields: [field(), field(), field()] };
  const history = [current];
  for (let v = 1; v < VERSIONS; v++) {
    const fields = (current.fields as Json[]).map((f) => ({ ...f }));
    const edits = 1 + Math.floor(rnd() * 2);
    for (let e = 0; e < edits; e++) {
      const r = rnd();
      const i = Math.floor(rnd() * fields.length);
      const f = fields[i];
      if (r < 0.25 || !f) fields.push(field());
      else if (r < 0.4) fields.splice(i, 1);
      else if (r < 0.55 && typeof f.type === 'string' && CHANGES[f.type]) {
        f.type = pick(CHANGES[f.type]!);
        delete f.default;
      } else if (r < 0.65 && typeof f.type === 'object' && (f.type as Json).type === 'enum') {
        const symbols = [...((f.type as Json).symbols as string[])];
        if (rnd() < 0.5) symbols.push(`S${v}`);
        else if (symbols.length > 1) symbols.splice(symbols.length - 1, 1);
        f.type = { ...(f.type as Json), symbols, ...(rnd() < 0.3 ? { default: symbols[0] } : {}) };
        if (f.default !== undefined && !symbols.includes(f.default as string)) delete f.default;
      } else if (r < 0.75 && Array.isArray(f.type)) {
        f.type = f.type.length > 2 ? f.type.slice(0, 2) : [...f.type, 'int'];
      } else if (r < 0.8 && typeof f.type === 'object' && (f.type as Json).type === 'fixed') {
        f.type = { ...(f.type as Json), size: 8 };
        delete f.default;
      } else if (r < 0.85) {
        if (f.default === undefined) {
          const d = TYPES.find(([t]) => JSON.stringify(t) === JSON.stringify(f.type));
          if (d) f.default = d[1];
        } else delete f.default;
      } else if (r < 0.9) {
        f.aliases = [f.name as string];
        f.name = `${f.name as string}_renamed${v}`;
      } else fields.push(field());
    }
    current = { ...current, fields, ...(rnd() < 0.05 ? { name: 'R2' } : {}) };
    history.push(current);
  }
  return history;
}

describe.skipIf(!javaAvailable())('compat against Apache Avro Java 1.12 (seeded random histories)', () => {
  const rnd = prng(2026);
  const histories = Array.from({ length: SUBJECTS }, () => randomHistory(rnd).map((s) => JSON.stringify(s)));
  const pairs: Array<{ subject: number; reader: number; writer: number }> = [];
  histories.forEach((h, subject) => {
    for (let reader = 0; reader < h.length; reader++) for (let writer = 0; writer < h.length; writer++) if (reader !== writer) pairs.push({ subject, reader, writer });
  });
  let java: Map<string, { compatible: boolean; types: string[] }> | undefined;
  const javaVerdicts = (): Map<string, { compatible: boolean; types: string[] }> => {
    if (!java) {
      const results = runJava(pairs.map((p) => ({ op: 'compat' as const, reader: histories[p.subject]![p.reader]!, writer: histories[p.subject]![p.writer]! })));
      java = new Map(pairs.map((p, i) => {
        const r = results[i]!;
        if (r.error !== undefined) throw new Error(`Java: ${r.error} (subject ${p.subject})`);
        return [`${p.subject}:${p.reader}:${p.writer}`, { compatible: r.compatible!, types: r.types! }];
      }));
    }
    return java;
  };
  const load = (text: string): TypeNode => {
    const r = loadSchemaText(text, 'h.avsc');
    if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('; '));
    return r.schema;
  };

  test(`every reader/writer pair of ${SUBJECTS} histories: Java's verdict and incompatibility types`, { timeout: 300_000 }, () => {
    const verdicts = javaVerdicts();
    const mismatches: string[] = [];
    let incompatible = 0;
    for (const p of pairs) {
      const h = histories[p.subject]!;
      const ours = checkReaderWriter(load(h[p.reader]!), load(h[p.writer]!));
      const theirs = verdicts.get(`${p.subject}:${p.reader}:${p.writer}`)!;
      if (!theirs.compatible) incompatible++;
      const a = `${ours.compatible} ${ours.incompatibilities.map((i) => i.type).sort().join(',')}`;
      const b = `${theirs.compatible} ${[...theirs.types].sort().join(',')}`;
      if (a !== b) mismatches.push(`subject ${p.subject} v${p.reader} reads v${p.writer}: unilog ${a} / Java ${b}\n  reader ${h[p.reader]}\n  writer ${h[p.writer]}`);
    }
    // The generator must make both kinds of pair, or the test proves little.
    expect(incompatible).toBeGreaterThan(pairs.length / 10);
    expect(incompatible).toBeLessThan(pairs.length * 0.9);
    expect(mismatches).toEqual([]);
  });

  test('every Confluent level: the verdict Java pairwise answers give', { timeout: 300_000 }, () => {
    const verdicts = javaVerdicts();
    const mismatches: string[] = [];
    histories.forEach((h, subject) => {
      const nodes = h.map(load);
      const candidate = nodes.length - 1;
      for (const level of COMPATIBILITY_LEVELS) {
        const plan = levelPlan(level);
        const first = level === 'NONE' ? candidate : plan.transitive ? 0 : candidate - 1;
        let javaOk = true;
        for (let v = first; v < candidate; v++) {
          if (plan.backward && !verdicts.get(`${subject}:${candidate}:${v}`)!.compatible) javaOk = false;
          if (plan.forward && !verdicts.get(`${subject}:${v}:${candidate}`)!.compatible) javaOk = false;
        }
        const ours = checkLevel(level, nodes.slice(0, -1), nodes[candidate]!).compatible;
        if (ours !== javaOk) mismatches.push(`subject ${subject} ${level}: unilog ${ours} / Java ${javaOk}`);
      }
    });
    expect(mismatches).toEqual([]);
  });
});
