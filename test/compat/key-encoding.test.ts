/**
 * KEY_SCHEMA_CHANGED's judge (generator/compat/gate/key-encoding.ts): whether a key schema's binary encoding changed,
 * and where in the NEW key schema a user is sent to look. Each case is an old and a new key schema, one JSON line each.
 */
import { describe, expect, test } from 'vitest';
import { loadSchemaText } from '../../generator/compat/load-schema-text.js';
import { firstEncodingChange } from '../../generator/compat/gate/key-encoding.js';
import type { TypeNode } from '../../generator/ir.js';

function schema(text: string): TypeNode {
  const loaded = loadSchemaText(text, 'key.avsc');
  if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join('; '));
  return loaded.schema;
}

/** `col: what`, or undefined when the encoding is the same (every new schema is on line 1). */
function change(before: string, after: string): string | undefined {
  const c = firstEncodingChange(schema(before), schema(after));
  return c && `${c.pos.line}:${c.pos.col}: ${c.what}`;
}

const rec = (fields: string, name = 'K'): string => `{"type": "record", "name": "${name}", "fields": [${fields}]}`;
const F = (name: string, type: string): string => `{"name": "${name}", "type": ${type}}`;

describe('the encoding changes', () => {
  test.each([
    ['a primitive changing type', '"string"', '"long"', '1:1: string became long'],
    ['a record becoming a primitive', rec(F('id', '"string"')), '"string"', '1:1: record became string'],
    ['a record renamed', rec(F('id', '"string"')), rec(F('id', '"string"'), 'K2'), "1:1: record 'K' was renamed to 'K2'"],
    ['a field added', rec(F('id', '"string"')), rec(`${F('id', '"string"')}, ${F('n', '"int"')}`), "1:87: field 'n' was added to 'K'"],
    ['a field removed', rec(`${F('id', '"string"')}, ${F('n', '"int"')}`), rec(F('id', '"string"')), "1:1: field 'n' was removed from 'K'"],
    ['fields swapped', rec(`${F('a', '"string"')}, ${F('b', '"string"')}`), rec(`${F('b', '"string"')}, ${F('a', '"string"')}`), "1:53: field 1 of 'K' was 'a', now 'b'"],
    ['a field type changed: at the field', rec(`${F('a', '"string"')}, ${F('b', '"int"')}`), rec(`${F('a', '"string"')}, ${F('b', '"long"')}`), '1:99: int became long'],
    [
      'enum symbols reordered',
      rec(F('e', '{"type": "enum", "name": "E", "symbols": ["A", "B"]}')),
      rec(F('e', '{"type": "enum", "name": "E", "symbols": ["B", "A"]}')),
      "1:66: enum 'E' symbols changed from [A, B] to [B, A]",
    ],
    [
      'a fixed resized',
      rec(F('f', '{"type": "fixed", "name": "X", "size": 4}')),
      rec(F('f', '{"type": "fixed", "name": "X", "size": 8}')),
      "1:66: fixed 'X' size changed from 4 to 8",
    ],
    ['a field type becoming a record: at the field, not inside the record', rec(F('a', '"int"')), rec(F('a', rec(F('x', '"int"'), 'In'))), '1:53: int became record'],
    ['array items', rec(F('a', '{"type": "array", "items": "int"}')), rec(F('a', '{"type": "array", "items": "long"}')), '1:93: int became long'],
    [
      'the items of a second array',
      rec(`${F('a', '{"type": "array", "items": "int"}')}, ${F('b', '{"type": "array", "items": "int"}')}`),
      rec(`${F('a', '{"type": "array", "items": "int"}')}, ${F('b', '{"type": "array", "items": "long"}')}`),
      '1:151: int became long',
    ],
    [
      'enum symbols split differently',
      rec(F('e', '{"type": "enum", "name": "E", "symbols": ["AB", "C"]}')),
      rec(F('e', '{"type": "enum", "name": "E", "symbols": ["A", "BC"]}')),
      "1:66: enum 'E' symbols changed from [AB, C] to [A, BC]",
    ],
    ['map values', rec(F('m', '{"type": "map", "values": "int"}')), rec(F('m', '{"type": "map", "values": "long"}')), '1:92: int became long'],
    ['a union branch added', rec(F('u', '["null", "string"]')), rec(F('u', '["null", "string", "int"]')), '1:66: the union went from 2 to 3 branches'],
    ['a union branch changed', rec(F('u', '["null", "string"]')), rec(F('u', '["null", "int"]')), '1:75: string became int'],
    ['union branches swapped', rec(F('u', '["null", "string"]')), rec(F('u', '["string", "null"]')), '1:67: null became string'],
    [
      'a field of a record inside a union: at its type',
      rec(F('u', `["null", ${rec(F('x', '"int"'), 'In')}]`)),
      rec(F('u', `["null", ${rec(F('x', '"long"'), 'In')}]`)),
      '1:141: int became long',
    ],
  ])('%s', (_what, before, after, want) => {
    expect(change(before, after)).toBe(want);
  });
});

describe('the encoding stays', () => {
  test.each([
    ['a doc and a default', rec(F('id', '"string"')), `{"type": "record", "name": "K", "doc": "d", "fields": [{"name": "id", "type": "string", "default": "x"}]}`],
    ['an enum default', rec(F('e', '{"type": "enum", "name": "E", "symbols": ["A"]}')), rec(F('e', '{"type": "enum", "name": "E", "symbols": ["A"], "default": "A"}'))],
    ['the same enum symbols', rec(F('e', '{"type": "enum", "name": "E", "symbols": ["A", "B"]}')), rec(F('e', '{"type": "enum", "name": "E", "symbols": ["A", "B"]}'))],
    ['the same fixed', rec(F('f', '{"type": "fixed", "name": "X", "size": 4}')), rec(F('f', '{"type": "fixed", "name": "X", "size": 4}'))],
    [
      'a recursive type, walked once',
      rec(`${F('v', '"int"')}, ${F('next', '["null", "K"]')}`),
      rec(`${F('v', '"int"')}, ${F('next', '["null", "K"]')}`),
    ],
    [
      'a named type used twice',
      rec(`${F('a', '{"type": "enum", "name": "E", "symbols": ["A"]}')}, ${F('b', '"E"')}`),
      rec(`${F('a', '{"type": "enum", "name": "E", "symbols": ["A"]}')}, ${F('b', '"E"')}`),
    ],
  ])('%s', (_what, before, after) => {
    expect(change(before, after)).toBeUndefined();
  });

  test('a change in the second use of a named type is found after its first use was walked', () => {
    const before = rec(`${F('a', rec(F('x', '"int"'), 'In'))}, ${F('b', '{"type": "array", "items": "In"}')}`);
    const after = rec(`${F('a', rec(F('x', '"int"'), 'In'))}, ${F('b', '{"type": "map", "values": "In"}')}`);
    expect(change(before, after)).toBe('1:165: array became map');
  });
});
