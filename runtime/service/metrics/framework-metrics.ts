/**
 * Every metric the framework registers, in one place: names, help, types and labels (the list in docs/services.md
 * follows this file). Each function registers one group in a service's prom-client registry; the modules beside it
 * record into them. Names follow Prometheus conventions: base units in the name (`_seconds`), `_total` on counters.
 */
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** Request latency buckets in seconds, for a service that answers in milliseconds. */
export const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export type HttpLabel = 'method' | 'route' | 'status';

export interface HttpFamilies {
  readonly requests: Counter<HttpLabel>;
  readonly duration: Histogram<HttpLabel>;
}

/** The application port's requests, by method, route (the contract's path template, or `unmatched`) and status. */
export function httpFamilies(registry: Registry): HttpFamilies {
  const labelNames = ['method', 'route', 'status'] as const;
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from the request arriving to the response being sent, in seconds.',
    labelNames,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  // The request count is the histogram's `_count`, copied when scraped: recording it per request as well would double
  // what metrics cost a request (prom-client finds a series by a key it builds from the labels on every call).
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered on the application port.',
    labelNames,
    registers: [registry],
    async collect() {
      this.reset();
      for (const v of (await duration.get()).values) {
        if (v.metricName === 'http_request_duration_seconds_count') this.inc(v.labels as Partial<Record<HttpLabel, string>>, v.value);
      }
    },
  });
  return { requests, duration };
}

export interface ConsumerFamilies {
  readonly records: Counter<'topic'>;
  readonly deadLetters: Counter<'topic'>;
  readonly lag: Gauge<'topic' | 'partition'>;
}

/** Records handled by the service's consumers and replays, per topic; lag per topic partition (set when scraped). */
export function consumerFamilies(registry: Registry, collectLag: (lag: Gauge<'topic' | 'partition'>) => Promise<void>): ConsumerFamilies {
  return {
    records: new Counter({ name: 'unilog_consumer_records_total', help: 'Records handled by the service, per topic.', labelNames: ['topic'], registers: [registry] }),
    deadLetters: new Counter({
      name: 'unilog_consumer_dead_letters_total',
      help: 'Records written to the dead-letter topic (undecodable, or the handler kept failing), per topic.',
      labelNames: ['topic'],
      registers: [registry],
    }),
    lag: new Gauge({
      name: 'unilog_consumer_lag',
      help: 'Records in the partition the service has not handled yet.',
      labelNames: ['topic', 'partition'],
      registers: [registry],
      collect() {
        return collectLag(this);
      },
    }),
  };
}

/**
 * Records a service's producers sent again because a send's result left their partitions out (kafkajs's lost
 * acknowledgement, runtime/kafka/acknowledged-send.ts): one increment per resend, per topic. Above zero means a broker
 * failover met that bug and the resend path kept the records; it should stay rare.
 */
export function producerResends(registry: Registry): Counter<'topic'> {
  return new Counter({
    name: 'unilog_producer_resends_total',
    help: "Sends repeated because the broker's answer left out partitions that were written to (kafkajs lost-ack path), per topic.",
    labelNames: ['topic'],
    registers: [registry],
  });
}

export interface JoinFigures {
  readonly partitions: ReadonlyArray<{ readonly partition: number; readonly rows: number; readonly related: number; readonly lag: number }>;
  readonly inputRecords: number;
  readonly restoredRecords: number;
  readonly outputRecords: number;
  readonly rekeyedRecords: number;
}

/** A join's state and progress, read from `figures` when scraped (one entry per join, by name). */
export function joinFamilies(registry: Registry, figures: () => ReadonlyMap<string, JoinFigures>): void {
  const perPartition = (name: string, help: string, pick: (p: JoinFigures['partitions'][number]) => number): Gauge<'join' | 'partition'> =>
    new Gauge({
      name,
      help,
      labelNames: ['join', 'partition'],
      registers: [registry],
      collect() {
        this.reset();
        for (const [join, f] of figures()) for (const p of f.partitions) this.set({ join, partition: String(p.partition) }, pick(p));
      },
    });
  perPartition('unilog_join_state_rows', 'Table rows held in memory, per join and partition.', (p) => p.rows);
  perPartition('unilog_join_state_related', 'Related rows (or waiting stream records) held in memory, per join and partition.', (p) => p.related);
  perPartition('unilog_join_lag', 'Input records of a partition not read yet, as of its last batch.', (p) => p.lag);
  new Counter({
    name: 'unilog_join_records_total',
    help: 'Records a join read (input), restored state from (restored), wrote (output) and re-keyed (rekeyed) since start.',
    labelNames: ['join', 'kind'],
    registers: [registry],
    // The join keeps these counts itself; the counter shows them as they are at the scrape.
    collect() {
      this.reset();
      for (const [join, f] of figures()) {
        this.inc({ join, kind: 'input' }, f.inputRecords);
        this.inc({ join, kind: 'restored' }, f.restoredRecords);
        this.inc({ join, kind: 'output' }, f.outputRecords);
        this.inc({ join, kind: 'rekeyed' }, f.rekeyedRecords);
      }
    },
  });
}
