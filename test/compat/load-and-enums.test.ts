/**
 * The checker's inputs and its quick paths: a schema that uses named types of other files of the folder (and an older
 * copy of itself or a file redefining its types left out), enum symbol lists that are not a prefix of each other, and
 * locations past the 64 indexes kept ready-made.
 */
import { describe, expect, test } from 'vitest';
import { checkReaderWriter } from '../../generator/compat/check-reader-writer.js';
import { checkLevel } from '../../generator/compat/levels.js';
import { loadSchemaText } from '../../generator/compat/load-schema-text.js';
import type { TypeNode } from '../../generator/ir.js';
import { parseJsonWithPositions } from '../../generator/load/json-positions.js';
import type { SchemaDocument } from '../../generator/load/read-schema-files.js';

const doc = (file: string, schema: unknown): SchemaDocument => {
  const parsed = parseJsonWithPositions(JSON.stringify(schema, null, 2), file);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return { file, node: parsed.node };
};
const load = (schema: unknown, file = 'r.avsc', named: SchemaDocument[] = []): TypeNode => {
  const r = loadSchemaText(JSON.stringify(schema, null, 2), file, named);
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('; '));
  return r.schema;
};
const ADDRESS = { type: 'record', name: 'com.acme.Address', fields: [{ name: 'city', type: 'string' }] };
const USER = { type: 'record', name: 'com.acme.User', fields: [{ name: 'home', type: 'com.acme.Address' }] };

describe('loadSchemaText', () => {
  test('text that is not JSON: not ok, one diagnostic at its position', () => {
    const r = loadSchemaText('{"type": ', 'bad.avsc');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.diagnostics.map((d) => `${d.file}:${d.line}`)).toEqual(['bad.avsc:1']);
  });

  test('named types of other files of the folder are found', () => {
    expect(load(USER, 'user.avsc', [doc('address.avsc', ADDRESS)]).kind).toBe('record');
    expect(loadSchemaText(JSON.stringify(USER), 'user.avsc').ok).toBe(false);
  });

  test("the folder's copy of the schema's own file, and a folder file redefining one of its types, are left out", () => {
    const today = { ...USER, fields: [...USER.fields, { name: 'age', type: 'int', default: 0 }] };
    const older = load(USER, 'user.avsc', [doc('user.avsc', today), doc('address.avsc', ADDRESS)]);
    expect(older.kind === 'record' && older.fields.map((f) => f.name)).toEqual(['home']);
    const redefining = doc('other.avsc', { type: 'record', name: 'com.acme.User', fields: [] });
    const withOwn = load({ ...USER, fields: [{ name: 'home', type: ADDRESS }] }, 'user.avsc', [redefining]);
    expect(withOwn.kind === 'record' && withOwn.fields.map((f) => f.name)).toEqual(['home']);
  });
});

describe('enum symbols', () => {
  const symbols = (reader: string[], writer: string[]): string[] =>
    checkReaderWriter(load({ type: 'enum', name: 'E', symbols: reader }), load({ type: 'enum', name: 'E', symbols: writer }, 'w.avsc')).incompatibilities.map(
      (i) => i.message,
    );
  test.each<[string[], string[], string[]]>([
    [['A', 'B'], ['A', 'C'], ['[C]']],
    [['A', 'B'], ['C'], ['[C]']],
    [['B', 'A'], ['A', 'B'], []],
    [['B', 'A'], ['A'], []],
    [['A', 'B', 'C'], ['A', 'B'], []],
    [['A'], ['A', 'B'], ['[B]']],
  ])('reader %j, writer %j: missing %j', (reader, writer, want) => {
    expect(symbols(reader, writer)).toEqual(want);
  });
});

describe('locations', () => {
  test('a field past the 64th is located by its own index', () => {
    const fields = Array.from({ length: 70 }, (_, i) => ({ name: `f${i}`, type: 'int' }));
    const [i] = checkReaderWriter(load({ type: 'record', name: 'R', fields }), load({ type: 'record', name: 'R', fields: fields.slice(0, 69) }, 'w.avsc'))
      .incompatibilities;
    expect(i?.location).toBe('/fields/69');
  });

  test('a named type that does not match points at the field that uses it, not at its definition', () => {
    const reader = load({ type: 'record', name: 'R', fields: [{ name: 'e', type: { type: 'enum', name: 'E', symbols: ['A'] } }] });
    const writer = load({ type: 'record', name: 'R', fields: [{ name: 'e', type: 'int' }] }, 'w.avsc');
    const [i] = checkReaderWriter(reader, writer).incompatibilities;
    expect(i?.type).toBe('TYPE_MISMATCH');
    expect(i?.readerPos).toEqual({ file: 'r.avsc', line: 6, col: 15 }); // the field's name, not the enum's "type"
  });
});

describe('field aliases and directions', () => {
  test('a reader field finds its writer field by a later alias', () => {
    const reader = load({ type: 'record', name: 'R', fields: [{ name: 'id', aliases: ['key', 'oldId'], type: 'long' }] });
    const writer = load({ type: 'record', name: 'R', fields: [{ name: 'oldId', type: 'int' }] }, 'w.avsc');
    expect(checkReaderWriter(reader, writer).incompatibilities).toEqual([]);
  });

  test('a FORWARD violation says forward, a BACKWARD one backward', () => {
    const v1 = load({ type: 'record', name: 'R', fields: [] }, 'v1.avsc');
    const v2 = load({ type: 'record', name: 'R', fields: [{ name: 'a', type: 'int' }] }, 'v2.avsc');
    expect(checkLevel('FULL', [v1], v2).violations.map((v) => v.direction)).toEqual(['backward']);
    expect(checkLevel('FULL', [v2], v1).violations.map((v) => v.direction)).toEqual(['forward']);
  });
});
