/**
 * Request count and latency by method, route (the contract's path template) and status. On the request path this is
 * two map lookups and a few adds: each (method, route) keeps its own statuses, and each status holds its counter and
 * histogram series directly.
 */
import { LATENCY_BUCKETS, type MetricsRegistry } from './metrics-registry.js';

export interface HttpMetrics {
  /** The recorder of one route (`method` + path template, or `unmatched`); call it once per response. */
  route(method: string, route: string): (status: number, seconds: number) => void;
}

interface StatusSeries {
  readonly labels: readonly [string, string, string];
  count: number;
  sum: number;
  readonly buckets: number[];
}

export function httpMetrics(registry: MetricsRegistry): HttpMetrics {
  const all: Map<number, StatusSeries>[] = [];
  registry.custom('http_requests_total', 'HTTP requests answered on the application port.', 'counter', (out) => {
    for (const statuses of all) for (const s of statuses.values()) out.push(`http_requests_total${labelText(s.labels)} ${s.count}`);
  });
  registry.custom('http_request_duration_seconds', 'Time from the request arriving to the response being sent.', 'histogram', (out) => {
    for (const statuses of all) {
      for (const s of statuses.values()) {
        const base = labelText(s.labels).slice(0, -1);
        let cumulative = 0;
        for (let i = 0; i < LATENCY_BUCKETS.length; i++) {
          cumulative += s.buckets[i]!;
          out.push(`http_request_duration_seconds_bucket${base},le="${LATENCY_BUCKETS[i]}"} ${cumulative}`);
        }
        out.push(`http_request_duration_seconds_bucket${base},le="+Inf"} ${s.count}`);
        out.push(`http_request_duration_seconds_sum${labelText(s.labels)} ${s.sum}`);
        out.push(`http_request_duration_seconds_count${labelText(s.labels)} ${s.count}`);
      }
    }
  });
  const routes = new Map<string, (status: number, seconds: number) => void>();
  return {
    route(method, route) {
      const key = `${method} ${route}`;
      let record = routes.get(key);
      if (record) return record;
      const statuses = new Map<number, StatusSeries>();
      all.push(statuses);
      record = (status, seconds) => {
        let s = statuses.get(status);
        if (!s) {
          s = { labels: [method, route, String(status)], count: 0, sum: 0, buckets: new Array<number>(LATENCY_BUCKETS.length).fill(0) };
          statuses.set(status, s);
        }
        s.count++;
        s.sum += seconds;
        for (let i = 0; i < LATENCY_BUCKETS.length; i++) {
          if (seconds <= LATENCY_BUCKETS[i]!) {
            s.buckets[i]!++;
            break;
          }
        }
      };
      routes.set(key, record);
      return record;
    },
  };
}

function labelText([method, route, status]: readonly [string, string, string]): string {
  return `{method="${method}",route="${route.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}",status="${status}"}`;
}
