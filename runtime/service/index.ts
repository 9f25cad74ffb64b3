/**
 * The service framework (`unilog/runtime/service`): Dropwizard-style microservices on fastify. A contract and its
 * handlers on the application port; health, metrics, ping and a process dump on the admin port; YAML config with
 * environment substitution; managed objects and Kafka clients started in order and stopped in reverse.
 * Only the names below are public (pinned by api/unilog.api.md).
 */
export * from './contract/index.js';
export { createService, defineService, type Service, type ServiceAddresses, type ServiceDefinition, type ServiceOptions } from './service.js';
export { runService, type RunOptions } from './run-service.js';
export type { ServiceEnvironment } from './environment.js';
export type { LogLevel, ServiceConfig } from './config/config-schema.js';
export { ServiceConfigError, type ConfigProblem } from './config/config-error.js';
export { HttpError, notFound, notImplemented, SERVICE_ERROR_CODES, type ErrorBody, type ErrorDetail, type ServiceErrorCode } from './http/error-codes.js';
export { healthy, unhealthy, type HealthCheck, type HealthChecks, type HealthReport, type HealthResult } from './admin/health.js';
export { ManagedStartError, type Managed } from './lifecycle/lifecycle.js';
export type { MetricsRegistry, Counter, Gauge, Histogram } from './metrics/metrics-registry.js';
export type { ServiceKafka, ServiceReplay, ServiceReplayOptions } from './kafka/service-kafka.js';
export type { ConsumedRecord, RecordHandler, TypedConsumer, TypedProducer } from '../kafka/index.js';
