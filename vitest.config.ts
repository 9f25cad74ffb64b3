import { defineConfig } from 'vitest/config';

// Four projects: unit tests need nothing but Node; integration tests (test/integration) run against a real Kafka broker
// and schema registry, which the integration project's global setup starts when nothing answers yet; search tests
// (test/search) also against a real OpenSearch (dev/search-up.sh), started by their global setup; fault tests
// (test/fault) kill brokers and consumers of a three-node cluster (dev/cluster-up.sh), started by their global setup.
// `npm test` runs unit, integration and search, then the fault project (`npm run test:fault` alone).
// The `unilog-source` condition makes `unilog/runtime` (imported by generated code) resolve to runtime/*.ts, not to a
// possibly stale dist/. Its name is ours alone, so a consumer whose own tools set `source` never reaches .ts files
// that the published package does not hold.
// Vite applies top-level resolve.conditions to the client environment only; tests run in the ssr one.
export default defineConfig({
  resolve: { conditions: ['unilog-source'] },
  ssr: { resolve: { conditions: ['unilog-source'] } },
  test: {
    testTimeout: 60_000,
    hookTimeout: 180_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/integration/**', 'test/search/**', 'test/fault/**', 'test/.tmp/**', '**/node_modules/**'] },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/integration/global-setup.ts'],
          // One broker, one registry: integration files run one at a time so their timings stay meaningful.
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'search',
          include: ['test/search/**/*.test.ts'],
          globalSetup: ['test/search/global-setup.ts'],
          // One OpenSearch node and one broker, shared: files run one at a time.
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'fault',
          include: ['test/fault/**/*.test.ts'],
          globalSetup: ['test/fault/global-setup.ts'],
          // Each file kills and restarts nodes of the one cluster: never two at a time.
          fileParallelism: false,
          testTimeout: 300_000,
        },
      },
    ],
  },
});
