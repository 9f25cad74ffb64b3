/**
 * The framework's part of a service's `config.yaml`, as a JSON Schema with defaults, and its type. A service adds the
 * schema of its own `app:` section; everything is validated together at start.
 */
import { DEFAULT_SERVER_TIMEOUTS } from '../http/server-timeouts.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface ServiceConfig<App = Record<string, unknown>> {
  /** The application port: the contract's routes. */
  /**
   * `validateResponses`: check handlers' success bodies against the contract (500 `RESPONSE_INVALID` when one breaks
   * it); absent means on, except when NODE_ENV=production.
   */
  readonly server: {
    readonly host: string;
    readonly port: number;
    readonly bodyLimit: number;
    readonly validateResponses?: boolean;
    /** Slow clients: the headers, the whole request, a silent socket, an idle keep-alive connection (docs/services.md). */
    readonly headersTimeoutMs: number;
    readonly requestTimeoutMs: number;
    readonly connectionTimeoutMs: number;
    readonly keepAliveTimeoutMs: number;
  };
  /** The admin port: /healthcheck, /ping, /metrics, /threads. */
  readonly admin: { readonly host: string; readonly port: number };
  /** How long a stop may take (in-flight requests, then managed objects in reverse) before the process exits anyway. */
  readonly shutdown: { readonly graceMs: number };
  /** `accessLog`: one `info` line per request (method, url, status, ms, request id). */
  readonly logging: { readonly level: LogLevel; readonly accessLog: boolean };
  /** Absent: the service uses no Kafka. */
  readonly kafka?: {
    readonly brokers: readonly string[];
    readonly clientId?: string;
    /** Put before every topic name the service uses (e.g. `staging.`); subjects follow the topic name. Default ''. */
    readonly topicPrefix: string;
    /** TLS to the brokers. File paths (PEM) are relative to the working directory. */
    readonly ssl?: KafkaTlsConfig;
    /** SASL authentication (over TLS, unless the cluster is on a trusted network). */
    readonly sasl?: KafkaSaslConfig;
  };
  /**
   * `username`/`password`: HTTP basic auth, as Confluent's `basic.auth.user.info`; `ca`: a PEM file of the CA that
   * signed an `https://` registry's certificate, when not one Node trusts already.
   */
  readonly registry?: { readonly url: string; readonly username?: string; readonly password?: string; readonly ca?: string };
  readonly app: App;
}

export interface KafkaTlsConfig {
  /** Default true (the section's presence turns TLS on; `enabled: \${KAFKA_TLS:-false}` leaves the choice to the environment). */
  readonly enabled: boolean;
  /** The CA that signed the brokers' certificates, when not one Node trusts already. */
  readonly ca?: string;
  /** Client certificate and key, for brokers that authenticate clients by TLS (mTLS). */
  readonly cert?: string;
  readonly key?: string;
  /** Default true. False accepts any certificate: for a laboratory, never for production. */
  readonly rejectUnauthorized: boolean;
}

export const SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;

export interface KafkaSaslConfig {
  readonly mechanism: (typeof SASL_MECHANISMS)[number];
  readonly username: string;
  /** Take it from the environment (`\${KAFKA_PASSWORD}`); it never appears in a log line or an error. */
  readonly password: string;
}

/** The config keys whose values are secrets: never echoed in a config error. */
export const SECRET_KEYS: ReadonlySet<string> = new Set(['password']);

const port = { type: 'integer', minimum: 0, maximum: 65535 };
const file = { type: 'string', minLength: 1 };

export function serviceConfigSchema(appSchema: object | undefined): object {
  return {
    type: 'object',
    additionalProperties: false,
    properties: {
      server: {
        type: 'object',
        additionalProperties: false,
        default: {},
        properties: {
          host: { type: 'string', minLength: 1, default: '0.0.0.0' },
          port: { ...port, default: 8080 },
          bodyLimit: { type: 'integer', minimum: 1, default: 1_048_576 },
          validateResponses: { type: 'boolean' },
          // Slow clients (runtime/service/http/server-timeouts.ts).
          headersTimeoutMs: { type: 'integer', minimum: 1, default: DEFAULT_SERVER_TIMEOUTS.headersTimeoutMs },
          requestTimeoutMs: { type: 'integer', minimum: 1, default: DEFAULT_SERVER_TIMEOUTS.requestTimeoutMs },
          connectionTimeoutMs: { type: 'integer', minimum: 1, default: DEFAULT_SERVER_TIMEOUTS.connectionTimeoutMs },
          keepAliveTimeoutMs: { type: 'integer', minimum: 1, default: DEFAULT_SERVER_TIMEOUTS.keepAliveTimeoutMs },
        },
      },
      admin: {
        type: 'object',
        additionalProperties: false,
        default: {},
        properties: {
          host: { type: 'string', minLength: 1, default: '127.0.0.1' },
          port: { ...port, default: 8081 },
        },
      },
      shutdown: {
        type: 'object',
        additionalProperties: false,
        default: {},
        properties: { graceMs: { type: 'integer', minimum: 0, default: 10_000 } },
      },
      logging: {
        type: 'object',
        additionalProperties: false,
        default: {},
        properties: { level: { enum: [...LOG_LEVELS], default: 'info' }, accessLog: { type: 'boolean', default: true } },
      },
      kafka: {
        type: 'object',
        additionalProperties: false,
        required: ['brokers'],
        properties: {
          // A comma-separated string (the usual form of an environment variable) or a list.
          brokers: { type: 'array', minItems: 1, items: { type: 'string', pattern: '^[^\\s,]+:[0-9]+(,[^\\s,]+:[0-9]+)*$' } },
          clientId: { type: 'string', minLength: 1 },
          topicPrefix: { type: 'string', pattern: '^[A-Za-z0-9._-]*$', default: '' },
          ssl: {
            type: 'object',
            additionalProperties: false,
            properties: { enabled: { type: 'boolean', default: true }, ca: file, cert: file, key: file, rejectUnauthorized: { type: 'boolean', default: true } },
            dependentRequired: { cert: ['key'], key: ['cert'] },
          },
          sasl: {
            type: 'object',
            additionalProperties: false,
            required: ['mechanism', 'username', 'password'],
            properties: { mechanism: { enum: [...SASL_MECHANISMS] }, username: { type: 'string', minLength: 1 }, password: { type: 'string', minLength: 1 } },
          },
        },
      },
      registry: {
        type: 'object',
        additionalProperties: false,
        required: ['url'],
        properties: { url: { type: 'string', format: 'uri', pattern: '^https?://' }, username: { type: 'string', minLength: 1 }, password: { type: 'string' }, ca: file },
        dependentRequired: { username: ['password'], password: ['username'] },
      },
      app: appSchema ? { default: {}, ...appSchema } : { type: 'object', default: {} },
    },
  };
}
