/**
 * Process metrics in the names Prometheus client libraries use (`process_*`, `nodejs_*`), read when scraped.
 * Event-loop delay comes from a `monitorEventLoopDelay` histogram, reset at every scrape.
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { readdir } from 'node:fs/promises';
import type { MetricsRegistry } from './metrics-registry.js';

export function processMetrics(registry: MetricsRegistry, loop: IntervalHistogram = startLoopMonitor()): void {
  const cpu = registry.gauge('process_cpu_seconds_total', 'User and system CPU time spent, in seconds.');
  const rss = registry.gauge('process_resident_memory_bytes', 'Resident memory size in bytes.');
  const start = registry.gauge('process_start_time_seconds', 'Start time of the process since the Unix epoch, in seconds.');
  const fds = registry.gauge('process_open_fds', 'Open file descriptors (Linux only).');
  const heapUsed = registry.gauge('nodejs_heap_size_used_bytes', 'V8 heap in use, in bytes.');
  const heapTotal = registry.gauge('nodejs_heap_size_total_bytes', 'V8 heap size, in bytes.');
  const external = registry.gauge('nodejs_external_memory_bytes', 'Memory of C++ objects bound to JavaScript objects, in bytes.');
  const handles = registry.gauge('nodejs_active_resources', 'Active libuv handles and requests keeping the event loop alive, by type.', ['type']);
  const lagMean = registry.gauge('nodejs_eventloop_lag_mean_seconds', 'Mean event-loop delay since the last scrape, in seconds.');
  const lagMax = registry.gauge('nodejs_eventloop_lag_max_seconds', 'Largest event-loop delay since the last scrape, in seconds.');
  const lagP99 = registry.gauge('nodejs_eventloop_lag_p99_seconds', '99th percentile event-loop delay since the last scrape, in seconds.');
  start.set([], Math.round((Date.now() - performance.now()) / 1000));
  registry.collect(async () => {
    const usage = process.cpuUsage();
    cpu.set([], (usage.user + usage.system) / 1e6);
    const mem = process.memoryUsage();
    rss.set([], mem.rss);
    heapUsed.set([], mem.heapUsed);
    heapTotal.set([], mem.heapTotal);
    external.set([], mem.external);
    handles.reset();
    const byType = new Map<string, number>();
    for (const t of process.getActiveResourcesInfo()) byType.set(t, (byType.get(t) ?? 0) + 1);
    for (const [t, n] of byType) handles.set([t], n);
    lagMean.set([], nanToZero(loop.mean) / 1e9);
    lagMax.set([], loop.max / 1e9);
    lagP99.set([], loop.percentile(99) / 1e9);
    loop.reset();
    if (process.platform === 'linux') {
      try {
        fds.set([], (await readdir('/proc/self/fd')).length);
      } catch {
        // not readable in this sandbox: leave the gauge out
      }
    }
  });
}

export function startLoopMonitor(): IntervalHistogram {
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  return h;
}

function nanToZero(n: number): number {
  return Number.isNaN(n) ? 0 : n;
}
