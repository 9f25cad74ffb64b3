// The tailers' metrics (prom-client), registered in this one file: rows, dead letters, phase and lag in bytes per
// tailer, read from the tailers when /metrics is scraped.
import { Counter, Gauge } from 'prom-client';
import type { Tailer } from 'unilog/runtime/tailer';
import type { ServiceEnvironment } from 'unilog/runtime/service';

export function registerTailerMetrics(env: ServiceEnvironment<unknown>, tailers: readonly Tailer[], lagOf: (t: Tailer) => number | undefined): void {
  const registers = [env.metrics];
  new Counter({
    name: 'unilog_tailer_rows_total',
    help: 'Rows read since start, by kind: snapshot rows, streamed changes, dead letters.',
    labelNames: ['tailer', 'kind'],
    registers,
    collect() {
      this.reset();
      for (const t of tailers) {
        const s = t.stats();
        this.inc({ tailer: t.name, kind: 'snapshot' }, s.snapshotRows);
        this.inc({ tailer: t.name, kind: 'change' }, s.changes);
        this.inc({ tailer: t.name, kind: 'dead-letter' }, s.deadLetters);
      }
    },
  });
  new Gauge({
    name: 'unilog_tailer_lag_bytes',
    help: "Bytes of WAL since the slot's confirmed position.",
    labelNames: ['tailer'],
    registers,
    collect() {
      this.reset();
      for (const t of tailers) {
        const bytes = lagOf(t);
        if (bytes !== undefined) this.set({ tailer: t.name }, bytes);
      }
    },
  });
  new Gauge({
    name: 'unilog_tailer_streaming',
    help: '1 while the tailer streams, else 0.',
    labelNames: ['tailer'],
    registers,
    collect() {
      for (const t of tailers) this.set({ tailer: t.name }, t.stats().phase === 'streaming' ? 1 : 0);
    },
  });
}
