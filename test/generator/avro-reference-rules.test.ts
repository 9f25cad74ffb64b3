/**
 * Where unilog's schema rules were checked against Apache Avro Java 1.12.2 and disagreed (issue 12): each case is what
 * a user sees from `generate` (errors with their place, warnings) or from the generated codec. Java's verdicts on the
 * same schemas are in test/reference (run against the real jar).
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { loadConfig } from '../../generator/config/load-config.js';
import { formatLocated, type Diagnostic } from '../../generator/diagnostics.js';
import { moduleOf } from '../../generator/emit/allocate-names.js';
import { runPipeline } from '../../generator/pipeline.js';
import type { RecordNode } from '../../generator/ir.js';
import { resolveSchemaTexts } from '../../generator/resolve/resolve-schemas.js';
import { schemaText } from '../../runtime/codec/index.js';
import { generateInto, workDir, writeFiles } from '../support/generate-into.js';
import { typecheck } from '../support/typecheck.js';

interface AnyCodec {
  encode(value: unknown): Buffer;
  decode(bytes: Uint8Array): Record<string, unknown>;
  standaloneSchema(): unknown;
}

const errors = (files: Record<string, string>): string[] => resolveSchemaTexts(files).diagnostics.map(formatLocated);

async function generateDiagnostics(name: string, files: Record<string, string>, configYaml = ''): Promise<{ errors: string[]; warnings: string[] }> {
  const dir = workDir(name);
  writeFiles(join(dir, 'schemas'), files);
  writeFiles(dir, { 'unilog.config.yaml': configYaml });
  const config = loadConfig({ config: join(dir, 'unilog.config.yaml'), schemas: join(dir, 'schemas'), out: join(dir, 'generated') }, dir);
  const r = await runPipeline(config);
  const fmt = (d: Diagnostic): string => `${d.code} ${formatLocated(d).replace(/^.*schemas\//, '')}`;
  return { errors: r.diagnostics.map(fmt), warnings: r.warnings.map(fmt) };
}

async function codecsOf(name: string, files: Record<string, string>, configYaml?: string): Promise<Record<string, AnyCodec>> {
  const dir = workDir(name);
  writeFiles(join(dir, 'schemas'), files);
  await generateInto(join(dir, 'schemas'), join(dir, 'generated'), configYaml);
  return ((await import(pathToFileURL(join(dir, 'generated', 'codecs.ts')).href)) as { codecs: Record<string, AnyCodec> }).codecs;
}

const MAX_LONG = '{"type":"record","name":"R","fields":[\n  {"name":"max","type":"long","default":9223372036854775807}\n]}';

describe('1. a long default keeps the exact integer of the source text', () => {
  test('the schema graph holds it as a bigint', () => {
    const r = resolveSchemaTexts({ 'r.avsc': MAX_LONG });
    expect(r.diagnostics).toEqual([]);
    expect((r.set.named.get('R') as RecordNode).fields[0]!.default!.value).toBe(9223372036854775807n);
  });

  test("with long: number it is a located error that says to use long: bigint", async () => {
    const r = await generateDiagnostics('long-default-number', { 'r.avsc': MAX_LONG });
    expect(r.errors).toEqual([
      "UNSAFE_LONG_DEFAULT r.avsc:2:41: default of field 'max' holds 9223372036854775807, which a JavaScript number cannot hold exactly (beyond ±(2^53-1)); set 'long: bigint' under 'types' in unilog.config.yaml, or use a smaller default",
    ]);
  });

  test('with long: bigint it encodes, decodes and reaches the standalone schema exactly', async () => {
    const codecs = await codecsOf('long-default-bigint', { 'r.avsc': MAX_LONG }, 'types:\n  long: bigint\n');
    const R = codecs.R!;
    const bytes = R.encode({});
    expect(bytes.toString('hex')).toBe('feffffffffffffffff01');
    expect(R.decode(bytes).max).toBe(9223372036854775807n);
    expect(schemaText(R.standaloneSchema() as never)).toBe('{"type":"record","name":"R","fields":[{"name":"max","type":"long","default":9223372036854775807}]}');
  });
});

describe('2. no module file name ends in a suffix TypeScript reads specially', () => {
  test.each([
    ['x.d', 'types/x.d-'],
    ['foo.a.b.c.d', 'types/foo.a.b.c.d-'],
    ['a.d.css', 'types/a.d-.css'],
    ['x.D', 'types/x.D-'],
    ['x.d_', 'types/x.d_'],
    ['', 'types/default-namespace'],
  ])('namespace %j is module %j', (ns, module) => {
    expect(moduleOf(ns)).toBe(module);
  });

  test('a namespace ending in .d generates modules TypeScript compiles to JavaScript (none is a declaration file)', async () => {
    const dir = workDir('namespace-d');
    writeFiles(join(dir, 'schemas'), { 'e.avsc': '{"type":"enum","name":"E","namespace":"foo.a.b.c.d","symbols":["A"]}' });
    const config = await generateInto(join(dir, 'schemas'), join(dir, 'generated'));
    const files = (await runPipeline(config)).files.map((f) => join(dir, 'generated', f.path));
    const program = ts.createProgram({ rootNames: files, options: { noEmit: true, allowImportingTsExtensions: false } });
    const declarations = files.filter((f) => program.getSourceFile(f)?.isDeclarationFile);
    expect(declarations).toEqual([]);
    expect(files.some((f) => f.endsWith('types/foo.a.b.c.d-.ts'))).toBe(true);
  });
});

describe('3. the standalone schema keeps "namespace": "" of a null-namespace type defined inside a namespace', () => {
  test('apache c_pass_namespace_null_enum', async () => {
    const codecs = await codecsOf('namespace-null', {
      'r.avsc': '{"type":"record","name":"R","namespace":"x","fields":[{"name":"e","type":{"type":"enum","name":"Z","namespace":"","symbols":["A"]}},{"name":"f","type":"Z"}]}',
    });
    expect(codecs['x.R']!.standaloneSchema()).toEqual({
      type: 'record', name: 'x.R', fields: [
        { name: 'e', type: { type: 'enum', name: 'Z', namespace: '', symbols: ['A'] } },
        { name: 'f', type: 'Z' },
      ],
    });
  });
});

test('4. a folder with no named types generates code that type-checks', { timeout: 300_000 }, async () => {
  const dir = workDir('no-named-types');
  writeFiles(join(dir, 'schemas'), { 'int.avsc': '"int"' });
  await generateInto(join(dir, 'schemas'), join(dir, 'generated'));
  expect(typecheck([join(dir, 'generated', 'codecs.ts'), join(dir, 'generated', 'index.ts')])).toEqual([]);
});

describe('5. a redefinition of a name', () => {
  const response = '{"type":"record","name":"MyResponse","namespace":"model","fields":[{"name":"isSuccessful","type":"boolean","doc":"x"}]}';
  test('identical in Parsing Canonical Form is accepted (apache java_multipleFile), and used as one type', async () => {
    const files = {
      'a.avsc': `{"type":"record","name":"ApplicationEvent","namespace":"model","fields":[{"name":"response","type":${response.replace('"doc":"x"', '"doc":"other doc"')}}]}`,
      'b.avsc': response,
    };
    expect(errors(files)).toEqual([]);
    const codecs = await codecsOf('identical-redefinition', files);
    expect(codecs['model.ApplicationEvent']!.decode(codecs['model.ApplicationEvent']!.encode({ response: { isSuccessful: true } }))).toEqual({ response: { isSuccessful: true } });
  });
  test('that differs is refused, naming both places', () => {
    expect(errors({ 'a.avsc': '{"type":"fixed","name":"t.F","size":2}', 'b.avsc': '{"type":"fixed","name":"t.F","size":3}' })).toEqual([
      "b.avsc:1:24: type 't.F' is already defined at a.avsc:1:1, differently (a redefinition must be identical in Parsing Canonical Form)",
    ]);
  });
});

test('6. a logical type on the wrong type is ignored, with a located warning (castle: long + decimal)', async () => {
  const r = await generateDiagnostics('ignored-logical', { 'r.avsc': '{"type":"record","name":"R","fields":[{"name":"a","type":{"type":"long","logicalType":"decimal"}}]}' });
  expect(r.errors).toEqual([]);
  expect(r.warnings).toEqual([
    "IGNORED_LOGICAL_TYPE r.avsc:1:87: logical type 'decimal' must annotate 'bytes' or 'fixed', not 'long'; the logical type is ignored (as the Avro specification says) and values are plain long",
  ]);
  const codecs = await codecsOf('ignored-logical-codec', { 'r.avsc': '{"type":"record","name":"R","fields":[{"name":"a","type":{"type":"long","logicalType":"decimal"}}]}' });
  expect(codecs.R!.decode(codecs.R!.encode({ a: 5 }))).toEqual({ a: 5 });
});

describe('7. a union default may match any branch (Avro 1.12)', () => {
  test('["null","string"] with default "x" generates, and the codec writes the string branch', async () => {
    const files = { 'r.avsc': '{"type":"record","name":"R","fields":[{"name":"a","type":["null","string"],"default":"x"}]}' };
    expect(errors(files)).toEqual([]);
    const codecs = await codecsOf('union-default-later-branch', files);
    expect(codecs.R!.encode({}).toString('hex')).toBe('020278');
    expect(codecs.R!.decode(codecs.R!.encode({}))).toEqual({ a: 'x' });
  });
  test('a default of no branch names the branches', () => {
    expect(errors({ 'r.avsc': '{"type":"record","name":"R","fields":[{"name":"a","type":["null","string"],"default":1}]}' })).toEqual([
      "r.avsc:1:86: default of field 'a' must be a value of one of the union's branches (null, string), found 1",
    ]);
  });
  test('generate refuses a default that Java would write with an earlier branch of the same JSON kind, saying which first', () => {
    expect(
      errors({
        'r.avsc': '{"type":"record","name":"R","fields":[{"name":"a","type":["int","double"],"default":1.5},{"name":"b","type":[{"type":"array","items":"int"},"null"],"default":null}]}',
      }),
    ).toEqual([
      "r.avsc:1:85: default of field 'a' is a value of double, but Apache Avro Java 1.12 writes a union default with the first branch that takes a JSON number (here int) and would read this one differently: put double first in the union",
      "r.avsc:1:159: default of field 'b' is a value of null, but Apache Avro Java 1.12 writes a union default with the first branch that takes a JSON null (here array) and would read this one differently: put null first in the union",
    ]);
    expect(errors({ 'r.avsc': '{"type":"record","name":"R","fields":[{"name":"a","type":["double","int"],"default":1.5}]}' })).toEqual([]);
  });
});

describe("Java's parse verdicts that generate shares (10-13)", () => {
  test('11. an int default written 1.0 or 1e2 is refused', () => {
    expect(errors({ 'r.avsc': '{"type":"record","name":"R","fields":[{"name":"a","type":"int","default":1.0},{"name":"b","type":"int","default":1e2}]}' })).toEqual([
      "r.avsc:1:74: default of field 'a' must be an int (a whole number from -2^31 to 2^31-1, written without a fraction or exponent), found 1.0",
      "r.avsc:1:114: default of field 'b' must be an int (a whole number from -2^31 to 2^31-1, written without a fraction or exponent), found 1e2",
    ]);
  });
  test('10. generate refuses a fixed default of the wrong length, saying why (compat accepts it, as Java)', () => {
    expect(errors({ 'r.avsc': '{"type":"record","name":"R","fields":[{"name":"a","type":{"type":"fixed","name":"F","size":2},"default":"aaaa"}]}' })).toEqual([
      "r.avsc:1:105: default of field 'a' must be exactly 2 bytes long (fixed 'F'; Java accepts another length, but no codec can write it), found \"aaaa\"",
    ]);
  });
  test('12. a short name from a namespace back to a null-namespace record still being defined is refused, saying how to fix it', () => {
    const e = errors({ 'r.avsc': '{"type":"record","name":"R","fields":[{"name":"s","type":{"type":"record","name":"S","namespace":"x","fields":[{"name":"r","type":["null","R"]}]}}]}' });
    expect(e).toEqual([
      "r.avsc:1:139: Apache Avro Java cannot read this schema: inside namespace 'x', 'R' means 'x.R' unless 'R' (null namespace) is completely defined before it, and 'R' is still being defined here; give 'R' a namespace and refer to it by its full name, or give the type that holds this reference \"namespace\": \"\"",
    ]);
  });
  test('12. the same reference to a null-namespace type already defined is fine (apache c_pass_namespace_null_*)', () => {
    expect(errors({ 'r.avsc': '{"type":"record","name":"R","namespace":"x","fields":[{"name":"e","type":{"type":"enum","name":"Z","namespace":"","symbols":["A"]}},{"name":"f","type":"Z"}]}' })).toEqual([]);
  });
  test('13. a default holding a value of the record being defined is refused (Java: "Schema fields not set yet")', () => {
    expect(errors({ 'r.avsc': '{"type":"record","name":"R","fields":[{"name":"a","type":["null","R"],"default":{"a":null}}]}' })).toEqual([
      "r.avsc:1:81: default of field 'a' holds a value of record 'R' inside the definition of 'R' itself, which Apache Avro Java refuses (\"Schema fields not set yet\"); use null or an empty array or map instead",
    ]);
    expect(errors({ 'r.avsc': '{"type":"record","name":"R","fields":[{"name":"a","type":["null","R"],"default":null},{"name":"b","type":{"type":"array","items":"R"},"default":[]}]}' })).toEqual([]);
  });
});
