// What the handlers of search-service receive as `ctx`, built once at start. Kafka clients made here are managed:
// they start before the application port opens and stop after it closed.
import type { ServiceEnvironment } from 'unilog/runtime/service';
import { topics } from '../../../generated/topics.js';
import type { AppConfig } from './config.js';
import { onUsers } from './consumers/users.js';

export interface AppContext {
  readonly config: AppConfig;
  readonly log: ServiceEnvironment<AppConfig>['log'];
}

export function createContext(env: ServiceEnvironment<AppConfig>): AppContext {
  const ctx: AppContext = {
    config: env.config.app,
    log: env.log,
  };
  // `users` is compacted (a table): replay it from the beginning on every start, before the port opens.
  env.kafka.replay(topics['users'], (record) => onUsers(record, ctx));
  return ctx;
}
