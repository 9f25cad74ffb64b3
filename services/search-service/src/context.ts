// What the handlers of search-service receive as `ctx`, built once at start. Kafka clients made here are managed:
// they start before the application port opens and stop after it closed.
import { Client } from '@opensearch-project/opensearch';
import { Gauge } from 'prom-client';
import { indexHealth } from 'unilog/runtime/indexer';
import { healthy, unhealthy, type ServiceEnvironment } from 'unilog/runtime/service';
import { topics } from '../../../generated/topics.js';
import type { AppConfig } from './config.js';
import { onUsers } from './consumers/users.js';
import { OpenSearchUsers } from './index/opensearch-users.js';
import { UserIndex } from './index/user-index.js';
import type { UserSearch } from './index/user-search.js';

export interface AppContext {
  readonly config: AppConfig;
  readonly log: ServiceEnvironment<AppConfig>['log'];
  readonly users: UserSearch;
}

/** In memory, the consumer of `users` also writes the index that answers. */
export interface InMemoryContext extends AppContext {
  readonly index: UserIndex;
}

export function createContext(env: ServiceEnvironment<AppConfig>): AppContext {
  const app = env.config.app;
  return app.searchEngineUrl ? searchEngineContext(env, app) : inMemoryContext(env, app);
}

/** Answers from the index users-indexer writes; this service reads no topic. */
function searchEngineContext(env: ServiceEnvironment<AppConfig>, app: AppConfig): AppContext {
  const client = new Client({ node: app.searchEngineUrl });
  env.manage('opensearch', { stop: () => client.close() });
  env.healthCheck('search-index', async () => {
    const h = await indexHealth(client, app.searchIndex);
    return h.ok ? healthy(`${h.message} at ${app.searchEngineUrl}`) : unhealthy(`${h.message} (users-indexer creates it)`);
  });
  return { config: app, log: env.log, users: new OpenSearchUsers(client, app.searchIndex, app.excludeStatuses) };
}

function inMemoryContext(env: ServiceEnvironment<AppConfig>, app: AppConfig): AppContext {
  const index = new UserIndex();
  const ctx: InMemoryContext = { config: app, log: env.log, users: index, index };
  // `users` is compacted (a table): replay it from the beginning on every start, before the port opens.
  const replay = env.kafka.replay(topics['users'], (record) => onUsers(record, ctx));
  let caughtUp = false;
  replay.caughtUp.then(() => (caughtUp = true), () => undefined);
  env.healthCheck('users-index', () =>
    caughtUp ? healthy(`${index.size} users indexed`) : unhealthy(`replaying users (${index.size} so far)`),
  );
  new Gauge({
    name: 'search_index_users',
    help: 'Users in the search index.',
    registers: [env.metrics],
    collect() {
      this.set(index.size);
    },
  });
  return ctx;
}
