/**
 * The proof that generated types tell the truth: for every named type of the example schemas and of a large
 * synthetic corpus, random valid Avro binary (written by an independent writer) is decoded by the generated codec,
 * re-encoded to the very same bytes, and the decoded value — printed as a TypeScript literal — type-checks against
 * the generated read type (exact shape: missing or extra fields fail) and is accepted by the write type.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, test } from 'vitest';
import { makeCorpus, prng } from '../../bench/codegen/synthetic-corpus.js';
import type { UnilogConfig } from '../../generator/config/load-config.js';
import { allocateNames, namespaceAlias } from '../../generator/emit/allocate-names.js';
import { resolveSchemaDir } from '../../generator/resolve/resolve-schemas.js';
import { generateInto, REPO, workDir, writeFiles } from '../support/generate-into.js';
import { randomAvroBytes } from '../support/random-avro-bytes.js';
import { tsLiteral } from '../support/ts-literal.js';
import { typecheck } from '../support/typecheck.js';

interface AnyCodec {
  encode(value: unknown): Buffer;
  decode(bytes: Uint8Array): unknown;
  encodeFramed(value: unknown, id: number): Buffer;
  decodeFramed(bytes: Uint8Array): unknown;
}

/** `samplesPerType` values round-trip per type; the first `typedSamples` of them are also type-checked (tsc is the slow part). */
async function prove(name: string, schemasDir: string, samplesPerType: number, typedSamples: number, configYaml?: string): Promise<void> {
  const dir = workDir(`proof-${name}`);
  const out = join(dir, 'generated');
  const config: UnilogConfig = await generateInto(schemasDir, out, configYaml);
  const { set } = resolveSchemaDir(schemasDir);
  const names = allocateNames(set);
  const { codecs } = (await import(pathToFileURL(join(out, 'codecs.ts')).href)) as { codecs: Record<string, AnyCodec> };

  const rnd = prng(7);
  const lines: string[] = [];
  const imports = new Set<string>();
  let count = 0;
  for (const node of set.named.values()) {
    const codec = codecs[node.name];
    expect(codec, node.name).toBeDefined();
    const n = names.get(node)!;
    const alias = namespaceAlias(node.namespace);
    imports.add(`import type * as ${alias} from './generated/${n.module}.js';`);
    for (let i = 0; i < samplesPerType; i++) {
      const bytes = randomAvroBytes(node, rnd);
      const value = codec!.decode(bytes);
      const again = codec!.encode(value);
      expect(again.equals(bytes), `${node.name}: re-encoded bytes differ\n${bytes.toString('hex')}\n${again.toString('hex')}`).toBe(true);
      const framed = codec!.encodeFramed(value, 4242);
      expect(framed.subarray(5).equals(bytes)).toBe(true);
      expect(codec!.decodeFramed(framed)).toEqual(value);
      if (i >= typedSamples) continue;
      const id = `v${count++}`;
      lines.push(`export const ${id}: ${alias}.${n.type} = ${tsLiteral(value)};`);
      if (n.input) lines.push(`export const ${id}w: ${alias}.${n.input} = ${id};`);
    }
  }
  const valuesFile = join(dir, 'values.ts');
  writeFileSync(valuesFile, [...imports].sort().join('\n') + '\n\n' + lines.join('\n') + '\n');
  const errors = typecheck([valuesFile, join(out, 'index.ts')]).map((e) => relative(REPO, e));
  expect(errors.slice(0, 10)).toEqual([]);
  void config;
}

describe('round trip and type check', () => {
  test('example schemas', async () => {
    await prove('example', join(REPO, 'schemas'), 200, 40);
  }, 180_000); // a tsc program over the generated types: about 20 s alone, several times that on a busy machine

  test('example schemas with long as bigint and logical types off', async () => {
    await prove('example-bigint', join(REPO, 'schemas'), 100, 20, 'types:\n  long: bigint\n  logicalTypes: false\n');
  }, 180_000);

  test('synthetic corpus of 500 schemas', async () => {
    const dir = workDir('corpus-schemas');
    writeFiles(dir, makeCorpus(500).files);
    await prove('corpus', dir, 5, 1);
  }, 300_000);
});
