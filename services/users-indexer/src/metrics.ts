// The indexer's figures on the admin port's /metrics (prom-client): lag per partition, bulk requests and their latency,
// and what became of each record. Registered in this one file.
import { Counter, Gauge, Histogram } from 'prom-client';
import type { BulkEvent, Indexer } from 'unilog/runtime/indexer';
import type { ServiceEnvironment } from 'unilog/runtime/service';

export interface IndexerMetrics {
  bulk(event: BulkEvent): void;
  retry(): void;
}

export function indexerMetrics(env: ServiceEnvironment<unknown>, indexer: Indexer): IndexerMetrics {
  const registers = [env.metrics];
  new Gauge({
    name: 'unilog_indexer_lag',
    help: 'Records of the partition not indexed yet (as of its last batch).',
    labelNames: ['topic', 'partition'],
    registers,
    collect() {
      this.reset();
      for (const [partition, n] of indexer.stats().lag) this.set({ topic: indexer.topic, partition: String(partition) }, n);
    },
  });
  const requests = new Counter({ name: 'unilog_indexer_bulk_requests_total', help: 'Bulk requests sent to the search engine, retries included.', labelNames: ['index'], registers });
  const records = new Counter({
    name: 'unilog_indexer_records_total',
    help: 'Records written to the index, by result: indexed, deleted, stale (the index already had this or a later offset), rejected (dead-lettered).',
    labelNames: ['index', 'result'],
    registers,
  });
  const seconds = new Histogram({ name: 'unilog_indexer_batch_seconds', help: 'Time from a batch delivered to its bulk answered.', labelNames: ['index'], registers });
  const retries = new Counter({ name: 'unilog_indexer_retries_total', help: 'Bulk requests that failed and were sent again after a backoff.', labelNames: ['index'], registers });
  const index = indexer.index;
  return {
    bulk(e) {
      requests.inc({ index }, e.requests);
      for (const result of ['indexed', 'deleted', 'stale', 'rejected'] as const) if (e[result]) records.inc({ index, result }, e[result]);
      seconds.observe({ index }, e.ms / 1000);
    },
    retry() {
      retries.inc({ index });
    },
  };
}
