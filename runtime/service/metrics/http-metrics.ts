/**
 * Request count and latency by method, route (the contract's path template) and status, recorded into the prom-client
 * families of framework-metrics.ts. Each (method, route, status) keeps its label object, so a response costs one map
 * lookup plus prom-client's `observe`; the request counter is filled from the histogram when scraped (the added µs
 * are measured by bench/service.mjs, docs/services.md).
 */
import type { Registry } from 'prom-client';
import { fromRoutePath } from '../contract/path-template.js';
import { httpFamilies, type HttpLabel } from './framework-metrics.js';

export interface HttpMetrics {
  /** The recorder of one route (`method` + path template, or `unmatched`); call it once per response. */
  route(method: string, route: string): (status: number, seconds: number) => void;
}

export function httpMetrics(registry: Registry): HttpMetrics {
  const { duration } = httpFamilies(registry);
  const routes = new Map<string, (status: number, seconds: number) => void>();
  return {
    route(method, route) {
      const key = `${method} ${route}`;
      let record = routes.get(key);
      if (record) return record;
      const labelsByStatus = new Map<number, Record<HttpLabel, string>>();
      const template = fromRoutePath(route);
      record = (status, seconds) => {
        let labels = labelsByStatus.get(status);
        if (!labels) {
          labels = { method, route: template, status: String(status) };
          labelsByStatus.set(status, labels);
        }
        duration.observe(labels, seconds);
      };
      routes.set(key, record);
      return record;
    },
  };
}
