/**
 * The service framework (`unilog/runtime/service`): Dropwizard-style microservices on fastify. A contract and its
 * handlers on the application port; health, metrics, ping and a process dump on the admin port; YAML config with
 * environment substitution; managed objects and Kafka clients started in order and stopped in reverse.
 */
export * from './contract/index.js';
export { createService, defineService, type Service, type ServiceAddresses, type ServiceDefinition, type ServiceOptions } from './service.js';
export { runService, configPathFrom, type RunOptions } from './run-service.js';
export type { ServiceEnvironment } from './environment.js';
export { serviceLogger, flushLogger } from './logger.js';
export { loadServiceConfig, parseServiceConfig, type LoadConfigOptions } from './config/load-service-config.js';
export { serviceConfigSchema, LOG_LEVELS, type LogLevel, type ServiceConfig } from './config/config-schema.js';
export { ServiceConfigError, formatConfigProblem, type ConfigProblem } from './config/config-error.js';
export { substitute } from './config/env-substitution.js';
export { HttpError, notFound, notImplemented, SERVICE_ERROR_CODES, type ErrorBody, type ServiceErrorCode } from './http/error-codes.js';
export { HealthChecks, healthy, unhealthy, type HealthCheck, type HealthReport, type HealthResult } from './admin/health.js';
export { Lifecycle, ManagedStartError, type Managed } from './lifecycle/lifecycle.js';
export { MetricsRegistry, Counter, Gauge, Histogram, LATENCY_BUCKETS, PROMETHEUS_CONTENT_TYPE } from './metrics/metrics-registry.js';
export type { ServiceKafka, ServiceReplay, ServiceReplayOptions } from './kafka/service-kafka.js';
export type { ConsumedRecord, RecordHandler, TypedConsumer, TypedProducer } from '../kafka/index.js';
