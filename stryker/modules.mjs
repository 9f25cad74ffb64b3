// The modules where a silent bug costs data (issue 21), each with the unit tests that exercise it.
// Stryker runs one module at a time so a run fits a shared machine and a module's report can be refreshed alone.
export const MODULES = {
  'runtime/codec': ['test/codec/**/*.test.ts', 'test/runtime/serde.test.ts'],
  'runtime/registry': ['test/runtime/**/*.test.ts'],
  // Not registry-client, serde, subject-*: they exercise runtime/registry and would run for every static kafka mutant
  // (one whose code runs at import, so Stryker cannot tell which tests cover it).
  'runtime/kafka': [
    'test/runtime/acknowledged-send.test.ts',
    'test/runtime/admin.test.ts',
    'test/runtime/backoff.test.ts',
    'test/runtime/bytes-producer.test.ts',
    'test/runtime/consumer.test.ts',
    'test/runtime/dead-letter.test.ts',
    'test/runtime/describe-drift.test.ts',
    'test/runtime/error-codes.test.ts',
    'test/runtime/murmur2.test.ts',
    'test/runtime/partitioner.test.ts',
    'test/runtime/producer-acks.test.ts',
    'test/runtime/producer-config.test.ts',
    'test/runtime/producer.test.ts',
    'test/runtime/record-processor.test.ts',
    'test/runtime/replay.test.ts',
    'test/runtime/signals.test.ts',
    'test/runtime/trace-headers.test.ts',
  ],
  'generator/compat': ['test/compat/**/*.test.ts'],
};

export function reportName(module) {
  return module.replace('/', '-');
}
