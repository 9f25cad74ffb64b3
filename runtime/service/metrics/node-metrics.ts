/**
 * Node's process metrics (`process_*`, `nodejs_*`: CPU, memory, heap spaces, event-loop lag, GC, handles) from
 * prom-client's `collectDefaultMetrics`. They describe the process, not a service, and collecting them starts an
 * event-loop monitor and a GC observer that are never stopped, so they are collected once per process and the same
 * metric objects are registered in every service's registry (a process that creates many services, as tests do,
 * gains nothing per service).
 */
import { collectDefaultMetrics, Registry } from 'prom-client';

let processWide: Registry | undefined;

export function registerNodeMetrics(registry: Registry): void {
  if (!processWide) {
    processWide = new Registry();
    collectDefaultMetrics({ register: processWide });
  }
  for (const { name } of processWide.getMetricsAsArray()) registry.registerMetric(processWide.getSingleMetric(name)!);
}
