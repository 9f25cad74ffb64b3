// users-tailer: a service that runs tailers (no HTTP operations: its admin port has health, metrics and lag).
import { defineContract, defineService } from 'unilog/runtime/service';
import { tailers } from '../../../generated/tailers/index.js';
import { appConfigSchema, type AppConfig } from './config.js';
import { runTailers } from './run-tailers.js';

const contract = defineContract<Record<never, never>>({ name: 'users-tailer', title: 'users-tailer', version: '0.1.0', operations: {}, schemas: {} });

export const service = defineService<Record<never, never>, undefined, AppConfig>({
  name: 'users-tailer',
  contract,
  appConfigSchema,
  setup: (env) => runTailers(env, tailers),
  handlers: {},
});
