// The `app:` section of config.yaml: its type, and the JSON Schema it is validated (and defaulted) with at start.
export interface AppConfig {
  readonly database: string;
  readonly tailers: string;
  readonly slotPrefix: string;
}

export const appConfigSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['database'],
  properties: {
    database: { type: 'string', pattern: '^postgres(ql)?://' },
    tailers: { type: 'string', pattern: '^[a-z][a-z0-9-]*(,[a-z][a-z0-9-]*)*$', default: 'users,user-connections' },
    slotPrefix: { type: 'string', pattern: '^[a-z_][a-z0-9_]*$', default: 'unilog_' },
  },
} as const;
