// segment-ingest's own metrics, on the admin port's /metrics beside the framework's request metrics. All of them are
// registered here, so a change of the metrics API touches this file only.
import type { ServiceEnvironment } from 'unilog/runtime/service';
import type { RecentIds } from './recent-ids.js';

export interface SegmentMetrics {
  written(type: string): void;
  duplicate(type: string): void;
  /** `reason`: signature, malformed, kafka. */
  refused(reason: string): void;
}

export function segmentMetrics(metrics: ServiceEnvironment['metrics'], recent: RecentIds): SegmentMetrics {
  const events = metrics.counter('segment_events_total', 'Events written to segment-events (acknowledged by Kafka), by type.', ['type']);
  const duplicates = metrics.counter('segment_duplicates_total', 'Events answered 200 without a write: their messageId was written within the window.', ['type']);
  const refused = metrics.counter('segment_refused_total', 'Requests refused, by reason (signature, malformed, kafka).', ['reason']);
  const remembered = metrics.gauge('segment_dedupe_ids', 'messageIds remembered for de-duplication.');
  const evicted = metrics.gauge('segment_dedupe_evicted', 'messageIds forgotten before their window ended (dedupeMaxIds reached).');
  metrics.collect(() => {
    remembered.set([], recent.size);
    evicted.set([], recent.evicted);
  });
  return {
    written: (type) => events.inc([type]),
    duplicate: (type) => duplicates.inc([type]),
    refused: (reason) => refused.inc([reason]),
  };
}
