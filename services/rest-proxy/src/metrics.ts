// The proxy's own metrics (prom-client), on the admin port's /metrics beside the framework's request metrics. All of
// them are registered here, so a change of the metrics API touches this file only.
import { Counter } from 'prom-client';
import type { ServiceEnvironment } from 'unilog/runtime/service';

export interface ProxyMetrics {
  /** Records acknowledged by Kafka, per catalog topic and API (`v2`, `v3`). */
  written(topic: string, api: string, records: number): void;
  /** Requests answered with an error, per API and Confluent error code. */
  refused(api: string, errorCode: number): void;
}

export function proxyMetrics(metrics: ServiceEnvironment['metrics']): ProxyMetrics {
  const registers = [metrics];
  const records = new Counter({ name: 'rest_proxy_records_total', help: 'Records written (acknowledged by Kafka), by topic and API.', labelNames: ['topic', 'api'], registers });
  const errors = new Counter({ name: 'rest_proxy_errors_total', help: 'Requests refused, by API and Confluent error code.', labelNames: ['api', 'error_code'], registers });
  return {
    written: (topic, api, n) => records.inc({ topic, api }, n),
    refused: (api, code) => errors.inc({ api, error_code: String(code) }),
  };
}
