// Runs the indexer as a managed object of the service: the index is made ready and consuming starts before the ports
// open; on SIGTERM the batch in hand is finished (or left uncommitted) and the engine's client closed.
// /healthcheck has the engine and the indexer, /metrics their figures (metrics.ts).
import { Client } from '@opensearch-project/opensearch';
import { defineTopic, type Topic } from 'unilog/runtime';
import { createIndexer, indexHealth } from 'unilog/runtime/indexer';
import { healthy, unhealthy, type ServiceEnvironment } from 'unilog/runtime/service';
import type { AppConfig } from './config.js';
import { indexerMetrics, type IndexerMetrics } from './metrics.js';

export function runIndexer<K, KI, V, VI>(env: ServiceEnvironment<AppConfig>, catalogTopic: Topic<K, KI, V, VI>): undefined {
  const app = env.config.app;
  const prefix = env.config.kafka?.topicPrefix ?? '';
  const topic = prefix ? defineTopic({ ...catalogTopic, name: `${prefix}${catalogTopic.name}` }) : catalogTopic;
  const search = new Client({ node: app.opensearch.url });
  let metrics: IndexerMetrics | undefined;
  let failure: unknown;
  const indexer = createIndexer(env.kafka.client, topic, {
    search,
    index: app.index,
    groupId: `${env.name}.${app.index}`,
    registry: env.kafka.registry,
    fields: { text: app.text, exclude: app.exclude },
    settings: { number_of_replicas: app.replicas },
    consumerConfig: { sessionTimeout: app.sessionTimeoutMs, heartbeatInterval: Math.floor(app.sessionTimeoutMs / 10) },
    onBulk: (e) => metrics?.bulk(e),
    onRetry: (e) => {
      metrics?.retry();
      env.log.warn({ index: app.index, failures: e.failures }, `bulk write failed, sending again: ${e.cause}`);
    },
    onDeadLetter: (e) => env.log.warn({ topic: e.topic, partition: e.partition, offset: e.offset, code: e.code, deadLetterTopic: e.deadLetterTopic }, 'record dead-lettered'),
    onFailed: (error) => {
      failure = error;
      env.log.error({ err: error }, `indexer stopped: ${error instanceof Error ? error.message : String(error)}`);
    },
    onCrash: (error, restart) => env.log.error({ err: error, restart }, 'indexer consumer crashed'),
  });
  metrics = indexerMetrics(env, indexer);
  env.manage('opensearch', { stop: () => search.close() });
  env.manage(`indexer:${app.index}`, {
    async start() {
      await indexer.start();
      const s = indexer.stats();
      env.log.info({ index: app.index, topic: topic.name, created: s.created }, s.created ? `index ${app.index} created: filling it from the beginning of ${topic.name}` : `indexing ${topic.name} into ${app.index}`);
    },
    stop: () => indexer.stop(),
  });
  env.healthCheck('opensearch', async () => {
    const h = await indexHealth(search, app.index);
    return h.ok ? healthy(`${app.opensearch.url}: ${h.message}`) : unhealthy(h.message);
  });
  env.healthCheck(`indexer:${app.index}`, () => {
    if (failure !== undefined) return unhealthy(`stopped: ${failure instanceof Error ? failure.message : String(failure)}`);
    const lag = [...indexer.stats().lag.values()].reduce((a, b) => a + b, 0);
    return healthy(`indexing ${topic.name} into ${app.index}, ${lag} record(s) behind`);
  });
  return undefined;
}
