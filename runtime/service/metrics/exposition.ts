/**
 * `/metrics` in the format the scraper asks for: OpenMetrics 1.0.0 when its Accept header prefers it (Prometheus
 * sends `application/openmetrics-text;version=1.0.0,…,text/plain;version=0.0.4;q=0.5`), else the Prometheus text
 * format 0.0.4. The choice is negotiator's (q-values and wildcards as HTTP defines them).
 *
 * prom-client renders OpenMetrics only from a registry made for it, and that registry's `metrics()` renames each
 * counter object it renders (drops `_total` from its `name` for good), which would break the text format of every
 * later scrape. So each scrape fills a fresh OpenMetrics registry with views of the service's metrics: objects that
 * answer `get()` (the call a registry makes to read a metric) with the metric's data, a counter's under its
 * OpenMetrics family name, and leave the metrics themselves untouched.
 */
import Negotiator from 'negotiator';
import { Registry, type Metric, type OpenMetricsContentType } from 'prom-client';

/** The two formats, without the charset: negotiator matches their parameters against the Accept header's. */
const OFFERS = ['text/plain; version=0.0.4', 'application/openmetrics-text; version=1.0.0'] as const;

export interface Exposition {
  readonly contentType: string;
  readonly body: string;
}

export async function renderMetrics(registry: Registry, accept: string | undefined): Promise<Exposition> {
  const chosen = accept ? new Negotiator({ headers: { accept } }).mediaType([...OFFERS]) : undefined;
  if (chosen !== OFFERS[1]) return { contentType: Registry.PROMETHEUS_CONTENT_TYPE, body: await registry.metrics() };
  const om = new Registry<OpenMetricsContentType>();
  om.setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
  // Reading the metrics runs their `collect`: once, here; each view answers with the data read.
  for (const data of await registry.getMetricsAsJSON()) om.registerMetric(openMetricsView(data));
  return { contentType: Registry.OPENMETRICS_CONTENT_TYPE, body: await om.metrics() };
}

type MetricData = Awaited<ReturnType<Registry['getMetricsAsJSON']>>[number];

function openMetricsView(data: MetricData): Metric {
  const named = String(data.type) === 'counter' ? { ...data, name: data.name.replace(/_total$/, '') } : data;
  const view = { name: named.name, help: named.help, type: named.type, get: async () => named, reset() {} };
  return view as unknown as Metric;
}
