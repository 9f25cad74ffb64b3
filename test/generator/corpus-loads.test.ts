import { expect, test } from 'vitest';
import { makeCorpus } from '../../bench/codegen/synthetic-corpus.js';
import { formatDiagnostic } from '../../generator/diagnostics.js';
import { loadSchemaTexts } from '../../generator/load/load-schemas.js';

test('the synthetic corpus is valid Avro', () => {
  const { files } = makeCorpus(500);
  const r = loadSchemaTexts(files);
  expect(r.diagnostics.map(formatDiagnostic)).toEqual([]);
  expect(r.set.named.size).toBeGreaterThan(500);
});
