/**
 * The search side of the User Search example on real components: records of users-with-connections, produced to the
 * real broker, are indexed into a real OpenSearch by users-indexer and found through search-service's generated
 * client, both services running as their own processes (topics under a random prefix, a random index). Updates,
 * tombstones, a document the engine refuses, a kill -9 of the indexer mid-stream, and a rebuild of a deleted index.
 */
import { Client } from '@opensearch-project/opensearch';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createSearchServiceClient, type SearchServiceClient, type UserSummary } from '../../generated/services/search-service.js';
import { usersWithConnections } from '../../generated/topics.js';
import type { UserWithConnectionsInput } from '../../generated/index.js';
import { createProducer, defineTopic, ensureTopics, type TypedProducer } from '../../runtime/index.js';
import { kafkaBrokers, schemaRegistryUrl } from '../integration/infra.js';
import { kafka, readRaw, registry, unique } from '../integration/runtime-support.js';
import { opensearchUrl } from './infra.js';
import { eventually } from '../support/eventually.js';
import { buildService, killAll, startService, type ServiceProcess } from '../support/service-process.js';

const client = kafka();
const search = new Client({ node: opensearchUrl() });
const prefix = `${unique('search')}.`;
const topic = defineTopic({ ...usersWithConnections, name: `${prefix}users-with-connections`, partitions: 3 });
const index = unique('users').toLowerCase();
const tag = `zq${Math.random().toString(36).slice(2, 8)}`;
const ids = Array.from({ length: 30 }, () => crypto.randomUUID());
/** What the topic says now, per user id: the reference every answer is checked against. */
const latest = new Map<string, UserWithConnectionsInput | null>();
let producer: TypedProducer<{ userId: string }, UserWithConnectionsInput>;
let api: SearchServiceClient;
let indexer: ServiceProcess;
let searchService: ServiceProcess;
/** The last round of updates the kill -9 test wrote. */
let lastRound = -1;

const infraEnv = (): Record<string, string> => ({
  TOPIC_PREFIX: prefix, KAFKA_BROKERS: kafkaBrokers().join(','), SCHEMA_REGISTRY_URL: schemaRegistryUrl(), OPENSEARCH_URL: opensearchUrl(),
});
const startIndexer = (indexName = index): Promise<ServiceProcess> =>
  startService('users-indexer', { ...infraEnv(), INDEX_NAME: indexName, INDEXER_SESSION_TIMEOUT_MS: '6000' });

function userRecord(n: number, bio: string, patch: Partial<UserWithConnectionsInput['user']> = {}): UserWithConnectionsInput {
  const at = new Date(Date.UTC(2025, 0, 1) + n);
  return {
    user: {
      id: ids[n]!, username: `${tag}-user-${n}`, displayName: `Person ${n}`, bio, status: 'ACTIVE', verified: n % 2 === 0,
      followerCount: 0, createdAt: at, updatedAt: at, ...patch,
    },
    following: [{ id: ids[(n + 1) % ids.length]!, kind: 'USER' }],
    followers: [],
    followerCount: n,
    updatedAt: at,
  };
}

async function send(records: readonly { n: number; value: UserWithConnectionsInput | null }[]): Promise<void> {
  await producer.sendBatch(records.map(({ n, value }) => ({ key: { userId: ids[n]! }, value })));
  for (const { n, value } of records) latest.set(ids[n]!, value);
}

/** A service's /healthcheck, check by check. */
async function health(admin: string): Promise<Record<string, { healthy: boolean; message?: string }>> {
  return ((await (await fetch(`${admin}/healthcheck`)).json()) as { checks: Record<string, { healthy: boolean; message?: string }> }).checks;
}

const idsOf = (users: readonly UserSummary[]): string[] => users.map((u) => u.id).sort();
const found = async (q: string): Promise<string[]> => idsOf((await api.searchUsers({ query: { q, limit: 100 } })).results);

/** What search-service should answer for the users of this file, from `latest`. */
function expectedAll(): string[] {
  return [...latest].filter(([, v]) => v !== null && v.user.status !== 'DELETED').map(([id]) => id).sort();
}

/** Every user's lookup and the search by tag agree with the topic's latest values. */
async function agreesWithTopic(): Promise<void> {
  expect(await found(tag)).toEqual(expectedAll());
  for (const [id, v] of latest) {
    if (v === null || v.user.status === 'DELETED') {
      await expect(api.getUser({ params: { id } })).rejects.toMatchObject({ status: 404 });
    } else {
      expect(await api.getUser({ params: { id } })).toEqual({
        id, username: v.user.username, displayName: v.user.displayName, bio: v.user.bio, verified: v.user.verified, followerCount: v.followerCount,
      });
    }
  }
}

beforeAll(async () => {
  buildService('users-indexer');
  buildService('search-service');
  await ensureTopics(client, [topic]);
  producer = createProducer(client, topic, { registry: registry() });
  indexer = await startIndexer();
  searchService = await startService('search-service', { ...infraEnv(), SEARCH_ENGINE_URL: opensearchUrl(), SEARCH_INDEX: index });
  api = createSearchServiceClient({ baseUrl: searchService.app });
});

afterAll(async () => {
  killAll();
  await producer?.disconnect();
  await search.indices.delete({ index: `${index}*` }).catch(() => undefined);
  await search.close();
});

describe('users-with-connections → users-indexer → OpenSearch → search-service', () => {
  test('produced records are found by full text in English ("programmer" finds "programmers") and by id', async () => {
    await send(ids.slice(0, 6).map((_, n) => ({ n, value: userRecord(n, n === 0 ? 'Writes compilers for programmers' : 'Reads novels') })));
    await send([{ n: 2, value: userRecord(2, 'Programmers everywhere', { status: 'DELETED' }) }]);
    await eventually(async () => {
      expect(await found('programmer')).toEqual([ids[0]]);
      await agreesWithTopic();
    });
    const res = await api.searchUsers({ query: { q: `${tag}-user-3` } });
    expect(res.results[0]?.id).toBe(ids[3]);
  });

  test('an update: the new word finds the user, the old one no longer does', async () => {
    await send([{ n: 1, value: userRecord(1, 'Keeps bees in the garden') }]);
    await eventually(async () => {
      expect(await found('bee')).toEqual([ids[1]]);
      expect(await found('novels')).not.toContain(ids[1]);
    });
  });

  test('a tombstone removes the user', async () => {
    await send([{ n: 4, value: null }]);
    await eventually(async () => {
      await expect(api.getUser({ params: { id: ids[4]! } })).rejects.toMatchObject({ status: 404 });
      expect(await found(tag)).not.toContain(ids[4]);
    });
    await agreesWithTopic();
  });

  test('a document the engine refuses goes to the dead-letter topic, and the records after it are indexed', async () => {
    // A keyword value beyond Lucene's term limit (32766 bytes): the engine answers 400 for this one document.
    const huge = userRecord(5, 'Too much', { interests: ['x'.repeat(40_000)] });
    await producer.sendBatch([{ key: { userId: ids[5]! }, value: huge }]);
    await send([{ n: 6, value: userRecord(6, 'Arrived after the refused one') }]);
    const [letter] = await readRaw(client, `${topic.name}.dlq`, 1);
    const headers = Object.fromEntries(Object.entries(letter!.message.headers ?? {}).map(([k, v]) => [k, String(v)]));
    expect(headers).toMatchObject({ 'unilog-error-code': 'DOCUMENT_REJECTED', 'unilog-original-topic': topic.name });
    expect(headers['unilog-error']).toMatch(/immense term/);
    await eventually(async () => {
      expect(await found('arrived')).toEqual([ids[6]]);
      await agreesWithTopic(); // user 5 keeps its earlier version
    });
    const metrics = await (await fetch(`${indexer.admin}/metrics`)).text();
    expect(metrics).toMatch(new RegExp(`^unilog_indexer_records_total\\{index="${index}",result="rejected"\\} 1$`, 'm'));
    expect(metrics).toMatch(/^unilog_indexer_lag\{topic="[^"]+",partition="\d"\} 0$/m);
  });

  test('kill -9 of the indexer mid-stream, then a restart: the same answers as the topic', async () => {
    // Rounds of updates to every user, "round<r> of writing" in each bio, go on until 5 rounds after the kill; the
    // last one also deletes some users.
    let killed = false;
    const writing = (async () => {
      for (let r = 0, after = 0; ; r++) {
        const last = killed && after === 4;
        await send(ids.map((_, n) => ({ n, value: n % 7 === 3 && last ? null : userRecord(n, `round${r} of writing`) })));
        if (last) return r;
        if (killed) after++;
        await new Promise((res) => setTimeout(res, 200));
      }
    })();
    try {
      await eventually(async () => expect((await found('writing')).length).toBeGreaterThan(0), 20_000);
      indexer.child.kill('SIGKILL');
    } finally {
      killed = true;
    }
    await indexer.exited;
    lastRound = await writing;
    indexer = await startIndexer();
    await eventually(async () => {
      expect(await found(`round${lastRound}`)).toEqual(expectedAll());
      expect(await found(`round${lastRound - 1}`)).toEqual([]);
      await agreesWithTopic();
    }, 60_000);
  });

  test('the index deleted under the indexer: both services say so; a restart refills it from the topic', async () => {
    const before = { last: await found(`round${lastRound}`), one: await api.getUser({ params: { id: ids[0]! } }) };
    await search.indices.delete({ index });
    await send([{ n: 7, value: userRecord(7, 'Written while the index was gone') }]);
    await eventually(async () => {
      expect(await health(indexer.admin)).toMatchObject({ [`indexer:${index}`]: { healthy: false, message: expect.stringContaining(`index '${index}' no longer exists`) } });
      expect(await health(searchService.admin)).toMatchObject({ 'search-index': { healthy: false, message: expect.stringContaining('does not exist') } });
    });
    indexer.child.kill('SIGTERM');
    expect(await indexer.exited).toBe(0);
    indexer = await startIndexer();
    await eventually(async () => {
      expect({ last: await found(`round${lastRound}`), one: await api.getUser({ params: { id: ids[0]! } }) }).toEqual({ ...before, last: before.last.filter((id) => id !== ids[7]) });
      expect(await found('gone')).toEqual([ids[7]]);
      await agreesWithTopic();
    }, 60_000);
  });

  test('an index whose mapping cannot take the schema: the indexer refuses to start and names every conflict', async () => {
    const other = `${index}-conflict`;
    await search.indices.create({ index: other, body: { mappings: { dynamic: 'strict', properties: { user: { properties: { bio: { type: 'keyword' }, verified: { type: 'text' } } } } } } });
    const failed = await startIndexer(other).then(
      () => undefined,
      (error: { log: string[]; code: number }) => error,
    );
    expect(failed?.code).toBe(1);
    const text = failed!.log.join('\n');
    expect(text).toContain("field 'user.bio': the index has keyword, the schema needs text (analyzer english)");
    expect(text).toContain("field 'user.verified': the index has text, the schema needs boolean");
  });
});
