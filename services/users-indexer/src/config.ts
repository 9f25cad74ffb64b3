// The `app:` section of config.yaml: its type, and the JSON Schema it is validated (and defaulted) with at start.
export interface AppConfig {
  readonly opensearch: { readonly url: string };
  readonly index: string;
  readonly replicas: number;
  /** Full-text string fields by path (`user.bio`), with their analyzer. */
  readonly text: Readonly<Record<string, string>>;
  /** Fields left out of the index, by path. */
  readonly exclude: readonly string[];
  readonly sessionTimeoutMs: number;
}

export const appConfigSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['opensearch', 'index'],
  properties: {
    opensearch: {
      type: 'object',
      additionalProperties: false,
      required: ['url'],
      properties: { url: { type: 'string', format: 'uri' } },
    },
    index: { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]*$' },
    replicas: { type: 'integer', minimum: 0, default: 1 },
    text: { type: 'object', additionalProperties: { type: 'string', minLength: 1 }, default: {} },
    exclude: { type: 'array', items: { type: 'string' }, default: [] },
    sessionTimeoutMs: { type: 'integer', minimum: 6000, default: 30000 },
  },
} as const;
