// connections-joiner: a service that runs joins (no HTTP operations: its admin port has health, metrics and lag).
import { defineContract, defineService } from 'unilog/runtime/service';
import { appConfigSchema, type AppConfig } from './config.js';
import { joins } from './joins/index.js';
import { runJoins } from './run-joins.js';

const contract = defineContract<Record<never, never>>({ name: 'connections-joiner', title: 'connections-joiner', version: '0.1.0', operations: {}, schemas: {} });

export const service = defineService<Record<never, never>, undefined, AppConfig>({
  name: 'connections-joiner',
  contract,
  appConfigSchema,
  setup: (env) => runJoins(env, joins),
  handlers: {},
});
