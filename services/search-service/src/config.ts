// The `app:` section of config.yaml: this service's own settings. The framework validates it against
// `appConfigSchema` when the service starts (with defaults applied), next to its own sections.

export interface AppConfig {
  /** Users with these account statuses are left out of the index (and so of every answer). */
  readonly excludeStatuses: readonly string[];
}

export const appConfigSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    excludeStatuses: { type: 'array', items: { enum: ['ACTIVE', 'SUSPENDED', 'DELETED'] }, default: ['DELETED'] },
  },
} as const;
