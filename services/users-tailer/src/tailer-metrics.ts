// The tailers' metrics, registered in this one file: phase, rows, dead letters and lag in bytes per tailer.
import type { Tailer } from 'unilog/runtime/tailer';
import type { ServiceEnvironment } from 'unilog/runtime/service';

export function registerTailerMetrics(env: ServiceEnvironment<unknown>, tailers: readonly Tailer[], lagOf: (t: Tailer) => number | undefined): void {
  const rows = env.metrics.gauge('unilog_tailer_rows', 'Rows read since start: snapshot rows and streamed changes.', ['tailer', 'kind']);
  const lag = env.metrics.gauge('unilog_tailer_lag_bytes', "Bytes of WAL since the slot's confirmed position.", ['tailer']);
  const streaming = env.metrics.gauge('unilog_tailer_streaming', '1 while the tailer streams, else 0.', ['tailer']);
  env.metrics.collect(() => {
    for (const g of [rows, lag, streaming]) g.reset();
    for (const t of tailers) {
      const s = t.stats();
      rows.set([t.name, 'snapshot'], s.snapshotRows);
      rows.set([t.name, 'change'], s.changes);
      rows.set([t.name, 'dead-letter'], s.deadLetters);
      streaming.set([t.name], s.phase === 'streaming' ? 1 : 0);
      const bytes = lagOf(t);
      if (bytes !== undefined) lag.set([t.name], bytes);
    }
  });
}
