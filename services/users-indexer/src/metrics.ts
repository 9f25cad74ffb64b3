// The indexer's figures on the admin port's /metrics: lag per partition, bulk requests and their latency, and what
// became of each record. Registered in this one file.
import type { BulkEvent, Indexer } from 'unilog/runtime/indexer';
import type { ServiceEnvironment } from 'unilog/runtime/service';

export interface IndexerMetrics {
  bulk(event: BulkEvent): void;
  retry(): void;
}

export function indexerMetrics(env: ServiceEnvironment<unknown>, indexer: Indexer): IndexerMetrics {
  const lag = env.metrics.gauge('unilog_indexer_lag', 'Records of the partition not indexed yet (as of its last batch).', ['topic', 'partition']);
  const requests = env.metrics.counter('unilog_indexer_bulk_requests_total', 'Bulk requests sent to the search engine, retries included.', ['index']);
  const records = env.metrics.counter(
    'unilog_indexer_records_total',
    'Records written to the index, by result: indexed, deleted, stale (the index already had this or a later offset), rejected (dead-lettered).',
    ['index', 'result'],
  );
  const seconds = env.metrics.histogram('unilog_indexer_batch_seconds', 'Time from a batch delivered to its bulk answered.', ['index']);
  const retries = env.metrics.counter('unilog_indexer_retries_total', 'Bulk requests that failed and were sent again after a backoff.', ['index']);
  env.metrics.collect(() => {
    lag.reset();
    for (const [partition, n] of indexer.stats().lag) lag.set([indexer.topic, String(partition)], n);
  });
  const index = indexer.index;
  return {
    bulk(e) {
      requests.inc([index], e.requests);
      for (const result of ['indexed', 'deleted', 'stale', 'rejected'] as const) if (e[result]) records.inc([index, result], e[result]);
      seconds.observe([index], e.ms / 1000);
    },
    retry() {
      retries.inc([index]);
    },
  };
}
