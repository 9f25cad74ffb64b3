/** Request count and latency by method, route (the contract's path template) and status. */
import type { MetricsRegistry } from './metrics-registry.js';

export interface HttpMetrics {
  /** `route` is the matched path template, or `unmatched`. */
  record(method: string, route: string, status: number, seconds: number): void;
}

export function httpMetrics(registry: MetricsRegistry): HttpMetrics {
  const requests = registry.counter('http_requests_total', 'HTTP requests answered on the application port.', ['method', 'route', 'status']);
  const latency = registry.histogram('http_request_duration_seconds', 'Time from the request arriving to the response being sent.', ['method', 'route', 'status']);
  return {
    record(method, route, status, seconds) {
      const labels = [method, route, String(status)];
      const key = `${method}\u0001${route}\u0001${status}`;
      requests.inc(labels);
      latency.observeKeyed(key, labels, seconds);
    },
  };
}
