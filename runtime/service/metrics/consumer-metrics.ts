/**
 * Consumer metrics: records handled per topic (counted as each handler call finishes), and lag per topic partition,
 * computed when /metrics is scraped as the partition's high-watermark minus the next offset the service will handle.
 * A partition the service has not handled a record of yet counts its whole retained range as lag.
 */
import type { MetricsRegistry, Counter, Gauge } from './metrics-registry.js';

export interface PartitionOffsets {
  readonly partition: number;
  readonly high: string;
  readonly low: string;
}

interface HandledRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

export class ConsumerMetrics {
  private readonly records: Counter;
  private readonly lag: Gauge;
  private readonly deadLetters: Counter;
  /** topic → partition → next offset to handle. */
  private readonly positions = new Map<string, Map<number, number>>();

  constructor(private readonly registry: MetricsRegistry) {
    this.records = registry.counter('unilog_consumer_records_total', 'Records handled by the service, per topic.', ['topic']);
    this.lag = registry.gauge('unilog_consumer_lag', 'Records in the partition the service has not handled yet.', ['topic', 'partition']);
    this.deadLetters = registry.counter(
      'unilog_consumer_dead_letters_total',
      'Records written to the dead-letter topic (undecodable, or the handler kept failing), per topic.',
      ['topic'],
    );
  }

  /** A record of `topic` went to its dead-letter topic (by a consumer or a replay). */
  deadLettered(topic: string): void {
    this.deadLetters.inc([topic]);
  }

  /** Wraps a record handler so each handled record is counted and its offset remembered. */
  wrap<R extends HandledRecord>(topic: string, handler: (record: R) => void | Promise<void>): (record: R) => Promise<void> {
    const partitions = this.partitionsOf(topic);
    return async (record) => {
      await handler(record);
      this.records.inc([topic]);
      partitions.set(record.partition, Number(record.offset) + 1);
    };
  }

  /** Where lag's high-watermarks come from (kafkajs `admin.fetchTopicOffsets`); failures leave the gauge as it was. */
  lagFrom(fetchOffsets: (topic: string) => Promise<readonly PartitionOffsets[]>): void {
    this.registry.collect(async () => {
      for (const [topic, partitions] of this.positions) {
        let offsets: readonly PartitionOffsets[];
        try {
          offsets = await withTimeout(fetchOffsets(topic), 2_000);
        } catch {
          continue;
        }
        for (const o of offsets) {
          const next = partitions.get(o.partition) ?? Number(o.low);
          this.lag.set([topic, String(o.partition)], Math.max(0, Number(o.high) - next));
        }
      }
    });
  }

  private partitionsOf(topic: string): Map<number, number> {
    let p = this.positions.get(topic);
    if (!p) {
      p = new Map();
      this.positions.set(topic, p);
      this.records.inc([topic], 0);
      this.deadLetters.inc([topic], 0);
    }
    return p;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
