// The `app:` section of config.yaml: this service's own settings. The framework validates it against
// `appConfigSchema` when the service starts (with defaults applied), next to its own sections.

export interface AppConfig {
  /** The shared secret of the Segment webhook destination: `X-Signature` is the HMAC-SHA1 of the body with it. */
  readonly sharedSecret: string;
  /** A `messageId` seen (and written) within this many seconds is acknowledged again but not written again. */
  readonly dedupeWindowSeconds: number;
  /** At most this many ids are remembered; past it the oldest are forgotten first (the window shrinks). */
  readonly dedupeMaxIds: number;
  /** The `Retry-After` of a 503 (Kafka unavailable), in seconds. */
  readonly retryAfterSeconds: number;
}

export const appConfigSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['sharedSecret'],
  properties: {
    sharedSecret: { type: 'string', minLength: 16 },
    dedupeWindowSeconds: { type: 'integer', minimum: 0, default: 21_600 },
    dedupeMaxIds: { type: 'integer', minimum: 1, default: 500_000 },
    retryAfterSeconds: { type: 'integer', minimum: 1, default: 30 },
  },
} as const;
