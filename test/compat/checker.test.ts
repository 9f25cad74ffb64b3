/**
 * Behaviour of the reader/writer checker beyond the shared conformance vectors: recursion, aliases, and the places
 * where Java's memo shows through (a pair met again keeps the location of its first check).
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
const check = (reader: unknown, writer: unknown): Array<[string, string, string]> =>
  checkReaderWriter(load(reader, 'r.avsc'), load(writer, 'w.avsc')).incompatibilities.map((i) => [i.type, i.location, i.message]);

const list = (name: string, value: unknown, extra: unknown[] = []): unknown => ({
  type: 'record', name, fields: [{ name: 'value', type: value }, { name: 'next', type: ['null', name] }, ...extra],
});

describe('reader/writer checker', () => {
  test.each<[string, unknown, unknown, Array<[string, string, string]>]>([
    ['recursive types terminate and compare', list('L', 'long'), list('L', 'int'), []],
    ['a problem inside a recursive type is found once', list('L', 'int'), list('L', 'long'), [['TYPE_MISMATCH', '/fields/0/type', 'reader type: INT not compatible with writer type: LONG']]],
    ['a reader alias matches the writer full name', { type: 'record', name: 'New', namespace: 'a', aliases: ['b.Old'], fields: [] }, { type: 'record', name: 'Old', namespace: 'b', fields: [] }, []],
    ['namespaces are ignored', { type: 'fixed', name: 'a.F', size: 4 }, { type: 'fixed', name: 'b.F', size: 4 }, []],
    ['a field alias matches a writer field', { type: 'record', name: 'R', fields: [{ name: 'b', aliases: ['a'], type: 'long' }] }, { type: 'record', name: 'R', fields: [{ name: 'a', type: 'int' }] }, []],
    [
      'a memoised pair met again keeps the location of its first check (as Java)',
      {
        type: 'record', name: 'Outer', fields: [
          { name: 'a', type: ['null', { type: 'record', name: 'Inner', fields: [{ name: 'x', type: 'int' }] }] },
          { name: 'b', type: 'Inner' },
        ],
      },
      {
        type: 'record', name: 'Outer', fields: [
          { name: 'a', type: { type: 'enum', name: 'Inner', symbols: ['X'] } },
          { name: 'b', type: 'Inner' },
        ],
      },
      [
        ['MISSING_UNION_BRANCH', '/fields/0/type', 'reader union lacking writer type: ENUM'],
        // First checked as a union probe from a fresh root, so Java reports '/', not '/fields/1/type'.
        ['TYPE_MISMATCH', '/', 'reader type: RECORD not compatible with writer type: ENUM'],
      ],
    ],
  ])('%s', (_name, reader, writer, want) => {
    expect(check(reader, writer)).toEqual(want);
  });

  test('positions: the reader field, and the writer record a missing field would be in', () => {
    const reader = load({ type: 'record', name: 'R', fields: [{ name: 'a', type: 'int' }] }, 'r.avsc');
    const writer = load({ type: 'record', name: 'R', fields: [] }, 'w.avsc');
    const [i] = checkReaderWriter(reader, writer).incompatibilities;
    expect(i?.readerPos).toEqual({ file: 'r.avsc', line: 6, col: 15 });
    expect(i?.writerPos).toEqual({ file: 'w.avsc', line: 1, col: 1 });
  });
});
