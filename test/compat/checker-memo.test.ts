/**
 * Java's memo of (reader, writer) pairs, where it shows: a pair met again returns its first result, location included,
 * and a pair first met as a union probe keeps the probe's fresh root ('/'). Apache Avro's SchemaCompatibility memoises
 * every pair; the checker memoises the pairs with a named side (anonymous pairs are met once), so these schemas meet
 * pairs with a named reader, a named writer and both, each again through another record that reads the same writer.
 */
import { describe, expect, test } from 'vitest';
import { checkReaderWriter } from '../../generator/compat/check-reader-writer.js';
import { loadSchemaText } from '../../generator/compat/load-schema-text.js';
import type { TypeNode } from '../../generator/ir.js';

const load = (schema: unknown, file: string): TypeNode => {
  const r = loadSchemaText(JSON.stringify(schema), file);
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('; '));
  return r.schema;
};
const check = (reader: unknown, writer: unknown): string[] =>
  checkReaderWriter(load(reader, 'r.avsc'), load(writer, 'w.avsc')).incompatibilities.map((i) => `${i.type} ${i.location}`);

const record = (name: string, fields: Array<[string, unknown]>, aliases: string[] = []): unknown => ({
  type: 'record', name, ...(aliases.length ? { aliases } : {}), fields: fields.map(([n, type]) => ({ name: n, type })),
});
const outer = (...types: unknown[]): unknown => record('Outer', types.map((t, i) => [`f${i}`, t]));

// The writer: one record WN, read three times. Its `f` is an int, its `g` a record WX.
const WRITER = outer(record('WN', [['f', 'int'], ['g', record('WX', [['x', 'int']])]]), 'WN', 'WN');
// Readers of WN: `f` as an enum (cannot read an int), `g` as a WX with a field `y` the writer lacks.
const READ_WX = record('WX', [['x', 'int'], ['y', 'int']]);
const direct = (name: string, first: boolean): unknown => record(name, [['f', first ? { type: 'enum', name: 'RX', symbols: ['A'] } : 'RX'], ['g', first ? READ_WX : 'WX']], ['WN']);
const probing = (name: string, first: boolean): unknown => record(name, [['f', ['null', first ? { type: 'enum', name: 'RX', symbols: ['A'] } : 'RX']], ['g', ['null', first ? READ_WX : 'WX']]], ['WN']);

describe("Java's memo shows through", () => {
  test('pairs first met as union probes: later meetings report them at the probe\'s root', () => {
    expect(check(outer(probing('P', true), direct('D1', false), direct('D2', false)), WRITER)).toEqual([
      'MISSING_UNION_BRANCH /fields/0/type/fields/0/type',
      'MISSING_UNION_BRANCH /fields/0/type/fields/1/type',
      'TYPE_MISMATCH /',
      'READER_FIELD_MISSING_DEFAULT_VALUE /fields/1',
      'TYPE_MISMATCH /',
      'READER_FIELD_MISSING_DEFAULT_VALUE /fields/1',
    ]);
  });

  test('pairs first met directly keep that location, whatever probes meet them in between', () => {
    expect(check(outer(direct('D1', true), probing('P', false), direct('D2', false)), WRITER)).toEqual([
      'TYPE_MISMATCH /fields/0/type/fields/0/type',
      'READER_FIELD_MISSING_DEFAULT_VALUE /fields/0/type/fields/1/type/fields/1',
      'MISSING_UNION_BRANCH /fields/1/type/fields/0/type',
      'MISSING_UNION_BRANCH /fields/1/type/fields/1/type',
      'TYPE_MISMATCH /fields/0/type/fields/0/type',
      'READER_FIELD_MISSING_DEFAULT_VALUE /fields/0/type/fields/1/type/fields/1',
    ]);
  });

  test('a reader union met by a writer union, then by one of its branches alone', () => {
    const writer = outer(record('W1', [['g', ['null', record('WX', [['x', 'int']])]]]), record('W2', [['g', 'WX']]));
    const reader = outer(record('W1', [['g', ['null', READ_WX]]], ['W2']), 'W1');
    expect(check(reader, writer)).toEqual(['MISSING_UNION_BRANCH /fields/0/type/fields/0/type/1', 'MISSING_UNION_BRANCH /']);
  });
});
