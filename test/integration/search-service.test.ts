/**
 * The example Search Service end to end, as it runs in production: compiled, started as its own process against the
 * real broker and registry, its topic under a random prefix. Users are produced, searched over HTTP with the generated
 * client, changed live; the service is stopped with SIGTERM and started again, and answers the same (its index is
 * rebuilt by replaying the compacted topic).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createSearchServiceClient, type SearchServiceClient } from '../../generated/services/search-service.js';
import { users } from '../../generated/topics.js';
import type { UserInput } from '../../generated/index.js';
import { createProducer, defineTopic, ensureTopics, topicDrift, type TypedProducer } from '../../runtime/index.js';
import { REPO } from '../support/generate-into.js';
import { buildService, killAll, spawnService, startService, type ServiceProcess } from '../support/service-process.js';
import { kafkaBrokers, schemaRegistryUrl } from './infra.js';
import { kafka, registry, unique } from './runtime-support.js';

const SERVICE = join(REPO, 'services', 'search-service');
const client = kafka();
const prefix = `${unique('e2e')}.`;
const topic = defineTopic({ ...users, name: `${prefix}users`, partitions: 3 });
const tag = `zq${Math.random().toString(36).slice(2, 8)}`;
const ids = Array.from({ length: 30 }, () => crypto.randomUUID());
let producer: TypedProducer<{ userId: string }, UserInput>;


function user(n: number, patch: Partial<UserInput> = {}): UserInput {
  const at = new Date(Date.UTC(2025, 0, 1) + n);
  return {
    id: ids[n]!,
    username: `${tag}-user-${n}`,
    displayName: `Person ${n}`,
    bio: n % 3 ? null : `bio ${n}`,
    verified: n % 2 === 0,
    followerCount: n * 10,
    status: n === 0 ? 'DELETED' : 'ACTIVE',
    createdAt: at,
    updatedAt: at,
    ...patch,
  };
}

const env = (topicPrefix: string): Record<string, string> => ({ TOPIC_PREFIX: topicPrefix, KAFKA_BROKERS: kafkaBrokers().join(','), SCHEMA_REGISTRY_URL: schemaRegistryUrl() });
const spawnSearchService = (topicPrefix: string): ChildProcessWithoutNullStreams => spawnService('search-service', env(topicPrefix));
const startSearchService = (): Promise<ServiceProcess> => startService('search-service', env(prefix));

async function stopService(r: ServiceProcess): Promise<number | null> {
  r.child.kill('SIGTERM');
  return r.exited;
}

beforeAll(async () => {
  buildService('search-service');
  await ensureTopics(client, [topic]);
  producer = createProducer(client, topic, { registry: registry() });
  await producer.sendBatch(ids.map((id, n) => ({ key: { userId: id }, value: user(n) })));
});

afterAll(async () => {
  killAll();
  await producer?.disconnect();
});

async function answers(c: SearchServiceClient): Promise<unknown> {
  return {
    all: await c.searchUsers({ query: { q: tag, limit: 100 } }),
    exact: (await c.searchUsers({ query: { q: `${tag}-user-7` } })).results.map((u) => u.username),
    one: await c.getUser({ params: { id: ids[5]! } }),
  };
}

describe('search-service against the real broker', () => {
  let before: unknown;

  test('serves what the users topic holds, follows it live, and exposes health and metrics', async () => {
    const s = await startSearchService();
    const c = createSearchServiceClient({ baseUrl: s.app });

    // The port opens only after the replay caught up, so the first answer is already complete.
    const all = await c.searchUsers({ query: { q: tag, limit: 100 } });
    expect(all.query).toBe(tag);
    expect(all.results.map((u) => u.username).sort()).toEqual(ids.slice(1).map((_, n) => `${tag}-user-${n + 1}`).sort());
    expect((await c.searchUsers({ query: { q: `${tag}-user-7` } })).results[0]?.username).toBe(`${tag}-user-7`);
    expect(await c.getUser({ params: { id: ids[4]! } })).toEqual({ id: ids[4], username: `${tag}-user-4`, displayName: 'Person 4', bio: null, verified: true, followerCount: 40 });

    // Typed errors: a declared 404 and a 400 from contract validation, both in the framework's error shape.
    const missing = await c.getUser.result({ params: { id: crypto.randomUUID() } });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.body.error.code).toBe('NOT_FOUND');
    const bad = await c.searchUsers({ query: { q: '' } }).catch((e: unknown) => e);
    expect(c.searchUsers.isError(bad)).toBe(true);
    if (c.searchUsers.isError(bad)) expect(bad.body.error).toEqual({ code: 'BAD_REQUEST', message: 'query.q must NOT have fewer than 1 characters', path: 'query.q' });

    // Live: a rename and a tombstone reach the index after the replay.
    await producer.send({ key: { userId: ids[5]! }, value: user(5, { displayName: 'Renamed Five' }) });
    await producer.send({ key: { userId: ids[6]! }, value: null });
    const deadline = Date.now() + 30_000;
    let renamed = false;
    while (!renamed && Date.now() < deadline) {
      renamed = (await c.getUser({ params: { id: ids[5]! } })).displayName === 'Renamed Five' && (await c.getUser.result({ params: { id: ids[6]! } })).status === 404;
      if (!renamed) await new Promise((r) => setTimeout(r, 100));
    }
    expect(renamed).toBe(true);

    const health = await fetch(`${s.admin}/healthcheck`);
    expect(health.status).toBe(200);
    expect(Object.keys(((await health.json()) as { checks: object }).checks)).toEqual(['kafka', `replay:${prefix}users`, 'schema-registry', 'users-index']);
    const metrics = await (await fetch(`${s.admin}/metrics`)).text();
    expect(metrics).toContain(`unilog_consumer_records_total{topic="${prefix}users"} 32`);
    for (const p of [0, 1, 2]) expect(metrics).toContain(`unilog_consumer_lag{topic="${prefix}users",partition="${p}"} 0`);
    expect(metrics).toMatch(/http_requests_total\{method="GET",route="\/users\/search",status="200"\} \d+/);
    expect(metrics).toContain('search_index_users ');
    // The test made the topic with 3 partitions where the catalog says 6: the service runs, and warns at start.
    expect(s.log.some((l) => l.includes(`"msg":"${prefix}users: 3 partitions on the cluster, 6 in the catalog"`))).toBe(true);

    before = await answers(c);
    expect(await stopService(s)).toBe(0);
    expect(s.log.some((l) => l.includes('"msg":"stopped replay:'))).toBe(true);
  });

  test('after a restart it answers the same (the index is rebuilt by replay)', async () => {
    expect(before).toBeDefined();
    const s = await startSearchService();
    const c = createSearchServiceClient({ baseUrl: s.app });
    expect(await answers(c)).toEqual(before);
    expect((await c.getUser.result({ params: { id: ids[6]! } })).status).toBe(404);
    expect(await stopService(s)).toBe(0);
  });

  test('a record that is not Avro does not stop it: the replay dead-letters it, and health and metrics say so', async () => {
    const other = `${unique('bad')}.`;
    const badTopic = defineTopic({ ...users, name: `${other}users`, partitions: 1 });
    await ensureTopics(client, [badTopic]);
    const good = createProducer(client, badTopic, { registry: registry() });
    const raw = client.producer();
    await Promise.all([good.connect(), raw.connect()]);
    try {
      await raw.send({ topic: badTopic.name, messages: [{ key: users.key.encodeFramed({ userId: ids[1]! }, 1), value: Buffer.from('this is not avro') }] });
      await good.send({ key: { userId: ids[2]! }, value: user(2) });
    } finally {
      await Promise.all([good.disconnect(), raw.disconnect()]);
    }
    const child = spawnSearchService(other);
    const log: string[] = [];
    child.stdout.on('data', (chunk: Buffer) => log.push(...chunk.toString().split('\n').filter(Boolean)));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      const started = async (): Promise<{ app: string; admin: string } | undefined> => {
        for (const line of log) {
          const entry = JSON.parse(line) as { msg?: string; app?: string; admin?: string };
          if (entry.msg === 'search-service started') return { app: entry.app!, admin: entry.admin! };
        }
        return undefined;
      };
      const deadline = Date.now() + 60_000;
      let urls = await started();
      while (!urls && child.exitCode === null && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        urls = await started();
      }
      expect(urls, log.join('\n')).toBeDefined();
      const c = createSearchServiceClient({ baseUrl: urls!.app });
      expect((await c.getUser({ params: { id: ids[2]! } })).username).toBe(`${tag}-user-2`);
      const health = (await (await fetch(`${urls!.admin}/healthcheck`)).json()) as { checks: Record<string, { healthy: boolean; message: string }> };
      expect(health.checks[`replay:${other}users`]).toMatchObject({
        healthy: true,
        message: `running; 1 record(s) dead-lettered to ${other}users.dlq, last ${other}users[0]@0 (BAD_MAGIC)`,
      });
      expect(await (await fetch(`${urls!.admin}/metrics`)).text()).toContain(`unilog_consumer_dead_letters_total{topic="${other}users"} 1`);
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  });

  test('SIGTERM to `npm start` stops the service too (npm start execs node, so no orphan keeps serving)', async () => {
    const npm = spawn('npm', ['start', '--', '--config', join(SERVICE, 'config.yaml')], { cwd: SERVICE, env: { ...process.env, PORT: '0', ADMIN_PORT: '0', ...env(prefix) } });
    let out = '';
    npm.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const deadline = Date.now() + 60_000;
    let app: string | undefined;
    while (app === undefined && npm.exitCode === null && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      for (const line of out.split('\n')) {
        if (!line.startsWith('{')) continue;
        const entry = JSON.parse(line) as { msg?: string; app?: string };
        if (entry.msg === 'search-service started') app = entry.app;
      }
    }
    expect(app, out).toBeDefined();
    expect((await fetch(`${app}/users/search?q=${tag}`)).status).toBe(200);
    npm.kill('SIGTERM');
    await new Promise((resolve) => npm.once('exit', resolve));
    let answering = true;
    for (let i = 0; i < 100 && answering; i++) {
      answering = await fetch(`${app}/users/search?q=${tag}`).then(() => true, () => false);
      if (answering) await new Promise((r) => setTimeout(r, 100));
    }
    expect(answering).toBe(false);
  });

  test('does not start when its topic is missing, and says how to create it', async () => {
    const missing = `${unique('missing')}.`;
    const child = spawnSearchService(missing);
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    const fatal = out.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { level: number; err?: { message: string } }).find((l) => l.level === 60);
    expect(fatal?.err?.message).toBe(
      `kafka-topics did not start: topic ${missing}users does not exist on ${kafkaBrokers().join(',')}: ` +
        `create the catalog's topics first (\`unilog topics --create --prefix ${missing} --brokers ${kafkaBrokers().join(',')}\` in the project)`,
    );
    // Nothing was auto-created on the broker by the attempt.
    expect(await topicDrift(client, [{ name: `${missing}users`, partitions: 6, cleanupPolicy: 'compact' }])).toEqual([{ topic: `${missing}users`, kind: 'missing' }]);
  });
});
