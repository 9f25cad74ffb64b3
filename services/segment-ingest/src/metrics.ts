// segment-ingest's own metrics (prom-client), on the admin port's /metrics beside the framework's request metrics.
// All of them are registered here, so a change of the metrics API touches this file only.
import { Counter, Gauge } from 'prom-client';
import type { ServiceEnvironment } from 'unilog/runtime/service';
import type { RecentIds } from './recent-ids.js';

export interface SegmentMetrics {
  written(type: string): void;
  duplicate(type: string): void;
  /** `reason`: signature, malformed, kafka. */
  refused(reason: string): void;
}

export function segmentMetrics(metrics: ServiceEnvironment['metrics'], recent: RecentIds): SegmentMetrics {
  const registers = [metrics];
  const events = new Counter({ name: 'segment_events_total', help: 'Events written to segment-events (acknowledged by Kafka), by type.', labelNames: ['type'], registers });
  const duplicates = new Counter({ name: 'segment_duplicates_total', help: 'Events answered 200 without a write: their messageId was written within the window.', labelNames: ['type'], registers });
  const refused = new Counter({ name: 'segment_refused_total', help: 'Requests refused, by reason (signature, malformed, kafka).', labelNames: ['reason'], registers });
  new Gauge({ name: 'segment_dedupe_ids', help: 'messageIds remembered for de-duplication.', registers, collect() { this.set(recent.size); } });
  new Gauge({ name: 'segment_dedupe_evicted', help: 'messageIds forgotten before their window ended (dedupeMaxIds reached).', registers, collect() { this.set(recent.evicted); } });
  return {
    written: (type) => events.inc({ type }),
    duplicate: (type) => duplicates.inc({ type }),
    refused: (reason) => refused.inc({ reason }),
  };
}
