/**
 * The sentence `unilog check` and `unilog compat` print for each kind of incompatibility: what a person fixing the
 * schema reads. (The Java reference's `type`, `location` and `message` are pinned by the shared conformance vectors;
 * the sentence is ours.) And the type promotions of the Avro spec, each pair of primitives both ways.
 */
import { describe, expect, test } from 'vitest';
import { checkReaderWriter } from '../../generator/compat/check-reader-writer.js';
import { loadSchemaText } from '../../generator/compat/load-schema-text.js';
import type { TypeNode } from '../../generator/ir.js';

const load = (schema: unknown, file: string): TypeNode => {
  const r = loadSchemaText(JSON.stringify(schema, null, 2), file);
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('; '));
  return r.schema;
};
const describeAll = (reader: unknown, writer: unknown): string[] =>
  checkReaderWriter(load(reader, 'r.avsc'), load(writer, 'w.avsc')).incompatibilities.map((i) => `${i.type} ${i.location}: ${i.description}`);
const record = (name: string, fields: unknown[]): unknown => ({ type: 'record', name, namespace: 'com.acme', fields });

describe('what each incompatibility says', () => {
  test.each<[string, unknown, unknown, string[]]>([
    ['a renamed record', record('New', []), record('Old', []), ["NAME_MISMATCH /name: record 'com.acme.New' does not match the writer's 'com.acme.Old' (to rename a type, list its old name in 'aliases')"]],
    ['a fixed of another size', { type: 'fixed', name: 'F', size: 4 }, { type: 'fixed', name: 'F', size: 8 }, ["FIXED_SIZE_MISMATCH /size: fixed 'F' has size 4, the writer's has size 8"]],
    [
      'one enum symbol missing',
      { type: 'enum', name: 'E', symbols: ['A', 'B'] },
      { type: 'enum', name: 'E', symbols: ['A', 'B', 'C'] },
      ["MISSING_ENUM_SYMBOLS /symbols: enum 'E' lacks the writer's symbol C and has no 'default' to read it as"],
    ],
    [
      'two enum symbols missing, sorted',
      { type: 'enum', name: 'E', symbols: ['A'] },
      { type: 'enum', name: 'E', symbols: ['D', 'A', 'B'] },
      ["MISSING_ENUM_SYMBOLS /symbols: enum 'E' lacks the writer's symbols B, D and has no 'default' to read them as"],
    ],
    [
      'a field without a default',
      record('User', [{ name: 'age', type: 'int' }]),
      record('User', []),
      ["READER_FIELD_MISSING_DEFAULT_VALUE /fields/0: field 'age' of record 'com.acme.User' is not in the writer's record 'com.acme.User' and has no default"],
    ],
    ['a primitive that does not promote', 'int', 'long', ["TYPE_MISMATCH /: int cannot read the writer's long"]],
    ['a record read as a map', { type: 'map', values: 'int' }, record('R', []), ["TYPE_MISMATCH /: map cannot read the writer's record 'com.acme.R'"]],
    ['an array read as a string', 'string', { type: 'array', items: 'int' }, ["TYPE_MISMATCH /: string cannot read the writer's array"]],
    ['a union read as a long', 'long', ['null', 'long'], ["TYPE_MISMATCH /0: long cannot read the writer's null"]],
    ['a union branch the reader lacks', ['null', 'int'], ['null', 'string'], ["MISSING_UNION_BRANCH /1: no branch of the union can read the writer's string"]],
    ['a writer type no reader branch reads', ['null', 'int'], 'boolean', ["MISSING_UNION_BRANCH /: no branch of the union can read the writer's boolean"]],
  ])('%s', (_name, reader, writer, want) => {
    expect(describeAll(reader, writer)).toEqual(want);
  });

  test('every writer type a reader does not read is reported, in the writer\'s order', () => {
    expect(describeAll('string', ['int', 'bytes', 'boolean'])).toEqual([
      "TYPE_MISMATCH /0: string cannot read the writer's int",
      "TYPE_MISMATCH /2: string cannot read the writer's boolean",
    ]);
  });
});

describe('the promotions the Avro spec allows, and no others', () => {
  const PRIMITIVES = ['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string'] as const;
  const READS: Record<string, readonly string[]> = {
    long: ['int'],
    float: ['int', 'long'],
    double: ['int', 'long', 'float'],
    bytes: ['string'],
    string: ['bytes'],
  };
  test.each(PRIMITIVES.flatMap((r) => PRIMITIVES.filter((w) => w !== r).map((w) => [r, w] as const)))('%s reading %s', (r, w) => {
    const { compatible } = checkReaderWriter(load(r, 'r.avsc'), load(w, 'w.avsc'));
    expect(compatible).toBe(READS[r]?.includes(w) ?? false);
  });
});
