// The `app:` section of config.yaml: its type, and the JSON Schema it is validated (and defaulted) with at start.
import { JOIN_GUARANTEES, type JoinGuarantee } from 'unilog/runtime';

export interface AppConfig {
  readonly sessionTimeoutMs: number;
  readonly guarantee: JoinGuarantee;
}

export const appConfigSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    sessionTimeoutMs: { type: 'integer', minimum: 6000, default: 30000 },
    guarantee: { enum: JOIN_GUARANTEES, default: 'at-least-once' },
  },
} as const;
