/**
 * The codec against the Apache Avro Java 1.12 reference, for every named type of the example schemas (schemas/) and
 * of the golden test schemas (test/generator/golden/*), in one JVM start:
 *  - Java writes random datums (RandomData, fixed seed); unilog decodes and re-encodes them byte for byte;
 *  - unilog's independent random writer makes binary that unilog decodes and re-encodes; Java decodes that and
 *    re-encodes it to the same bytes (Java reads what unilog writes);
 *  - evolved readers (a field removed, a field with a default added, int and float promoted): Java resolves the
 *    writer's data to the reader and encodes it; unilog's resolver reads the same data to a value that encodes to
 *    the same bytes.
 * Values are compared as bytes under the underlying mapping (logicalTypes: false, long: 'bigint'), so every random
 * datum has a value. Skipped, by name, where there is no JDK or Maven.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { schemaJson } from '../../generator/emit/schema-json.js';
import { resolveSchemaDir } from '../../generator/resolve/resolve-schemas.js';
import { createCodec, schemaText, type AvroSchema } from '../../runtime/codec/index.js';
import { REPO } from '../support/generate-into.js';
import { javaAvailable, runJava, type JavaTask } from '../support/java-reference.js';
import { randomAvroBytes } from '../support/random-avro-bytes.js';
import { prng } from '../../bench/codegen/synthetic-corpus.js';

const OPTIONS = { logicalTypes: false, long: 'bigint' } as const;
const SAMPLES = 25;

interface Case {
  readonly id: string;
  readonly schema: AvroSchema;
  readonly text: string;
  readonly unilogBytes: string[];
  readonly readers: Array<{ what: string; schema: AvroSchema; text: string }>;
}

type Json = Record<string, unknown>;

/** Readers a compatible evolution gives: each is read against the writer by Java and by unilog. */
function evolvedReaders(schema: AvroSchema): Array<{ what: string; schema: AvroSchema }> {
  const rec = schema as Json;
  if (rec.type !== 'record') return [];
  const fields = rec.fields as Json[];
  const promote = (t: unknown): unknown => (t === 'int' ? 'long' : t === 'float' ? 'double' : t);
  const out: Array<{ what: string; schema: AvroSchema }> = [
    { what: 'a field with a default added', schema: { ...rec, fields: [...fields, { name: 'addedByReader', type: 'string', default: 'none' }] } as AvroSchema },
    { what: 'int and float fields promoted', schema: { ...rec, fields: fields.map((f) => ({ ...f, type: promote(f.type) })) } as AvroSchema },
  ];
  // A removed field whose type defines a named type would take the definition with it.
  const last = fields[fields.length - 1];
  if (last && typeof last.type === 'string') out.push({ what: 'the last field removed', schema: { ...rec, fields: fields.slice(0, -1) } as AvroSchema });
  return out;
}

function cases(): Case[] {
  const dirs = [join(REPO, 'schemas'), ...readdirSync(join(REPO, 'test/generator/golden')).map((d) => join(REPO, 'test/generator/golden', d, 'schemas'))];
  const out: Case[] = [];
  const rnd = prng(12);
  for (const dir of dirs) {
    const { set } = resolveSchemaDir(dir);
    for (const node of set.named.values()) {
      const schema = schemaJson(node) as AvroSchema;
      const codec = createCodec(schema, OPTIONS);
      const unilogBytes: string[] = [];
      for (let i = 0; i < SAMPLES; i++) {
        const bytes = randomAvroBytes(node, rnd);
        unilogBytes.push(codec.encode(codec.decode(bytes)).toString('hex'));
      }
      const readers = evolvedReaders(schema).map((r) => ({ ...r, text: schemaText(r.schema) }));
      out.push({ id: `${dir.slice(REPO.length + 1)} ${node.name}`, schema, text: schemaText(schema), unilogBytes, readers });
    }
  }
  return out;
}

describe.skipIf(!javaAvailable())('codec against Apache Avro Java 1.12', () => {
  const all = cases();
  const tasks: JavaTask[] = [];
  const index = all.map((c, i) => {
    const random = tasks.push({ op: 'random', schema: c.text, count: SAMPLES, seed: 1000 + i }) - 1;
    const reencode = tasks.push({ op: 'reencode', schema: c.text, data: c.unilogBytes }) - 1;
    return { random, reencode };
  });
  let results: ReturnType<typeof runJava> | undefined;
  const java = (): ReturnType<typeof runJava> => {
    if (!results) {
      // The resolve tasks need Java's random datums, so they go in a second batch, started with the first.
      results = runJava(tasks);
    }
    return results;
  };

  test('the example and golden schemas give cases', () => {
    expect(all.length).toBeGreaterThan(20);
  });

  test.each(all.map((c, i) => [c.id, i] as const))('%s: Java writes, unilog reads and re-writes the same bytes', (_id, i) => {
    const c = all[i]!;
    const data = java()[index[i]!.random]!.data!;
    expect(data).toHaveLength(SAMPLES);
    const codec = createCodec(c.schema, OPTIONS);
    expect(data.map((hex) => codec.encode(codec.decode(Buffer.from(hex, 'hex'))).toString('hex'))).toEqual(data);
  });

  test.each(all.map((c, i) => [c.id, i] as const))('%s: unilog writes, Java reads and re-writes the same bytes', (_id, i) => {
    expect(java()[index[i]!.reencode]!.data).toEqual(all[i]!.unilogBytes);
  });

  test('evolved readers: unilog resolves what Java resolves, to the same bytes', { timeout: 300_000 }, () => {
    const resolveTasks: JavaTask[] = [];
    const expected: Array<{ id: string; reader: AvroSchema; writer: AvroSchema; data: string[] }> = [];
    all.forEach((c, i) => {
      const data = java()[index[i]!.random]!.data!;
      for (const r of c.readers) {
        resolveTasks.push({ op: 'resolve', writer: c.text, reader: r.text, data });
        expected.push({ id: `${c.id} (${r.what})`, reader: r.schema, writer: c.schema, data });
      }
    });
    const resolved = runJava(resolveTasks);
    const mismatches: string[] = [];
    expected.forEach((e, k) => {
      const reader = createCodec(e.reader, OPTIONS);
      const resolver = reader.resolver(e.writer);
      const ours = e.data.map((hex) => {
        try {
          return reader.encode(resolver.decode(Buffer.from(hex, 'hex'))).toString('hex');
        } catch (err) {
          return `ERROR: ${(err as Error).message}`;
        }
      });
      const theirs = resolved[k]!.data!;
      ours.forEach((o, j) => {
        const t = theirs[j]!;
        if (o !== t && !(o.startsWith('ERROR') && t.startsWith('ERROR'))) mismatches.push(`${e.id} #${j}: unilog ${o} / Java ${t}`);
      });
    });
    expect(expected.length).toBeGreaterThan(40);
    expect(mismatches).toEqual([]);
  });
});
