/**
 * Every malformed input a user can write gets one line, `file:line:col: message`, pointing at the offending token.
 * Each row gives the files and the exact lines expected (all of them: a run reports every error, not the first).
 */
import { describe, expect, test } from 'vitest';
import { compareLocated, formatLocated } from '../../generator/diagnostics.js';
import { resolveSchemaTexts } from '../../generator/resolve/resolve-schemas.js';

const record = (fields: string, extra = ''): string =>
  `{\n  "type": "record",\n  "name": "R",\n  "namespace": "t"${extra},\n  "fields": [\n${fields}\n  ]\n}`;

const cases: Array<[string, { given: Record<string, string>; want: string[] }]> = [
  ['malformed JSON', {
    given: { 'a.avsc': '{\n  "type": "record",\n  "name": "A"\n  "fields": []\n}' },
    want: ["a.avsc:4:3: malformed JSON: expected ',' or '}' in object, found '\"'"],
  }],
  ['trailing comma', {
    given: { 'a.avsc': '["int",\n]' },
    want: ["a.avsc:2:1: malformed JSON: unexpected ']', expected a JSON value"],
  }],
  ['unknown type name', {
    given: { 'a.avsc': record('    { "name": "a", "type": "Missing" }') },
    want: ["a.avsc:6:28: unknown type 'Missing' (looked for 't.Missing' and 'Missing')"],
  }],
  ['unknown qualified name in another file', {
    given: { 'a.avsc': record('    { "name": "a", "type": "other.Thing" }'), 'b.avsc': '{"type":"fixed","name":"other.Thin","size":1}' },
    want: ["a.avsc:6:28: unknown type 'other.Thing'"],
  }],
  ['duplicate name across files', {
    given: { 'a.avsc': '{"type":"enum","name":"t.E","symbols":["A"]}', 'b.avsc': '{\n  "type": "fixed",\n  "name": "E",\n  "namespace": "t",\n  "size": 2\n}' },
    want: ["b.avsc:3:11: type 't.E' is already defined at a.avsc:1:1, differently (a redefinition must be identical in Parsing Canonical Form)"],
  }],
  ['invalid name', {
    given: { 'a.avsc': '{"type":"record","name":"my-record","fields":[]}' },
    want: ["a.avsc:1:25: invalid name 'my-record': each part must match [A-Za-z_][A-Za-z0-9_]*"],
  }],
  ['invalid namespace', {
    given: { 'a.avsc': '{"type":"record","name":"R","namespace":"com.9state","fields":[]}' },
    want: ["a.avsc:1:41: invalid namespace 'com.9state': each part must match [A-Za-z_][A-Za-z0-9_]*"],
  }],
  ['invalid field name', {
    given: { 'a.avsc': record('    { "name": "first name", "type": "string" }') },
    want: ["a.avsc:6:15: invalid field name 'first name': must match [A-Za-z_][A-Za-z0-9_]*"],
  }],
  ['duplicate field', {
    given: { 'a.avsc': record('    { "name": "a", "type": "int" },\n    { "name": "a", "type": "long" }') },
    want: ["a.avsc:7:15: duplicate field 'a' (first at 6:15)"],
  }],
  ['default that does not match its type', {
    given: { 'a.avsc': record('    { "name": "n", "type": "int", "default": "zero" }') },
    want: ['a.avsc:6:46: default of field \'n\' must be an int (a whole number from -2^31 to 2^31-1, written without a fraction or exponent), found "zero"'],
  }],
  ['int default out of range', {
    given: { 'a.avsc': record('    { "name": "n", "type": "int", "default": 2147483648 }') },
    want: ['a.avsc:6:46: default of field \'n\' must be an int (a whole number from -2^31 to 2^31-1, written without a fraction or exponent), found 2147483648'],
  }],
  ['union default matching no branch (any branch may match, as in Avro 1.12)', {
    given: { 'a.avsc': record('    { "name": "s", "type": ["null", "string"], "default": 1 }') },
    want: ["a.avsc:6:59: default of field 's' must be a value of one of the union's branches (null, string), found 1"],
  }],
  ['nested default error names its path', {
    given: { 'a.avsc': record('    { "name": "m", "type": {"type": "map", "values": {"type": "array", "items": "long"}}, "default": {"k": [1, 2.5]} }') },
    want: ["a.avsc:6:112: default of field 'm' at '[\"k\"][1]' must be a long (a whole number, written without a fraction or exponent), found 2.5"],
  }],
  ['fixed default of the wrong length', {
    given: { 'a.avsc': record('    { "name": "f", "type": {"type": "fixed", "name": "F", "size": 2}, "default": "abc" }') },
    want: ["a.avsc:6:82: default of field 'f' must be exactly 2 bytes long (fixed 't.F'; Java accepts another length, but no codec can write it), found \"abc\""],
  }],
  ['enum default that is not a symbol', {
    given: { 'a.avsc': '{\n  "type": "enum",\n  "name": "E",\n  "symbols": ["A", "B"],\n  "default": "C"\n}' },
    want: ["a.avsc:5:14: enum default 'C' is not one of its symbols"],
  }],
  ['field default that is not an enum symbol', {
    given: { 'a.avsc': record('    { "name": "e", "type": {"type": "enum", "name": "E", "symbols": ["A"]}, "default": "B" }') },
    want: ["a.avsc:6:88: default of field 'e' 'B' is not a symbol of enum 't.E'"],
  }],
  ['invalid and duplicate enum symbols', {
    given: { 'a.avsc': '{"type":"enum","name":"E","symbols":["A","A","1B"]}' },
    want: ["a.avsc:1:42: duplicate enum symbol 'A'", 'a.avsc:1:46: invalid enum symbol "1B": must match [A-Za-z_][A-Za-z0-9_]*'],
  }],
  ['union with duplicate branches', {
    given: { 'a.avsc': record('    { "name": "u", "type": ["null", "string", "null"] }') },
    want: ["a.avsc:6:47: union already has a 'null' branch"],
  }],
  ['union with the same named type twice', {
    given: { 'a.avsc': record('    { "name": "u", "type": ["R", "t.R"] }') },
    want: ["a.avsc:6:34: union already has a 't.R' branch"],
  }],
  ['nested union', {
    given: { 'a.avsc': record('    { "name": "u", "type": ["null", ["int", "long"]] }') },
    want: ['a.avsc:6:37: a union may not directly contain another union'],
  }],
  ['fixed without size', {
    given: { 'a.avsc': '[\n  {"type": "fixed", "name": "MD5"}\n]' },
    want: ["a.avsc:2:3: fixed is missing 'size'"],
  }],
  ['fixed with a negative size', {
    given: { 'a.avsc': '{"type": "fixed", "name": "F", "size": -1}' },
    want: ["a.avsc:1:40: fixed 'size' must be a non-negative integer, got -1"],
  }],
  ['record without fields, field without type', {
    given: { 'a.avsc': '[{"type":"record","name":"A"},\n {"type":"record","name":"B","fields":[{"name":"x"}]}]' },
    want: ["a.avsc:1:2: record is missing 'fields'", "a.avsc:2:40: field 'x' is missing 'type'"],
  }],
  ['a primitive name used as a type name', {
    given: { 'a.avsc': '{"type":"record","name":"string","fields":[]}' },
    want: ["a.avsc:1:25: 'string' is a primitive type name and cannot name a type"],
  }],
  ['decimal with scale above precision: ignored with a warning (spec, Java), not an error', {
    given: { 'a.avsc': '{"type":"bytes","logicalType":"decimal","precision":2,"scale":3}' },
    want: [],
  }],
  ['logical type on the wrong underlying type: ignored with a warning (spec, Java), not an error', {
    given: { 'a.avsc': '{"type":"string","logicalType":"timestamp-millis"}' },
    want: [],
  }],
  ['every error of every file in one run', {
    given: {
      'a.avsc': record('    { "name": "a", "type": "Nope" },\n    { "name": "b", "type": "int", "default": null }'),
      'b.avsc': '{"type":"enum","name":"E","symbols":[]',
    },
    want: [
      "a.avsc:6:28: unknown type 'Nope' (looked for 't.Nope' and 'Nope')",
      "a.avsc:7:46: default of field 'b' must be an int (a whole number from -2^31 to 2^31-1, written without a fraction or exponent), found null",
      "b.avsc:1:39: malformed JSON: expected ',' or '}' in object, found end of file",
    ],
  }],
];

describe('loader errors', () => {
  test.each(cases)('%s', (_name, { given, want }) => {
    const { diagnostics } = resolveSchemaTexts(given);
    expect([...diagnostics].sort(compareLocated).map(formatLocated)).toEqual(want);
  });
});

describe('valid Avro that other tools get wrong', () => {
  test.each<[string, Record<string, string>]>([
    ['types used before their definition, across files', {
      'b.avsc': '{"type":"record","name":"x.B","fields":[{"name":"a","type":"y.A"}]}',
      'a.avsc': '{"type":"record","name":"A","namespace":"y","fields":[{"name":"b","type":["null","x.B"],"default":null}]}',
    }],
    ['namespace inheritance and short names', {
      'a.avsc': '{"type":"record","name":"Outer","namespace":"n","fields":[{"name":"i","type":{"type":"record","name":"Inner","fields":[{"name":"e","type":{"type":"enum","name":"x.E","symbols":["A"]}}]}},{"name":"again","type":"Inner"},{"name":"e2","type":"x.E"}]}',
    }],
    ['the null namespace as a fallback', {
      'a.avsc': '[{"type":"fixed","name":"Hash","size":4},{"type":"record","name":"R","namespace":"n","fields":[{"name":"h","type":"Hash"}]}]',
    }],
    ['recursion', { 'a.avsc': '{"type":"record","name":"Node","fields":[{"name":"children","type":{"type":"array","items":"Node"}}]}' }],
    ['reserved words as names', {
      'a.avsc': '{"type":"record","name":"class","fields":[{"name":"default","type":{"type":"enum","name":"constructor","symbols":["constructor","__proto__","toString"]}},{"name":"__proto__","type":"string"}]}',
    }],
    ['defaults of every type', {
      'a.avsc': `{"type":"record","name":"D","fields":[
        {"name":"n","type":"null","default":null},{"name":"b","type":"boolean","default":true},
        {"name":"i","type":"int","default":-5},{"name":"l","type":"long","default":9223372036854775807},
        {"name":"f","type":"float","default":1.5},{"name":"d","type":"double","default":-0.25},
        {"name":"by","type":"bytes","default":"\\u00ff\\u0000"},{"name":"s","type":"string","default":"é"},
        {"name":"fx","type":{"type":"fixed","name":"F2","size":2},"default":"ab"},
        {"name":"e","type":{"type":"enum","name":"E","symbols":["A","B"]},"default":"B"},
        {"name":"a","type":{"type":"array","items":"int"},"default":[1,2]},
        {"name":"m","type":{"type":"map","values":"E"},"default":{"__proto__":"A"}},
        {"name":"r","type":{"type":"record","name":"In","fields":[{"name":"x","type":"int","default":1},{"name":"y","type":"string"}]},"default":{"y":"z"}},
        {"name":"u","type":["string","null"],"default":"first"},
        {"name":"ts","type":{"type":"long","logicalType":"timestamp-millis"},"default":0}
      ]}`,
    }],
  ])('%s loads without errors', (_name, files) => {
    expect(resolveSchemaTexts(files).diagnostics.map(formatLocated)).toEqual([]);
  });
});
