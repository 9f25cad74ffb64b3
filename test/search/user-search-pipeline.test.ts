/**
 * The User Search example end to end, every stage on a real component and every service as its own process:
 * PostgreSQL (a private cluster, wal_level=logical) → users-tailer → users, user-connections → connections-joiner →
 * users-with-connections → users-indexer → OpenSearch → search-service, queried through its generated client.
 * Rows change in SQL; the search answers follow. The joiner and the indexer are killed with SIGKILL while rows keep
 * changing, restarted, and the answers converge to the database again. Topics, slot and index are this run's own.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createSearchServiceClient, type SearchServiceClient } from '../../generated/services/search-service.js';
import { topics } from '../../generated/topics.js';
import { defineTopic, ensureTopics, type Topic } from '../../runtime/index.js';
import { kafkaBrokers, schemaRegistryUrl } from '../integration/infra.js';
import { EXAMPLE_TABLES, startPostgres, type PrivatePostgres } from '../integration/postgres.js';
import { kafka, unique } from '../integration/runtime-support.js';
import { opensearchUrl } from './infra.js';
import { eventually } from '../support/eventually.js';
import { buildService, killAll, startService, type ServiceProcess } from '../support/service-process.js';

const prefix = `${unique('e2e')}.`;
const index = unique('e2e-users').toLowerCase();
const slotPrefix = `${unique('e2e').replace(/-/g, '_')}_`;
const tag = `zq${Math.random().toString(36).slice(2, 8)}`;
let pg: PrivatePostgres;
let database: string;
let api: SearchServiceClient;
const running = new Map<string, ServiceProcess>();

const env = (): Record<string, string> => ({
  TOPIC_PREFIX: prefix, KAFKA_BROKERS: kafkaBrokers().join(','), SCHEMA_REGISTRY_URL: schemaRegistryUrl(),
  DATABASE_URL: `postgres://postgres@127.0.0.1:${pg.port}/${database}`, SLOT_PREFIX: slotPrefix,
  JOIN_SESSION_TIMEOUT_MS: '6000', INDEXER_SESSION_TIMEOUT_MS: '6000',
  OPENSEARCH_URL: opensearchUrl(), INDEX_NAME: index, SEARCH_ENGINE_URL: opensearchUrl(), SEARCH_INDEX: index,
});
const start = async (name: string): Promise<void> => void running.set(name, await startService(name, env()));
const sql = (text: string, params?: unknown[]) => pg.query(database, text, params);

const found = async (q: string): Promise<string[]> => (await api.searchUsers({ query: { q, limit: 100 } })).results.map((u) => u.id).sort();
const insertUser = (id: string, n: number, bio: string) =>
  sql('INSERT INTO users (id, username, display_name, bio) VALUES ($1, $2, $3, $4)', [id, `${tag}-user-${n}`, `Person ${n}`, bio]);

/** What the database says, checked against search-service: every user found by the tag, each lookup equal. */
async function agreesWithDatabase(): Promise<void> {
  const rows = await sql(
    `SELECT u.id, u.username, u.display_name, u.bio, u.verified,
            (SELECT count(*)::int FROM user_connections c WHERE c.followee_id = u.id AND c.kind = 'FOLLOW') AS followers
       FROM users u WHERE u.username LIKE $1 ORDER BY u.id`,
    [`${tag}-%`],
  );
  expect(await found(tag)).toEqual(rows.map((r) => r['id']).sort());
  for (const r of rows) {
    expect(await api.getUser({ params: { id: String(r['id']) } })).toEqual({
      id: r['id'], username: r['username'], displayName: r['display_name'], bio: r['bio'], verified: r['verified'], followerCount: r['followers'],
    });
  }
}

beforeAll(async () => {
  pg = startPostgres(4);
  database = await pg.createDatabase(EXAMPLE_TABLES);
  const on = <K, KI, V, VI>(t: Topic<K, KI, V, VI>): Topic<K, KI, V, VI> => defineTopic({ ...t, name: `${prefix}${t.name}` });
  await ensureTopics(kafka(), [on(topics['users']), on(topics['user-connections']), on(topics['users-with-connections.by-user']), on(topics['users-with-connections'])]);
  for (const name of ['users-tailer', 'connections-joiner', 'users-indexer', 'search-service']) buildService(name);
  // Downstream first, so that nothing waits on a stage that is not there yet.
  await start('search-service');
  await start('users-indexer');
  await start('connections-joiner');
  await start('users-tailer');
  api = createSearchServiceClient({ baseUrl: running.get('search-service')!.app });
}, 300_000);

afterAll(async () => {
  killAll();
  // The slot would keep WAL of the private cluster; the cluster itself goes.
  await sql(`SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name LIKE $1`, [`${slotPrefix}%`]).catch(() => undefined);
  pg?.stop();
});

describe('PostgreSQL → tailer → joiner → indexer → OpenSearch → search-service', () => {
  const a = crypto.randomUUID();
  const b = crypto.randomUUID();

  test('a user inserted in SQL is found by search-service: full text in English and by id', { timeout: 120_000 }, async () => {
    const committed = Date.now();
    await insertUser(a, 0, 'Writes compilers for programmers');
    await eventually(async () => expect(await found('programmer')).toContain(a), 60_000);
    // A figure for the note, not an assertion: bench/ owns speed.
    console.log(`e2e: commit to searchable in ${Date.now() - committed} ms`);
    await agreesWithDatabase();
  });

  test('the bio updated in SQL: the new word finds the user, the old one no longer does', { timeout: 120_000 }, async () => {
    await sql('UPDATE users SET bio = $2, updated_at = now() WHERE id = $1', [a, 'Keeps bees in the garden']);
    await eventually(async () => {
      expect(await found('bee')).toContain(a);
      expect(await found('compilers')).not.toContain(a);
    }, 60_000);
  });

  test('a connection added in SQL shows in the indexed document (the joined follower count)', { timeout: 120_000 }, async () => {
    await insertUser(b, 1, 'Follows people');
    await sql("INSERT INTO user_connections (follower_id, followee_id, kind) VALUES ($1, $2, 'FOLLOW')", [b, a]);
    await eventually(async () => expect((await api.getUser({ params: { id: a } })).followerCount).toBe(1), 60_000);
    await agreesWithDatabase();
  });

  test('SIGKILL of the joiner and the indexer while rows change; restarted, the answers equal the database', { timeout: 240_000 }, async () => {
    const more = Array.from({ length: 12 }, () => crypto.randomUUID());
    for (const [i, id] of more.entries()) {
      await insertUser(id, 10 + i, `Round ${i} of the crash test`);
      if (i % 3 === 0) await sql("INSERT INTO user_connections (follower_id, followee_id, kind) VALUES ($1, $2, 'FOLLOW')", [id, a]);
      if (i === 4) for (const name of ['connections-joiner', 'users-indexer']) running.get(name)!.child.kill('SIGKILL');
    }
    await sql('UPDATE users SET bio = $2, updated_at = now() WHERE id = $1', [b, 'Changed while two stages were down']);
    await start('connections-joiner');
    await start('users-indexer');
    await eventually(agreesWithDatabase, 120_000);
  });

  test('a user deleted in SQL is gone from search', { timeout: 120_000 }, async () => {
    await sql('DELETE FROM user_connections WHERE followee_id = $1 OR follower_id = $1', [a]);
    await sql('DELETE FROM users WHERE id = $1', [a]);
    await eventually(async () => {
      await expect(api.getUser({ params: { id: a } })).rejects.toMatchObject({ status: 404 });
      expect(await found(tag)).not.toContain(a);
    }, 60_000);
    await agreesWithDatabase();
  });
});
