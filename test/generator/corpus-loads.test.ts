import { expect, test } from 'vitest';
import { makeCorpus } from '../../bench/codegen/synthetic-corpus.js';
import { formatLocated } from '../../generator/diagnostics.js';
import { resolveSchemaTexts } from '../../generator/resolve/resolve-schemas.js';

test('the synthetic corpus is valid Avro', () => {
  const { files } = makeCorpus(500);
  const r = resolveSchemaTexts(files);
  expect(r.diagnostics.map(formatLocated)).toEqual([]);
  expect(r.set.named.size).toBeGreaterThan(500);
});
