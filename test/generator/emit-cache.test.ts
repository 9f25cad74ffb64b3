/**
 * Regenerating only what changed (generator/output/emit-cache.ts): a run that reuses the last run's files, whole or in
 * parts, writes exactly what a run from scratch writes, after any edit; a file edited by hand is never reused, so
 * `generate --check` stays exact; a record written by other code, or a damaged one, is ignored.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { makeCorpus, prng } from '../../bench/codegen/synthetic-corpus.js';
import { loadConfig } from '../../generator/config/load-config.js';
import { formatLocated } from '../../generator/diagnostics.js';
import { CODE_FOLDERS } from '../../generator/output/code-identity.js';
import { readPreviousOutput, recordOutput } from '../../generator/output/emit-cache.js';
import { writeOutput } from '../../generator/output/write-output.js';
import { runPipeline } from '../../generator/pipeline.js';
import { REPO, unilog, workDir, writeFiles } from '../support/generate-into.js';

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const path = join(dir, name);
    if (statSync(path).isFile()) out[name.split('\\').join('/')] = readFileSync(path, 'utf8');
  }
  return out;
}

/** What `unilog generate` does, in process: run the pipeline, write, record. Returns how many files were reused whole. */
async function generate(dir: string, out = 'generated'): Promise<number> {
  const config = loadConfig({ out }, dir);
  const result = await runPipeline(config);
  expect(result.diagnostics.map(formatLocated)).toEqual([]);
  writeOutput(config.out, result.files);
  recordOutput(config.out, result.files);
  return result.files.filter((f) => f.reuse?.reused).length;
}

const SCHEMAS = {
  'schemas/a.avsc': '{"type":"record","name":"A","namespace":"a","fields":[{"name":"b","type":"b.B"},{"name":"n","type":"long"}]}',
  'schemas/b.avsc': '{"type":"enum","name":"B","namespace":"b","symbols":["ONE","TWO"]}',
  'schemas/c.avsc': '{"type":"record","name":"C","namespace":"c","fields":[{"name":"s","type":"string"}]}',
  'schemas/c2.avsc': '{"type":"record","name":"D","namespace":"c","fields":[{"name":"c","type":"C"}]}',
};

describe('regenerating only what changed', () => {
  test('an edit recomputes what depends on the edited file and reuses the rest, writing what a run from scratch writes', () => {
    const dir = workDir('emit-cache-edit');
    writeFiles(dir, SCHEMAS);
    expect(unilog(dir, 'generate').stdout).toMatch(/\(6 added, 0 changed, 0 removed\)$/m);
    // b.avsc: module b changes; module a (which refers to b.B) is put together again; c, the codec map and the index
    // (no name changed) are reused whole.
    writeFileSync(join(dir, 'schemas/b.avsc'), '{"type":"enum","name":"B","namespace":"b","symbols":["ONE","TWO","THREE"]}');
    const edited = unilog(dir, 'generate');
    expect(edited.stdout).toMatch(/\(0 added, 1 changed, 0 removed; 3 reused from the last run\)$/m);
    expect(unilog(dir, 'generate', '--out', 'fresh').code).toBe(0);
    expect(snapshot(join(dir, 'generated'))).toEqual(snapshot(join(dir, 'fresh')));
    // c2.avsc: module c is put together from the part of c.avsc as the last run wrote it and a new part for c2.avsc.
    writeFileSync(join(dir, 'schemas/c2.avsc'), '{"type":"record","name":"D","namespace":"c","doc":"Now with a doc.","fields":[{"name":"c","type":"C"}]}');
    expect(unilog(dir, 'generate').stdout).toMatch(/\(0 added, 1 changed, 0 removed; 4 reused from the last run\)$/m);
    expect(readFileSync(join(dir, 'generated/types/c.ts'), 'utf8')).toContain('/** Now with a doc. */');
    rmSync(join(dir, 'fresh'), { recursive: true });
    unilog(dir, 'generate', '--out', 'fresh');
    expect(snapshot(join(dir, 'generated'))).toEqual(snapshot(join(dir, 'fresh')));
    // A new type in namespace c, from a new file: the codec map and the index change too.
    writeFileSync(join(dir, 'schemas/c3.avsc'), '{"type":"record","name":"E","namespace":"c","fields":[{"name":"a","type":"a.A"}]}');
    expect(unilog(dir, 'generate').stdout).toMatch(/\(0 added, 3 changed, 0 removed; 2 reused from the last run\)$/m);
    rmSync(join(dir, 'fresh'), { recursive: true });
    unilog(dir, 'generate', '--out', 'fresh');
    expect(snapshot(join(dir, 'generated'))).toEqual(snapshot(join(dir, 'fresh')));
  });

  test('files that refer to each other are reused like any others, whole or in parts', () => {
    const dir = workDir('emit-cache-cycle');
    writeFiles(dir, {
      'schemas/m1.avsc': '{"type":"record","name":"A","namespace":"m","fields":[{"name":"b","type":["null","m.B"],"default":null}]}',
      'schemas/m2.avsc': '{"type":"record","name":"B","namespace":"m","fields":[{"name":"a","type":["null","m.A"],"default":null}]}',
      'schemas/m3.avsc': '{"type":"enum","name":"C","namespace":"m","symbols":["X"]}',
    });
    unilog(dir, 'generate');
    // The module of namespace m, the codec map and the index.
    expect(unilog(dir, 'generate').stdout).toMatch(/\(no changes; 3 reused from the last run\)$/m);
    writeFileSync(join(dir, 'schemas/m3.avsc'), '{"type":"enum","name":"C","namespace":"m","symbols":["X","Y"]}');
    expect(unilog(dir, 'generate').stdout).toMatch(/\(0 added, 1 changed, 0 removed; 2 reused from the last run\)$/m);
    unilog(dir, 'generate', '--out', 'fresh');
    expect(snapshot(join(dir, 'generated'))).toEqual(snapshot(join(dir, 'fresh')));
  });

  test('a generated file edited by hand is not reused: --check reports it and generate puts it back', () => {
    const dir = workDir('emit-cache-hand-edit');
    writeFiles(dir, SCHEMAS);
    unilog(dir, 'generate');
    const c = join(dir, 'generated/types/c.ts');
    const original = readFileSync(c, 'utf8');
    writeFileSync(c, original.replace('s: string;', 's: number;'));
    const check = unilog(dir, 'generate', '--check');
    expect(check.code).toBe(1);
    expect(check.stderr).toContain('generated: changed types/c.ts');
    expect(unilog(dir, 'generate').stdout).toMatch(/\(0 added, 1 changed, 0 removed; 4 reused from the last run\)$/m);
    expect(readFileSync(c, 'utf8')).toBe(original);
    expect(unilog(dir, 'generate', '--check').code).toBe(0);
  });

  test('a change of the type mapping is a change of every part that prints a mapped type', () => {
    const dir = workDir('emit-cache-config');
    writeFiles(dir, SCHEMAS);
    unilog(dir, 'generate');
    writeFileSync(join(dir, 'unilog.config.yaml'), 'types:\n  long: bigint\n');
    expect(unilog(dir, 'generate').code).toBe(0);
    expect(readFileSync(join(dir, 'generated/types/a.ts'), 'utf8')).toContain('n: bigint;');
    unilog(dir, 'generate', '--out', 'fresh');
    expect(snapshot(join(dir, 'generated'))).toEqual(snapshot(join(dir, 'fresh')));
  });

  test('a record written by other generator code, or a damaged one, is ignored', async () => {
    const dir = workDir('emit-cache-record');
    writeFiles(dir, SCHEMAS);
    expect(await generate(dir)).toBe(0);
    expect(await generate(dir)).toBe(5); // four namespace modules, the codec map and the index: all but codec-options
    // Where the record is documented to be: under the nearest node_modules, by the SHA-1 of the output folder's path.
    const record = join(REPO, 'node_modules/.cache/unilog/emit', `${createHash('sha1').update(join(dir, 'generated')).digest('hex')}.json`);
    expect(readPreviousOutput(join(dir, 'generated')).size).toBe(5);
    const text = readFileSync(record, 'utf8');
    writeFileSync(record, text.replace(/"code":"[0-9a-f]+"/, '"code":"0000"'));
    expect(readPreviousOutput(join(dir, 'generated')).size).toBe(0);
    expect(await generate(dir)).toBe(0);
    writeFileSync(record, '{"format": 2, "code"');
    expect(await generate(dir)).toBe(0);
    writeFileSync(record, text.replace(/"files":\{.*\}\}\n?$/s, '"files":null}'));
    expect(await generate(dir)).toBe(0);
    expect(await generate(dir)).toBe(5);
  });

  test('without a node_modules folder above the output, every run computes everything and nothing is kept', () => {
    const dir = mkdtempSync(join(tmpdir(), 'unilog-no-node-modules-'));
    try {
      writeFiles(dir, SCHEMAS);
      expect(unilog(dir, 'generate').code).toBe(0);
      expect(unilog(dir, 'generate').stdout).toMatch(/\(no changes\)$/m);
      expect(existsSync(join(dir, 'node_modules'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('after any sequence of edits to a corpus, the reusing run writes what a run from scratch writes', async () => {
    const dir = workDir('emit-cache-random');
    const corpus = makeCorpus(40, 7).files;
    writeFiles(dir, Object.fromEntries(Object.entries(corpus).map(([p, t]) => [`schemas/${p}`, t])));
    const rnd = prng(11);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    let reusedSomething = false;
    await generate(dir);
    for (let step = 0; step < 24; step++) {
      type Schema = { name: string; namespace?: string; type: string; fields?: unknown[]; doc?: string };
      const named = (readdirSync(join(dir, 'schemas'), { recursive: true }) as string[])
        .filter((f) => f.endsWith('.avsc'))
        .sort()
        .map((f) => ({ file: join(dir, 'schemas', f), schema: JSON.parse(readFileSync(join(dir, 'schemas', f), 'utf8')) as Schema }))
        .filter(({ schema }) => typeof schema === 'object' && !Array.isArray(schema) && typeof schema.name === 'string');
      const { file, schema } = pick(named);
      // Edits a user makes: a doc, a custom attribute, a new optional field, a new type beside the others.
      const added = (readdirSync(join(dir, 'schemas'), { recursive: true }) as string[]).filter((f) => /added\d+\.avsc$/.test(f));
      const edit = pick(['doc', 'attribute', 'field', 'field type', 'new file', 'file removed'] as const);
      if (edit === 'doc') schema.doc = `edited ${step}`;
      else if (edit === 'attribute') (schema as Record<string, unknown>)[`x-step-${step}`] = step;
      else if (edit === 'field' && schema.type === 'record') schema.fields!.push({ name: `added${step}`, type: ['null', 'string'], default: null });
      else if (edit === 'field type' && schema.type === 'record') {
        // A field without a default (no default to check against its new type) becomes a string.
        const field = (schema.fields as Array<{ type: unknown; default?: unknown }>).find((f) => !('default' in f));
        if (field) field.type = 'string';
      } else if (edit === 'file removed' && added.length > 0) {
        // Only a file this test added and nothing refers to: the last one.
        rmSync(join(dir, 'schemas', added.sort((a, b) => Number(/(\d+)\.avsc$/.exec(a)![1]) - Number(/(\d+)\.avsc$/.exec(b)![1])).at(-1)!));
      } else {
        const full = schema.name.includes('.') || !schema.namespace ? schema.name : `${schema.namespace}.${schema.name}`;
        const ns = full.includes('.') ? full.slice(0, full.lastIndexOf('.')) : '';
        writeFileSync(join(dirname(file), `added${step}.avsc`), JSON.stringify({ type: 'record', name: `Added${step}`, namespace: ns, fields: [{ name: 'ref', type: full }] }));
      }
      writeFileSync(file, JSON.stringify(schema, null, 2));
      const reused = await generate(dir);
      reusedSomething ||= reused > 0;
      rmSync(join(dir, 'fresh'), { recursive: true, force: true });
      await generate(dir, 'fresh');
      const reusing = snapshot(join(dir, 'generated'));
      const fresh = snapshot(join(dir, 'fresh'));
      expect(Object.keys(reusing), `step ${step} (${edit} in ${relative(dir, file)})`).toEqual(Object.keys(fresh));
      for (const path of Object.keys(fresh)) expect(reusing[path], `step ${step}: ${path}`).toBe(fresh[path]);
    }
    expect(reusedSomething).toBe(true);
  });

  test('every module the schema loader and the Avro target run lies in a folder of the code identity', () => {
    // A module outside CODE_FOLDERS could change what a reused file would hold without dropping the record.
    const roots = ['generator/emit/emit-avro-modules.ts', 'generator/resolve/resolve-schemas.ts'];
    const folders = CODE_FOLDERS.map((f) => join(REPO, 'generator', f));
    const seen = new Set<string>();
    const pending = roots.map((r) => join(REPO, r));
    for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
      if (seen.has(file)) continue;
      seen.add(file);
      expect(folders, relative(REPO, file)).toContain(dirname(file));
      // Value imports only: `import type` leaves nothing in the built code.
      for (const m of readFileSync(file, 'utf8').matchAll(/^import (?!type )[^;]*? from '(\.[^']+)\.js';/gms)) pending.push(join(dirname(file), `${m[1]}.ts`));
    }
    expect(seen.size).toBeGreaterThan(20);
  });
});
