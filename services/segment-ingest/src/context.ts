// What segment-ingest's route receives, built once at start: the producer of segment-events (connected, its schema
// registered, before the port opens), the recent message ids, the metrics.
import type { TypedProducer } from 'unilog/runtime';
import type { ServiceEnvironment } from 'unilog/runtime/service';
import { segmentEvents } from '../../../generated/topics.js';
import type { SegmentEventInput } from '../../../generated/index.js';
import type { AppConfig } from './config.js';
import { segmentMetrics, type SegmentMetrics } from './metrics.js';
import { RecentIds } from './recent-ids.js';

export interface SegmentContext {
  readonly config: AppConfig;
  readonly producer: TypedProducer<string, SegmentEventInput>;
  readonly recent: RecentIds;
  readonly metrics: SegmentMetrics;
}

export function createContext(env: ServiceEnvironment<AppConfig>): SegmentContext {
  const recent = new RecentIds(env.config.app.dedupeWindowSeconds * 1000, env.config.app.dedupeMaxIds);
  return {
    config: env.config.app,
    producer: env.kafka.producer(segmentEvents),
    recent,
    metrics: segmentMetrics(env.metrics, recent),
  };
}
