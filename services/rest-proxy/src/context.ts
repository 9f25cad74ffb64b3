// What the proxy's routes receive, built once at start: the catalog's topics, the schema resolver, the API keys and
// one producer for every topic, started before the port opens and flushed after it closed.
import type { Admin } from 'kafkajs';
import { createBytesProducer } from 'unilog/runtime';
import type { ServiceEnvironment } from 'unilog/runtime/service';
import { ApiKeys } from './auth.js';
import { CatalogTopics } from './catalog-topics.js';
import type { AppConfig } from './config.js';
import { proxyMetrics, type ProxyMetrics } from './metrics.js';
import type { ProduceDeps } from './produce.js';
import { TopicSchemas } from './schemas.js';

export interface ProxyContext extends ProduceDeps {
  readonly config: AppConfig;
  readonly keys: ApiKeys;
  readonly metrics: ProxyMetrics;
  /** The Kafka cluster's id, which v3 URLs name. */
  clusterId(): Promise<string>;
}

export function createContext(env: ServiceEnvironment<AppConfig>): ProxyContext {
  const kafka = env.kafka;
  let admin: Promise<Admin> | undefined;
  const connectedAdmin = (): Promise<Admin> => {
    admin ??= (async () => {
      const a = kafka.client.admin();
      await a.connect();
      return a;
    })().catch((error: unknown) => {
      admin = undefined;
      throw error;
    });
    return admin;
  };
  const producer = createBytesProducer(kafka.client);
  env.manage('producer', { start: () => producer.connect(), stop: () => producer.disconnect() });
  env.manage('metadata', { stop: async () => (await admin?.catch(() => undefined))?.disconnect() });
  const keys = new ApiKeys(env.config.app.apiKeys);
  if (!keys.enabled) env.log.warn('app.apiKeys is empty: anyone who reaches the port may write every catalog topic (development only)');
  let clusterId: Promise<string> | undefined;
  return {
    config: env.config.app,
    keys,
    metrics: proxyMetrics(env.metrics),
    topics: new CatalogTopics(env.config.kafka?.topicPrefix ?? '', connectedAdmin),
    schemas: new TopicSchemas(kafka.registry),
    producer,
    clusterId() {
      clusterId ??= connectedAdmin()
        .then(async (a) => (await a.describeCluster()).clusterId)
        .catch((error: unknown) => {
          clusterId = undefined;
          throw error;
        });
      return clusterId;
    },
  };
}
