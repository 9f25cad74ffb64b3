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
  // Unit tests over in-process fakes only. Not test/joins/declarations, join-service-sync nor test/tailer/declarations,
  // envelope: they test the generator (joins.yaml, tailers.yaml) and cover no runtime code; the behaviour against a
  // real broker and PostgreSQL is in test/integration, which Stryker does not run.
  'runtime/join': [
    'test/joins/assigner.test.ts',
    'test/joins/encode-messages.test.ts',
    'test/joins/join-engine.test.ts',
    'test/joins/join-engine-table.test.ts',
    'test/joins/join-tracing.test.ts',
    'test/joins/partition-transactions.test.ts',
    'test/joins/rekey.test.ts',
    'test/joins/table-join-logic.test.ts',
    'test/joins/stream-join-logic.test.ts',
    'test/joins/topics.test.ts',
  ],
  'runtime/tailer': [
    'test/tailer/convert.test.ts',
    'test/tailer/dead-letter-row.test.ts',
    'test/tailer/pg-types-lsn.test.ts',
    'test/tailer/shapes.test.ts',
    'test/tailer/slot.test.ts',
    'test/tailer/table-check.test.ts',
    'test/tailer/tailer.test.ts',
    'test/tailer/tailer-backpressure.test.ts',
    'test/tailer/tailer-envelope.test.ts',
    'test/tailer/tailer-lifecycle.test.ts',
    'test/tailer/tailer-retries.test.ts',
    'test/tailer/tailer-stream.test.ts',
  ],
  // Unit tests over a stand-in of the OpenSearch client's methods and the kafkajs fake; not test/search, which runs
  // against a real OpenSearch.
  'runtime/indexer': [
    'test/indexer/bulk-write.test.ts',
    'test/indexer/document-id.test.ts',
    'test/indexer/ensure-index.test.ts',
    'test/indexer/index-schema.test.ts',
    'test/indexer/index-schema-shapes.test.ts',
    'test/indexer/indexer.test.ts',
    'test/indexer/indexer-batches.test.ts',
    'test/indexer/mapping-diff.test.ts',
  ],
  // The HTTP ingest services, in process: fastify's inject over fake producers, admin and registry. Not
  // test/services/ingest-typecheck.test.ts (it runs tsc: minutes per static mutant, and checks types, not behaviour).
  'services/rest-proxy': [
    'test/services/ingest-services.test.ts',
    'test/services/rest-proxy-bodies.test.ts',
    'test/services/rest-proxy-outages.test.ts',
    'test/services/rest-proxy-requests.test.ts',
    'test/services/rest-proxy-schemas.test.ts',
    'test/services/rest-proxy-v2.test.ts',
    'test/services/rest-proxy-v3.test.ts',
  ],
  'services/segment-ingest': [
    'test/services/ingest-services.test.ts',
    'test/services/segment-dedupe.test.ts',
    'test/services/segment-events.test.ts',
    'test/services/segment-ingest.test.ts',
    'test/services/segment-route.test.ts',
    'test/services/segment-signature.test.ts',
  ],
};

// Files of a module left out of mutation: a main.ts that only starts the process (runService), which no unit test runs.
export const NOT_MUTATED = {
  'services/rest-proxy': ['services/rest-proxy/src/main.ts'],
  'services/segment-ingest': ['services/segment-ingest/src/main.ts'],
};

export function reportName(module) {
  return module.replace('/', '-');
}
