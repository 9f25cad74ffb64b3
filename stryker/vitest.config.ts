import { defineConfig } from 'vitest/config';

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
  },
});
