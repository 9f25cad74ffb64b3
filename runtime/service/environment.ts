/**
 * What a service's `setup` receives (Dropwizard's Environment): the validated configuration, the logger, and the
 * places to register managed objects, health checks, metrics and Kafka clients. Everything registered here starts
 * after setup returns and before the application port opens.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Registry } from 'prom-client';
import type { HealthCheck } from './admin/health.js';
import type { ServiceConfig } from './config/config-schema.js';
import type { ServiceKafka } from './kafka/service-kafka.js';
import type { Managed } from './lifecycle/lifecycle.js';

export interface ServiceEnvironment<App = Record<string, unknown>> {
  readonly name: string;
  readonly config: ServiceConfig<App>;
  readonly log: FastifyBaseLogger;
  /**
   * The service's prom-client registry, rendered on the admin port's /metrics with the framework's and Node's metrics.
   * Register your own in it: `new Counter({ name, help, labelNames, registers: [env.metrics] })`.
   */
  readonly metrics: Registry;
  /** Adds a check to the admin port's /healthcheck. */
  healthCheck(name: string, check: HealthCheck): void;
  /** Starts `object` with the service (in registration order) and stops it in reverse; returns it. */
  manage<T extends Managed>(name: string, object: T): T;
  /** Kafka producers, consumers and replays, managed and measured. Needs `kafka:` and `registry:` in the config. */
  readonly kafka: ServiceKafka;
}
