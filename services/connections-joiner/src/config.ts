// The `app:` section of config.yaml: its type, and the JSON Schema it is validated (and defaulted) with at start.
export interface AppConfig {
  readonly sessionTimeoutMs: number;
}

export const appConfigSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    sessionTimeoutMs: { type: 'integer', minimum: 6000, default: 30000 },
  },
} as const;
