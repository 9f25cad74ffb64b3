/**
 * Mutated schemas, catalog, config and contract into `unilog generate` (bench/fuzz/generate-fuzz.ts): exit 0 or 1
 * with every stderr line located, never exit 2 or a stack trace. A few seeded runs here (each is a CLI process);
 * longer runs: node bench/fuzz.mjs.
 */
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { fuzzGenerate } from '../../bench/fuzz/generate-fuzz.js';
import { REPO } from '../support/generate-into.js';

test('mutated inputs: located errors and exit 1 (or exit 0), never an internal error', { timeout: 120_000 }, () => {
  const report = fuzzGenerate(join(REPO, 'bin', 'unilog.js'), { seed: 15, runs: 5 });
  expect(report.failures).toEqual([]);
  expect(report.runs).toBe(5);
  expect(report.byExit['1']).toBeGreaterThan(0);
});
