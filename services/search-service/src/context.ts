// What the handlers of search-service receive as `ctx`, built once at start. Kafka clients made here are managed:
// they start before the application port opens and stop after it closed.
import { Gauge } from 'prom-client';
import { healthy, unhealthy, type ServiceEnvironment } from 'unilog/runtime/service';
import { topics } from '../../../generated/topics.js';
import type { AppConfig } from './config.js';
import { onUsers } from './consumers/users.js';
import { UserIndex } from './index/user-index.js';

export interface AppContext {
  readonly config: AppConfig;
  readonly log: ServiceEnvironment<AppConfig>['log'];
  readonly index: UserIndex;
}

export function createContext(env: ServiceEnvironment<AppConfig>): AppContext {
  const ctx: AppContext = {
    config: env.config.app,
    log: env.log,
    index: new UserIndex(),
  };
  // `users` is compacted (a table): replay it from the beginning on every start, before the port opens.
  const replay = env.kafka.replay(topics['users'], (record) => onUsers(record, ctx));
  let caughtUp = false;
  replay.caughtUp.then(() => (caughtUp = true), () => undefined);
  env.healthCheck('users-index', () =>
    caughtUp ? healthy(`${ctx.index.size} users indexed`) : unhealthy(`replaying users (${ctx.index.size} so far)`),
  );
  new Gauge({
    name: 'search_index_users',
    help: 'Users in the search index.',
    registers: [env.metrics],
    collect() {
      this.set(ctx.index.size);
    },
  });
  return ctx;
}
