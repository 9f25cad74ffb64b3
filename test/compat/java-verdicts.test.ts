/**
 * Issue 12, items 9-13: a schema from outside gets Apache Avro Java 1.12.2's verdict (checked against the jar:
 * test/reference). The writer is always the empty record R; each reader adds one field.
 */
import { describe, expect, test } from 'vitest';
import { checkReaderWriter } from '../../generator/compat/check-reader-writer.js';
import { loadSchemaText } from '../../generator/compat/load-schema-text.js';

const WRITER = '{"type":"record","name":"R","fields":[]}';
const reader = (field: string): string => `{"type":"record","name":"R","fields":[${field}]}`;

function verdict(readerText: string): string {
  const r = loadSchemaText(readerText, 'r.avsc');
  const w = loadSchemaText(WRITER, 'w.avsc');
  if (!r.ok) return `invalid: ${r.diagnostics.map((d) => d.message).join('; ')}`;
  if (!w.ok) throw new Error('writer');
  const found = checkReaderWriter(r.schema, w.schema).incompatibilities;
  return found.length === 0 ? 'compatible' : found.map((i) => i.type).join(', ');
}

describe('compat verdicts as Java 1.12 gives them', () => {
  test.each([
    ['9. a union default on a later branch is valid', reader('{"name":"bio","type":["string","null"],"default":null}'), 'compatible'],
    ['9. ["null","string"] with default "x" is valid', reader('{"name":"bio","type":["null","string"],"default":"x"}'), 'compatible'],
    ['10. a fixed default of the wrong length is valid (Java does not check the length)', reader('{"name":"f","type":{"type":"fixed","name":"F","size":2},"default":"aaaa"}'), 'compatible'],
    ['a reader field without a default is incompatible', reader('{"name":"a","type":"int"}'), 'READER_FIELD_MISSING_DEFAULT_VALUE'],
  ])('%s', (_name, text, want) => {
    expect(verdict(text)).toBe(want);
  });

  test.each([
    ['11. an int default written 1.0', reader('{"name":"a","type":"int","default":1.0}'), /must be an int .* found 1\.0$/],
    ['11. an int default written 1e2', reader('{"name":"a","type":"int","default":1e2}'), /must be an int .* found 1e2$/],
    ['11. an int default written 0.0', reader('{"name":"a","type":"int","default":0.0}'), /must be an int .* found 0\.0$/],
    ['12. a short name from namespace x back to R while R is being defined', reader('{"name":"s","type":{"type":"record","name":"S","namespace":"x","fields":[{"name":"r","type":["null","R"]}]}}'), /Apache Avro Java cannot read this schema: inside namespace 'x', 'R' means 'x.R'/],
    ['12. a short name from namespace x to a null-namespace type defined later', `[${reader('{"name":"s","type":{"type":"record","name":"S","namespace":"x","fields":[{"name":"b","type":"B"}]}}')},{"type":"record","name":"B","fields":[]}]`, /define 'B' before this reference/],
    ['13. a default holding a value of the record being defined', reader('{"name":"a","type":["null","R"],"default":{"a":null}}'), /Schema fields not set yet/],
  ])('%s is invalid', (_name, text, message) => {
    expect(verdict(text)).toMatch(/^invalid: /);
    expect(verdict(text)).toMatch(message);
  });
});
