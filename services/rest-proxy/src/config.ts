// The `app:` section of config.yaml: this service's own settings. The framework validates it against
// `appConfigSchema` when the service starts (with defaults applied), next to its own sections.

export interface AppConfig {
  /**
   * API key → the service it identifies (a catalog `owner`). A key may write only the topics its service owns.
   * Empty: no authentication, every catalog topic writable (development only; the proxy says so at start).
   */
  readonly apiKeys: Readonly<Record<string, string>>;
  /** Records in one v2 request; more is answered 413. */
  readonly maxRecords: number;
  /** The `Retry-After` of a 503 (registry or Kafka unavailable), in seconds. */
  readonly retryAfterSeconds: number;
}

export const appConfigSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    apiKeys: { type: 'object', additionalProperties: { type: 'string', minLength: 1 }, default: {} },
    maxRecords: { type: 'integer', minimum: 1, default: 1000 },
    retryAfterSeconds: { type: 'integer', minimum: 1, default: 5 },
  },
} as const;
