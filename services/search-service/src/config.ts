// The `app:` section of config.yaml: this service's own settings. The framework validates it against
// `appConfigSchema` when the service starts (with defaults applied), next to its own sections.

export interface AppConfig {
  /** Example setting; replace with your own. */
  readonly greeting: string;
}

export const appConfigSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    greeting: { type: 'string', default: 'hello' },
  },
} as const;
