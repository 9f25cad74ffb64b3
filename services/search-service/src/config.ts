// The `app:` section of config.yaml: this service's own settings. The framework validates it against
// `appConfigSchema` when the service starts (with defaults applied), next to its own sections.

export interface AppConfig {
  /** Users with these account statuses are left out of every answer. */
  readonly excludeStatuses: readonly string[];
  /**
   * Where answers come from. Empty: an in-memory index rebuilt from the `users` topic at every start. A URL: the
   * OpenSearch index `searchIndex` that users-indexer writes from `users-with-connections`.
   */
  readonly searchEngineUrl: string;
  readonly searchIndex: string;
}

export const appConfigSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    excludeStatuses: { type: 'array', items: { enum: ['ACTIVE', 'SUSPENDED', 'DELETED'] }, default: ['DELETED'] },
    searchEngineUrl: { anyOf: [{ const: '' }, { type: 'string', format: 'uri' }], default: '' },
    searchIndex: { type: 'string', minLength: 1, default: 'users' },
  },
} as const;
