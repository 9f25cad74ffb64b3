import { defineConfig } from 'vitest/config';
import { LoadFailuresReporter } from './load-failures-reporter.js';

// The unit tests for the module Stryker is mutating (stryker/run.mjs sets UNILOG_MUTATION_TESTS); never the
// integration project, whose global setup would start a broker for every mutant.
const include = (process.env.UNILOG_MUTATION_TESTS ?? 'test/**/*.test.ts').split(',');

export default defineConfig({
  resolve: { conditions: ['unilog-source'] },
  ssr: { resolve: { conditions: ['unilog-source'] } },
  test: {
    name: 'mutation',
    include,
    exclude: ['test/integration/**', 'test/.tmp/**', '**/node_modules/**'],
    testTimeout: 60_000,
    // No console reporter: Stryker reads the results from vitest's state and discards the output.
    reporters: [new LoadFailuresReporter()],
  },
});
