/**
 * `/threads`: Node's stand-in for Dropwizard's thread dump. A Node service has one JavaScript thread, so what answers
 * "what is it doing" is the event loop: active handles and requests, event-loop delay, memory, and the diagnostic
 * report (`process.report`: native stack, libuv handles, heap spaces, environment-free header).
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

export interface ThreadsDump {
  readonly pid: number;
  readonly uptimeSeconds: number;
  readonly activeResources: Readonly<Record<string, number>>;
  readonly eventLoopDelayMs: { readonly mean: number; readonly p50: number; readonly p99: number; readonly max: number };
  readonly memory: NodeJS.MemoryUsage;
  readonly cpu: NodeJS.CpuUsage;
  readonly report?: unknown;
}

export function threadsDump(loop: IntervalHistogram, withReport: boolean): ThreadsDump {
  const activeResources: Record<string, number> = {};
  for (const t of process.getActiveResourcesInfo()) activeResources[t] = (activeResources[t] ?? 0) + 1;
  const ms = (ns: number): number => Math.round((Number.isNaN(ns) ? 0 : ns) / 1e4) / 100;
  const dump: ThreadsDump = {
    pid: process.pid,
    uptimeSeconds: Math.round(process.uptime()),
    activeResources,
    eventLoopDelayMs: { mean: ms(loop.mean), p50: ms(loop.percentile(50)), p99: ms(loop.percentile(99)), max: ms(loop.max) },
    memory: process.memoryUsage(),
    cpu: process.cpuUsage(),
  };
  if (!withReport || !process.report) return dump;
  // The report's environment variables may hold secrets: leave them out.
  const report = process.report.getReport() as unknown as Record<string, unknown>;
  delete report['environmentVariables'];
  return { ...dump, report };
}

/** The event-loop delay histogram /threads reports (since the service was created). */
export function startLoopMonitor(): IntervalHistogram {
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  return h;
}
