// StrykerJS for one module at a time: `npm run mutation` (stryker/run.mjs) runs every module in turn;
// `UNILOG_MUTATE=runtime/codec npx stryker run` runs one. See docs/mutation.md.
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { MODULES, NOT_MUTATED, reportName } from './stryker/modules.mjs';

const module = process.env.UNILOG_MUTATE ?? 'runtime/codec';
if (!(module in MODULES)) throw new Error(`UNILOG_MUTATE=${module}: expected one of ${Object.keys(MODULES).join(', ')}`);
process.env.UNILOG_MUTATION_TESTS = MODULES[module].join(',');

// Tests find the shared conformance vectors at ../shared, beside the checkout. Stryker runs them from a sandbox in
// .stryker-tmp/, so .stryker-tmp/shared must lead there too, or those tests skip themselves and cover nothing.
mkdirSync('.stryker-tmp', { recursive: true });
if (!existsSync('.stryker-tmp/shared') && existsSync('../shared')) symlinkSync('../../shared', '.stryker-tmp/shared');

export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'stryker/vitest.config.ts', related: false },
  mutate: [`${module}/**/*.ts`, `!${module}/index.ts`, ...(NOT_MUTATED[module] ?? []).map((file) => `!${file}`)],
  coverageAnalysis: 'perTest',
  // The machine is shared: one test process. A mutant's time-out is 3x its tests' time in the dry run + 5 s: room for a
  // loaded CPU, while a mutant that hangs (a sleep that never resolves) costs seconds, not the 20 s it used to.
  concurrency: 1,
  timeoutFactor: 3,
  timeoutMS: 5_000,
  thresholds: { high: 90, low: 85, break: 85 },
  incremental: true,
  incrementalFile: `stryker/incremental/${reportName(module)}.json`,
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: `reports/mutation/${reportName(module)}.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  // Not `bench`: the codec tests take their seeded random values and the decoder fuzzer from bench/codegen and bench/fuzz.
  ignorePatterns: ['dist', 'reports', '.dev', 'test/.tmp', 'stryker/incremental'],
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
