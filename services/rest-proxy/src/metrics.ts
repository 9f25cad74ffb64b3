// The proxy's own metrics, on the admin port's /metrics beside the framework's request metrics. All of them are
// registered here, so a change of the metrics API touches this file only.
import type { ServiceEnvironment } from 'unilog/runtime/service';

export interface ProxyMetrics {
  /** Records acknowledged by Kafka, per catalog topic and API (`v2`, `v3`). */
  written(topic: string, api: string, records: number): void;
  /** Requests answered with an error, per API and Confluent error code. */
  refused(api: string, errorCode: number): void;
}

export function proxyMetrics(metrics: ServiceEnvironment['metrics']): ProxyMetrics {
  const records = metrics.counter('rest_proxy_records_total', 'Records written (acknowledged by Kafka), by topic and API.', ['topic', 'api']);
  const errors = metrics.counter('rest_proxy_errors_total', 'Requests refused, by API and Confluent error code.', ['api', 'error_code']);
  return {
    written: (topic, api, n) => records.inc([topic, api], n),
    refused: (api, code) => errors.inc([api, String(code)]),
  };
}
