/**
 * A service: a contract, its handlers, and a `setup` that builds what the handlers need. `createService` validates
 * the configuration, runs setup and builds both ports without listening (so tests can `inject()`); `start()` opens
 * the admin port, starts managed objects in order and opens the application port; `stop()` does the reverse, letting
 * in-flight requests finish.
 */
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { stringify } from 'yaml';
import { UnilogError } from '../errors.js';
import { Registry } from 'prom-client';
import { createAdminServer } from './admin/admin-server.js';
import { HealthChecks } from './admin/health.js';
import { startLoopMonitor } from './admin/threads.js';
import type { ServiceConfig } from './config/config-schema.js';
import { loadServiceConfig, parseServiceConfig } from './config/load-service-config.js';
import type { Contract } from './contract/spec.js';
import type { Handler, Handlers } from './contract/handler-types.js';
import type { ServiceEnvironment } from './environment.js';
import { createAppServer } from './http/app-server.js';
import type { ServiceKafka } from './kafka/service-kafka.js';
import { Lifecycle } from './lifecycle/lifecycle.js';
import { flushLogger, serviceLogger } from './logger.js';
import { httpMetrics } from './metrics/http-metrics.js';
import { registerNodeMetrics } from './metrics/node-metrics.js';

export interface ServiceDefinition<Ops, Ctx, App> {
  /** Default: the contract's name. */
  readonly name?: string;
  readonly contract: Contract<Ops>;
  /** JSON Schema of the `app:` section of config.yaml (defaults are applied from it). */
  readonly appConfigSchema?: object;
  /** Builds what the handlers need (the `ctx` they receive); registers managed objects, checks, Kafka clients. */
  setup?(env: ServiceEnvironment<App>): Ctx | Promise<Ctx>;
  readonly handlers: Handlers<Ops, Ctx>;
  /**
   * Routes outside the contract, registered as a fastify plugin on the application port after the framework's
   * request-id, metrics and access-log plugins (so those apply) and with its error shape: for what an OpenAPI contract
   * here cannot describe, such as vendor media types or a signature over the raw body. The plugin's context is its
   * own: content-type parsers it adds apply to its routes only.
   */
  routes?(app: FastifyInstance, ctx: Ctx): Promise<void>;
}

/** Identity, for type inference: `defineService({ contract, setup, handlers })`. */
export function defineService<Ops, Ctx = undefined, App = Record<string, unknown>>(def: ServiceDefinition<Ops, Ctx, App>): ServiceDefinition<Ops, Ctx, App> {
  return def;
}

export interface ServiceOptions {
  /** Path of config.yaml, or the configuration as an object (validated and defaulted the same way). */
  readonly config: string | Readonly<Record<string, unknown>>;
  /** For `${VAR}` substitution; default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Default: pino to stdout at `logging.level`. */
  readonly logger?: FastifyBaseLogger;
  /** One log line per request; default: `logging.accessLog` of the config (true). */
  readonly accessLog?: boolean;
}

export interface ServiceAddresses {
  /** `http://host:port` of the application port. */
  readonly app: string;
  readonly admin: string;
}

export interface Service<App = Record<string, unknown>> {
  readonly name: string;
  readonly config: ServiceConfig<App>;
  readonly log: FastifyBaseLogger;
  /** The application port's fastify instance (routes registered; `inject()` works before `start()`). */
  readonly app: FastifyInstance;
  readonly admin: FastifyInstance;
  readonly health: HealthChecks;
  /** The service's prom-client registry (`env.metrics` in setup). */
  readonly metrics: Registry;
  start(): Promise<ServiceAddresses>;
  /** Idempotent. Closes the application port (in-flight requests finish), stops managed objects in reverse, closes admin. */
  stop(): Promise<void>;
  /** Resolves once every log line so far is written (call before `process.exit`). */
  flush(): Promise<void>;
}

export async function createService<Ops, Ctx, App>(def: ServiceDefinition<Ops, Ctx, App>, options: ServiceOptions): Promise<Service<App>> {
  const loadOptions = { ...(def.appConfigSchema ? { appSchema: def.appConfigSchema } : {}), ...(options.env ? { env: options.env } : {}) };
  const config =
    typeof options.config === 'string'
      ? loadServiceConfig<App>(options.config, loadOptions)
      : parseServiceConfig<App>(stringify(options.config), '(config object)', loadOptions);
  const name = def.name ?? def.contract.name;
  const log: FastifyBaseLogger = options.logger ?? serviceLogger(name, config.logging.level);
  const metrics = new Registry();
  registerNodeMetrics(metrics);
  const loop = startLoopMonitor();
  const health = new HealthChecks();
  const lifecycle = new Lifecycle(log);
  // kafkajs and the registry client load only for a service whose config has a `kafka:` section.
  const kafkaModule = config.kafka ? await import('./kafka/service-kafka.js') : undefined;
  let kafka: ServiceKafka | undefined;
  const env: ServiceEnvironment<App> = {
    name,
    config,
    log,
    metrics,
    healthCheck: (checkName, check) => health.register(checkName, check),
    manage: (managedName, object) => lifecycle.manage(managedName, object),
    get kafka() {
      if (!kafkaModule) throw new UnilogError('KAFKA_NOT_CONFIGURED', "this service uses Kafka, so config.yaml needs a 'kafka:' section with 'brokers'");
      kafka ??= kafkaModule.createServiceKafka({ name, config: config as ServiceConfig<unknown>, lifecycle, health, metrics, log });
      return kafka;
    },
  };
  const ctx = def.setup ? await def.setup(env) : (undefined as Ctx);
  const app = createAppServer({
    contract: def.contract,
    handlers: def.handlers as unknown as Readonly<Record<string, Handler<unknown, unknown>>>,
    ctx,
    log,
    bodyLimit: config.server.bodyLimit,
    timeouts: config.server,
    metrics: httpMetrics(metrics),
    accessLog: options.accessLog ?? config.logging.accessLog,
    validateResponses: config.server.validateResponses ?? (options.env ?? process.env)['NODE_ENV'] !== 'production',
    ...(def.routes ? { routes: (instance: FastifyInstance) => def.routes!(instance, ctx) } : {}),
  });
  const admin = createAdminServer({ name, health, metrics, loop, log });
  let stopping: Promise<void> | undefined;
  return {
    name,
    config,
    log,
    app,
    admin,
    health,
    metrics,
    async start() {
      const adminUrl = await admin.listen({ host: config.admin.host, port: config.admin.port });
      try {
        await lifecycle.startAll();
        const appUrl = await app.listen({ host: config.server.host, port: config.server.port });
        log.info({ app: appUrl, admin: adminUrl, managed: lifecycle.names() }, `${name} started`);
        return { app: appUrl, admin: adminUrl };
      } catch (e) {
        await lifecycle.stopAll();
        await admin.close();
        loop.disable();
        throw e;
      }
    },
    flush() {
      return flushLogger(log);
    },
    stop() {
      stopping ??= (async () => {
        const t = performance.now();
        // A keep-alive connection whose request was in flight turns idle when its response is sent; close such
        // connections as they turn idle, or the port would wait for the client to hang up.
        const sweep = setInterval(() => app.server.closeIdleConnections(), 25);
        await app.close().finally(() => clearInterval(sweep));
        log.info({ ms: Math.round(performance.now() - t) }, 'application port closed; in-flight requests finished');
        const failures = await lifecycle.stopAll();
        await admin.close();
        loop.disable();
        if (failures.length) throw new AggregateError(failures, `${failures.length} managed object(s) failed to stop`);
      })();
      return stopping;
    },
  };
}
