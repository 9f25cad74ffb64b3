/**
 * Kafka for a service: typed producers, consumers and replays from runtime/kafka, each registered as a managed object
 * (so it starts before the application port opens and stops after it closed), counted in /metrics (records and lag
 * per topic) and checked in /healthcheck (broker and registry connectivity, every consumer alive).
 */
import { Kafka, logLevel, type Admin } from 'kafkajs';
import type { TopicSpec } from '../../kafka/admin.js';
import {
  createConsumer, createProducer, replay, type CaughtUp, type ConsumerOptions, type DeadLetterEvent, type ProducerOptions, type RecordHandler,
  type Replay, type ReplayOptions, type TypedConsumer, type TypedProducer,
} from '../../kafka/index.js';
import { createSchemaRegistry, normaliseRegistryOptions, type SchemaRegistry } from '../../registry/index.js';
import { UnilogError } from '../../errors.js';
import { defineTopic, type Topic } from '../../topic.js';
import { healthy, unhealthy, type HealthChecks } from '../admin/health.js';
import type { ServiceConfig } from '../config/config-schema.js';
import type { Lifecycle } from '../lifecycle/lifecycle.js';
import { ConsumerMetrics } from '../metrics/consumer-metrics.js';
import { producerResends } from '../metrics/framework-metrics.js';
import { kafkaSecurity, registrySecurity } from './kafka-security.js';
import { checkServiceTopics } from './topic-check.js';
import type { FastifyBaseLogger } from 'fastify';
import type { Registry } from 'prom-client';

export interface ServiceKafka {
  /** The kafkajs client, for anything the typed helpers do not cover. */
  readonly client: Kafka;
  readonly registry: SchemaRegistry;
  /** A typed producer of `topic`; connected at start, flushed and disconnected at stop. */
  producer<K, KI, V, VI>(topic: Topic<K, KI, V, VI>, options?: Partial<ProducerOptions>): TypedProducer<KI, VI>;
  /** A typed consumer in the service's group (default: the service name); started at start, committed and stopped at stop. */
  consumer<K, KI, V, VI>(topic: Topic<K, KI, V, VI>, handler: RecordHandler<K, V>, options?: Partial<ConsumerOptions<K, V>>): TypedConsumer;
  /**
   * Replays `topic` from its beginning to rebuild state, then keeps consuming. By default the start waits until the
   * replay caught up, so the application port opens on complete state.
   */
  replay<K, KI, V, VI>(topic: Topic<K, KI, V, VI>, handler: RecordHandler<K, V>, options?: ServiceReplayOptions<K, V>): ServiceReplay;
}

export interface ServiceReplayOptions<K, V> extends Partial<ReplayOptions<K, V>> {
  /** Default true: `start()` resolves only once the replay caught up. */
  readonly waitForCatchUp?: boolean;
}

export interface ServiceReplay {
  readonly topic: string;
  /** Resolves when the replay caught up (after start). */
  readonly caughtUp: Promise<CaughtUp>;
}

export interface ServiceKafkaDeps {
  readonly name: string;
  readonly config: ServiceConfig<unknown>;
  readonly lifecycle: Lifecycle;
  readonly health: HealthChecks;
  readonly metrics: Registry;
  readonly log: FastifyBaseLogger;
}

export function createServiceKafka(deps: ServiceKafkaDeps): ServiceKafka {
  const { config, lifecycle, health, name } = deps;
  if (!config.kafka) throw new UnilogError('KAFKA_NOT_CONFIGURED', "this service uses Kafka, so config.yaml needs a 'kafka:' section with 'brokers'");
  if (!config.registry) throw new UnilogError('KAFKA_NOT_CONFIGURED', "this service uses Kafka, so config.yaml needs a 'registry:' section with 'url'");
  const client = new Kafka({
    clientId: config.kafka.clientId ?? name,
    brokers: [...config.kafka.brokers],
    ...kafkaSecurity(config.kafka),
    logLevel: logLevel.WARN,
    logCreator: () => (entry) => deps.log.warn({ kafka: entry.namespace, ...entry.log }, entry.log.message),
  });
  const registryOptions = { url: config.registry.url, ...registrySecurity(config.registry) };
  const registry = createSchemaRegistry(registryOptions);
  // The health check asks as the client does: same headers, same trusted CA.
  const { fetch: registryFetch, headers: registryAuth } = normaliseRegistryOptions(registryOptions);
  const registryUrl = config.registry.url.replace(/\/+$/, '');
  const consumerMetrics = new ConsumerMetrics(deps.metrics);
  const resends = producerResends(deps.metrics);
  const countResend = (topic: string): void => resends.inc({ topic });
  const prefix = config.kafka.topicPrefix ?? '';
  const brokers = config.kafka.brokers;
  /** Every topic the service uses, by its name on the cluster: checked before any client starts. */
  const used = new Map<string, TopicSpec>();
  const named = <K, KI, V, VI>(topic: Topic<K, KI, V, VI>): Topic<K, KI, V, VI> => {
    const onCluster = prefix ? defineTopic({ ...topic, name: `${prefix}${topic.name}` }) : topic;
    used.set(onCluster.name, onCluster);
    return onCluster;
  };

  let admin: Admin | undefined;
  const sharedAdmin = async (): Promise<Admin> => {
    if (!admin) {
      const a = client.admin();
      await a.connect();
      admin = a;
    }
    return admin;
  };
  lifecycle.manage('kafka-admin', {
    async stop() {
      await admin?.disconnect();
      admin = undefined;
    },
  });
  lifecycle.manage('kafka-topics', {
    // The shared admin, connected here, is the one health checks and lag metrics use later.
    async start() {
      if (used.size > 0) await checkServiceTopics(await sharedAdmin(), [...used.values()], { brokers, prefix }, deps.log);
    },
  });
  consumerMetrics.lagFrom(async (topic) => (await sharedAdmin()).fetchTopicOffsets(topic));

  health.register('kafka', async () => {
    const cluster = await (await sharedAdmin()).describeCluster();
    return healthy(`${cluster.brokers.length} broker(s), controller ${cluster.controller}`);
  });
  health.register('schema-registry', async () => {
    const res = await registryFetch(`${registryUrl}/schemas/types`, { headers: registryAuth, signal: AbortSignal.timeout(3_000) });
    return res.ok ? healthy(registryUrl) : unhealthy(`${registryUrl} answered HTTP ${res.status}`);
  });

  /** A consumer's or replay's /healthcheck entry: running (with its dead letters, if any) until it crashed for good. */
  const watchCrash = (what: string): { onCrash: (error: unknown, restart: boolean) => void; onDeadLetter: (event: DeadLetterEvent) => void } => {
    let crash: unknown;
    let deadLetters = 0;
    let last: DeadLetterEvent | undefined;
    health.register(what, () => {
      if (crash !== undefined) return unhealthy(`stopped: ${crash instanceof Error ? crash.message : String(crash)}`);
      if (last === undefined) return healthy('running');
      return healthy(`running; ${deadLetters} record(s) dead-lettered to ${last.deadLetterTopic}, last ${last.topic}[${last.partition}]@${last.offset} (${last.code})`);
    });
    return {
      onCrash: (error, restart) => {
        deps.log.error({ err: error, restart }, `${what} crashed`);
        if (!restart) crash = error ?? new Error('crashed');
      },
      onDeadLetter: (event) => {
        deadLetters++;
        last = event;
        consumerMetrics.deadLettered(event.topic);
        deps.log.warn({ topic: event.topic, partition: event.partition, offset: event.offset, code: event.code, deadLetterTopic: event.deadLetterTopic }, `${what}: record dead-lettered`);
      },
    };
  };

  return {
    client,
    registry,
    producer(catalogTopic, options = {}) {
      const topic = named(catalogTopic);
      const producer = createProducer(client, topic, { registry, onResend: countResend, ...options });
      lifecycle.manage(`producer:${topic.name}`, { start: () => producer.connect(), stop: () => producer.disconnect() });
      return producer;
    },
    consumer(catalogTopic, handler, options = {}) {
      const topic = named(catalogTopic);
      const watch = watchCrash(`consumer:${topic.name}`);
      const consumer = createConsumer(client, topic, {
        // The topic prefix names the environment (`staging.`): its groups are its own, never shared with another's.
        groupId: `${prefix}${name}`,
        registry,
        ...options,
        handler: consumerMetrics.wrap(topic.name, handler),
        onCrash: (error, restart) => {
          watch.onCrash(error, restart);
          options.onCrash?.(error, restart);
        },
        onDeadLetter: (event) => {
          watch.onDeadLetter(event);
          options.onDeadLetter?.(event);
        },
      });
      lifecycle.manage(`consumer:${topic.name}`, consumer);
      return consumer;
    },
    replay(catalogTopic, handler, options = {}) {
      const topic = named(catalogTopic);
      const watch = watchCrash(`replay:${topic.name}`);
      let running: Replay | undefined;
      let settle!: { resolve: (c: CaughtUp) => void; reject: (e: unknown) => void };
      const caughtUp = new Promise<CaughtUp>((resolve, reject) => (settle = { resolve, reject }));
      caughtUp.catch(() => undefined);
      const { waitForCatchUp = true, ...replayOptions } = options;
      lifecycle.manage(`replay:${topic.name}`, {
        async start() {
          running = await replay(client, topic, {
            registry,
            ...replayOptions,
            handler: consumerMetrics.wrap(topic.name, handler),
            onCrash: (error, restart) => {
              watch.onCrash(error, restart);
              replayOptions.onCrash?.(error, restart);
            },
            onDeadLetter: (event) => {
              watch.onDeadLetter(event);
              replayOptions.onDeadLetter?.(event);
            },
          });
          running.caughtUp.then(
            (info) => {
              deps.log.info({ topic: topic.name, records: info.records, ms: info.ms }, `replay of ${topic.name} caught up`);
              settle.resolve(info);
            },
            settle.reject,
          );
          if (waitForCatchUp) await running.caughtUp;
        },
        async stop() {
          await running?.stop();
        },
      });
      return { topic: topic.name, caughtUp };
    },
  };
}
