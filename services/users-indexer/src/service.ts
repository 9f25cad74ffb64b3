// users-indexer: keeps the search index of users equal to the users-with-connections topic. No HTTP operations: its
// admin port has health, metrics and lag; search-service answers the queries.
import { defineContract, defineService } from 'unilog/runtime/service';
import { usersWithConnections } from '../../../generated/topics.js';
import { appConfigSchema, type AppConfig } from './config.js';
import { runIndexer } from './run-indexer.js';

const contract = defineContract<Record<never, never>>({ name: 'users-indexer', title: 'users-indexer', version: '0.1.0', operations: {}, schemas: {} });

export const service = defineService<Record<never, never>, undefined, AppConfig>({
  name: 'users-indexer',
  contract,
  appConfigSchema,
  setup: (env) => runIndexer(env, usersWithConnections),
  handlers: {},
});
