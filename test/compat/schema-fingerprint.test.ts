/**
 * A git baseline collapses the commits that did not change a schema by its fingerprint: two schemas must share one
 * exactly when the compatibility checker cannot tell them apart, or a transitive check skips a version that matters.
 */
import { describe, expect, test } from 'vitest';
import { loadSchemaText } from '../../generator/compat/load-schema-text.js';
import { schemaFingerprint } from '../../generator/compat/gate/schema-fingerprint.js';

function fingerprint(text: string): string {
  const loaded = loadSchemaText(text, 'v.avsc');
  if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join('; '));
  return schemaFingerprint(loaded.schema);
}

const rec = (fields: string, extra = ''): string => `{"type": "record", "name": "R"${extra}, "fields": [${fields}]}`;
const INT_A = '{"name": "a", "type": "int"}';

describe('what resolution reads makes another fingerprint', () => {
  test.each([
    ['the record name', rec(INT_A), `{"type": "record", "name": "S", "fields": [${INT_A}]}`],
    ['record aliases', rec(INT_A), rec(INT_A, ', "aliases": ["Old"]')],
    ['a field name', rec(INT_A), rec('{"name": "b", "type": "int"}')],
    ['field aliases', rec(INT_A), rec('{"name": "a", "type": "int", "aliases": ["x"]}')],
    ['whether a field has a default', rec(INT_A), rec('{"name": "a", "type": "int", "default": 0}')],
    ['a field type', rec(INT_A), rec('{"name": "a", "type": "long"}')],
    ['field order', rec(`${INT_A}, {"name": "b", "type": "int"}`), rec(`{"name": "b", "type": "int"}, ${INT_A}`)],
    ['enum symbols', '{"type": "enum", "name": "E", "symbols": ["A"]}', '{"type": "enum", "name": "E", "symbols": ["A", "B"]}'],
    ['the enum default', '{"type": "enum", "name": "E", "symbols": ["A", "B"]}', '{"type": "enum", "name": "E", "symbols": ["A", "B"], "default": "B"}'],
    ['which enum default', '{"type": "enum", "name": "E", "symbols": ["A", "B"], "default": "A"}', '{"type": "enum", "name": "E", "symbols": ["A", "B"], "default": "B"}'],
    ['enum aliases', '{"type": "enum", "name": "E", "symbols": ["A"]}', '{"type": "enum", "name": "E", "symbols": ["A"], "aliases": ["F"]}'],
    ['a fixed size', '{"type": "fixed", "name": "X", "size": 4}', '{"type": "fixed", "name": "X", "size": 8}'],
    ['enum or fixed of one name', '{"type": "enum", "name": "X", "symbols": ["A"]}', '{"type": "fixed", "name": "X", "size": 4}'],
    ['array or map', '{"type": "array", "items": "int"}', '{"type": "map", "values": "int"}'],
    ['array items', '{"type": "array", "items": "int"}', '{"type": "array", "items": "long"}'],
    ['map values', '{"type": "map", "values": "int"}', '{"type": "map", "values": "long"}'],
    ['union branches', '["null", "int"]', '["null", "long"]'],
    ['union order', '["null", "int"]', '["int", "null"]'],
    ['a union or its only branch', '["int"]', '"int"'],
    ['an inner record', rec(`{"name": "n", "type": ${rec(INT_A).replace('"R"', '"In"')}}`), rec(`{"name": "n", "type": ${rec('{"name": "a", "type": "long"}').replace('"R"', '"In"')}}`)],
  ])('%s', (_what, a, b) => {
    expect(fingerprint(a)).not.toBe(fingerprint(b));
  });
});

describe('what resolution ignores keeps the fingerprint', () => {
  test.each([
    ['docs', rec(INT_A), rec('{"name": "a", "type": "int", "doc": "x"}', ', "doc": "y"')],
    ['the default value itself', rec('{"name": "a", "type": "int", "default": 0}'), rec('{"name": "a", "type": "int", "default": 1}')],
    ['custom attributes', rec(INT_A), rec(INT_A, ', "owner": "team-a"')],
    ['the order attributes are written in', '{"type": "enum", "name": "E", "symbols": ["A"]}', '{"symbols": ["A"], "name": "E", "type": "enum"}'],
  ])('%s', (_what, a, b) => {
    expect(fingerprint(a)).toBe(fingerprint(b));
  });

  test('recursive records: a finite fingerprint, which still tells a change after the recursion', () => {
    const list = (tail: string): string => rec(`{"name": "next", "type": ["null", "R"]}, {"name": "v", "type": "${tail}"}`);
    expect(fingerprint(list('int'))).toBe(fingerprint(list('int')));
    expect(fingerprint(list('int'))).not.toBe(fingerprint(list('long')));
  });
});
