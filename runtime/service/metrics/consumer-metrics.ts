/**
 * Consumer metrics: records handled per topic (counted as each handler call finishes), and lag per topic partition,
 * computed when /metrics is scraped as the partition's high-watermark minus the next offset the service will handle.
 * A partition the service has not handled a record of yet counts its whole retained range as lag.
 */
import type { Registry } from 'prom-client';
import { consumerFamilies, type ConsumerFamilies } from './framework-metrics.js';

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
  private readonly families: ConsumerFamilies;
  /** topic → partition → next offset to handle. */
  private readonly positions = new Map<string, Map<number, number>>();
  private fetchOffsets: ((topic: string) => Promise<readonly PartitionOffsets[]>) | undefined;

  constructor(registry: Registry) {
    this.families = consumerFamilies(registry, (lag) => this.collectLag(lag));
  }

  /** A record of `topic` went to its dead-letter topic (by a consumer or a replay). */
  deadLettered(topic: string): void {
    this.families.deadLetters.inc({ topic });
  }

  /** Wraps a record handler so each handled record is counted and its offset remembered. */
  wrap<R extends HandledRecord>(topic: string, handler: (record: R) => void | Promise<void>): (record: R) => Promise<void> {
    const partitions = this.partitionsOf(topic);
    const labels = { topic };
    const records = this.families.records;
    return async (record) => {
      await handler(record);
      records.inc(labels);
      partitions.set(record.partition, Number(record.offset) + 1);
    };
  }

  /** Where lag's high-watermarks come from (kafkajs `admin.fetchTopicOffsets`); failures leave the gauge as it was. */
  lagFrom(fetchOffsets: (topic: string) => Promise<readonly PartitionOffsets[]>): void {
    this.fetchOffsets = fetchOffsets;
  }

  private async collectLag(lag: ConsumerFamilies['lag']): Promise<void> {
    const fetchOffsets = this.fetchOffsets;
    if (!fetchOffsets) return;
    await Promise.all(
      [...this.positions].map(async ([topic, partitions]) => {
        let offsets: readonly PartitionOffsets[];
        try {
          offsets = await withTimeout(fetchOffsets(topic), 2_000);
        } catch {
          return;
        }
        for (const o of offsets) {
          const next = partitions.get(o.partition) ?? Number(o.low);
          lag.set({ topic, partition: String(o.partition) }, Math.max(0, Number(o.high) - next));
        }
      }),
    );
  }

  private partitionsOf(topic: string): Map<number, number> {
    let p = this.positions.get(topic);
    if (!p) {
      p = new Map();
      this.positions.set(topic, p);
      this.families.records.inc({ topic }, 0);
      this.families.deadLetters.inc({ topic }, 0);
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
