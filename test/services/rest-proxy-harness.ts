/**
 * rest-proxy in process, as its clients see it: the service's own context (createContext) over an in-process Kafka
 * (test/runtime/fake-kafka.ts: the bytes producer's partitioner, per-partition logs) and registry, its routes on a
 * fastify app, requests made with `inject`. What reached Kafka is read back from the fake's logs.
 */
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import { Registry } from 'prom-client';
import { ensureRuntimeLink } from '../../generator/scaffold/runtime-link.js';
import { users } from '../../generated/topics.js';
import { FakeKafka } from '../runtime/fake-kafka.js';
import { FakeRegistry } from '../runtime/fake-registry.js';
import { REPO } from '../support/generate-into.js';

// The service imports `unilog/runtime`: a fresh checkout (or Stryker's sandbox) has no link for it yet.
ensureRuntimeLink(`${REPO}/services/rest-proxy`, REPO);
// The runtime as the service loads it, through that link: in Stryker's sandbox the link is made while the tests run
// and vite keeps its path, so the runtime loaded any other way is a second copy whose classes (UnilogError) differ.
const { createSchemaRegistry } = (await import('../../services/rest-proxy/node_modules/unilog/runtime/index.js' as string)) as typeof import('../../runtime/index.js');
const { createContext } = await import('../../services/rest-proxy/src/context.js');
const { proxyRoutes } = await import('../../services/rest-proxy/src/routes.js');
type AppConfig = import('../../services/rest-proxy/src/config.js').AppConfig;

export const CLUSTER = 'fake-cluster-1';
export const AVRO_V2 = 'application/vnd.kafka.avro.v2+json';

/** A FakeKafka whose admin also answers describeCluster (v3 URLs name the cluster); each can be made to fail once. */
class ProxyKafka extends FakeKafka {
  readonly clusterFailures: Error[] = [];
  readonly adminConnectFailures: Error[] = [];
  clusterReads = 0;
  override admin(): ReturnType<FakeKafka['admin']> & { describeCluster(): Promise<{ clusterId: string }> } {
    const admin = super.admin();
    const connect = admin.connect.bind(admin);
    return Object.assign(admin, {
      connect: async () => {
        const failure = this.adminConnectFailures.shift();
        if (failure) throw failure;
        await connect();
      },
      describeCluster: async () => {
        this.clusterReads++;
        const failure = this.clusterFailures.shift();
        if (failure) throw failure;
        return { clusterId: CLUSTER };
      },
    });
  }
}

export interface Proxy {
  readonly app: FastifyInstance;
  readonly kafka: ProxyKafka;
  readonly registry: FakeRegistry;
  readonly metrics: Registry;
  readonly warnings: string[];
  /** The request log's lines at warn and above, parsed. */
  readonly logs: Array<Record<string, unknown>>;
  /** What the service handed to `env.manage`, by name. */
  readonly managed: Map<string, { start?: () => Promise<void>; stop?: () => Promise<void> }>;
  post(url: string, body: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  /** The messages written to the topic's partition, in offset order. */
  written(topic: string, partition: number): Array<{ key: Buffer | null; value: Buffer | null; headers?: Record<string, Buffer>; timestamp?: string }>;
  /** The values (or keys) written to the topic's partition, decoded as the topic's consumers read them. */
  decoded(role: 'key' | 'value', partition: number): Promise<unknown[]>;
  close(): Promise<void>;
}

export interface ProxyOptions {
  readonly app?: Partial<AppConfig>;
  readonly topicPrefix?: string;
  readonly bodyLimit?: number;
  /** Partitions per topic on the cluster, by name as the cluster has it (default users: 6). */
  readonly topics?: Readonly<Record<string, number>>;
  /** The registry policy (default auto-register). */
  readonly policy?: 'auto-register' | 'lookup-only';
}

export async function startProxy(options: ProxyOptions = {}): Promise<Proxy> {
  const kafka = new ProxyKafka();
  for (const [name, count] of Object.entries(options.topics ?? { [`${options.topicPrefix ?? ''}users`]: 6 })) kafka.topics.set(name, count);
  const registry = new FakeRegistry();
  const metrics = new Registry();
  const warnings: string[] = [];
  const managed: Proxy['managed'] = new Map();
  const env = {
    name: 'rest-proxy',
    config: {
      app: { apiKeys: {}, maxRecords: 1000, retryAfterSeconds: 5, ...options.app },
      ...(options.topicPrefix === undefined ? {} : { kafka: { topicPrefix: options.topicPrefix } }),
    },
    log: { warn: (message: string) => void warnings.push(message) },
    metrics,
    healthCheck: () => undefined,
    manage: <T>(name: string, object: T): T => (managed.set(name, object as never), object),
    kafka: { client: kafka.asKafka(), registry: createSchemaRegistry({ url: registry.base, fetch: registry.fetch, policy: options.policy ?? 'auto-register' }) },
  };
  const ctx = createContext(env as never);
  await managed.get('producer')!.start!();
  const logs: Array<Record<string, unknown>> = [];
  const logger = { level: 'warn', stream: { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) } };
  const app = Fastify({ logger, ...(options.bodyLimit === undefined ? {} : { bodyLimit: options.bodyLimit }) });
  await app.register((instance) => proxyRoutes(instance, ctx));
  return {
    app,
    kafka,
    registry,
    metrics,
    warnings,
    logs,
    managed,
    post: (url, body, headers = {}) =>
      app.inject({ method: 'POST', url, headers: { 'content-type': AVRO_V2, ...headers }, payload: typeof body === 'string' ? body : JSON.stringify(body) }),
    written: (topic, partition) => (kafka.logs.get(`${topic}[${partition}]`) ?? []) as never,
    decoded: async (role, partition) => {
      const serde = createSchemaRegistry({ url: registry.base, fetch: registry.fetch }).topicSerdes(users)[role];
      const log = (kafka.logs.get(`users[${partition}]`) ?? []) as Array<{ key: Buffer; value: Buffer | null }>;
      return Promise.all(log.map((m) => (m[role] === null ? null : serde.decodeAsync(m[role]!))));
    },
    close: async () => {
      await app.close();
      for (const m of [...managed.values()].reverse()) await m.stop?.();
    },
  };
}

/** A user key and value in Avro's JSON encoding (unions wrapped by branch name, instants as longs). */
export const userKey = (n: number) => ({ userId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}` });
export function userJson(n: number, patch: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: userKey(n).userId,
    username: `user${n}`,
    displayName: `User ${n}`,
    email: null,
    bio: { string: `bio ${n}` },
    location: null,
    status: 'ACTIVE',
    verified: true,
    followerCount: n,
    interests: ['avro'],
    settings: { theme: 'dark' },
    avatar: null,
    createdAt: 1_700_000_000_000 + n,
    updatedAt: 1_700_000_000_000 + n,
    ...patch,
  };
}

/** The value of one counter of the proxy's metrics with these labels (0 when never incremented). */
export async function counter(metrics: Registry, name: string, labels: Record<string, string>): Promise<number> {
  const metric = await metrics.getSingleMetric(name)?.get();
  const found = metric?.values.find((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l));
  return found?.value ?? 0;
}
