/**
 * The framework's part of a service's `config.yaml`, as a JSON Schema with defaults, and its type. A service adds the
 * schema of its own `app:` section; everything is validated together at start.
 */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface ServiceConfig<App = Record<string, unknown>> {
  /** The application port: the contract's routes. */
  /**
   * `validateResponses`: check handlers' success bodies against the contract (500 `RESPONSE_INVALID` when one breaks
   * it); absent means on, except when NODE_ENV=production.
   */
  readonly server: { readonly host: string; readonly port: number; readonly bodyLimit: number; readonly validateResponses?: boolean };
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
  };
  readonly registry?: { readonly url: string };
  readonly app: App;
}

const port = { type: 'integer', minimum: 0, maximum: 65535 };

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
        },
      },
      registry: {
        type: 'object',
        additionalProperties: false,
        required: ['url'],
        properties: { url: { type: 'string', format: 'uri', pattern: '^https?://' } },
      },
      app: appSchema ? { default: {}, ...appSchema } : { type: 'object', default: {} },
    },
  };
}
