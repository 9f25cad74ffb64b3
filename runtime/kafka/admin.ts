/**
 * Topic admin from the catalog: `ensureTopics` creates what is missing (idempotent: existing topics are left as they
 * are), `topicDrift` lists where the broker differs from the catalog (missing topic, partition count, cleanup policy).
 */
import type { Admin, Kafka } from 'kafkajs';
import { UnilogError } from '../errors.js';
import type { CleanupPolicy } from '../topic.js';

/** What admin needs of a topic; every generated topic binding has it. */
export interface TopicSpec {
  readonly name: string;
  readonly partitions: number;
  readonly cleanupPolicy: CleanupPolicy;
}

/** A list of topics, or the generated `topics` object (topic name → binding). */
export type TopicSpecs = readonly TopicSpec[] | Readonly<Record<string, TopicSpec>>;

export interface EnsureTopicsOptions {
  /** Default: the broker's `default.replication.factor`. */
  readonly replicationFactor?: number;
  /** Extra topic configs for created topics (e.g. `min.insync.replicas`). */
  readonly configs?: Readonly<Record<string, string>>;
  /** How long to wait for created topics to have a leader for every partition, default 30,000 ms. */
  readonly timeoutMs?: number;
}

export interface EnsureTopicsResult {
  readonly created: string[];
  readonly existing: string[];
}

export type TopicDrift =
  | { readonly topic: string; readonly kind: 'missing' }
  | { readonly topic: string; readonly kind: 'partitions'; readonly expected: number; readonly actual: number }
  | { readonly topic: string; readonly kind: 'cleanup-policy'; readonly expected: CleanupPolicy; readonly actual: string };

/** One drift in words: `users: 3 partitions on the cluster, 6 in the catalog`. */
export function describeDrift(d: TopicDrift): string {
  switch (d.kind) {
    case 'missing':
      return `${d.topic}: missing on the cluster`;
    case 'partitions':
      return `${d.topic}: ${d.actual} partition${d.actual === 1 ? '' : 's'} on the cluster, ${d.expected} in the catalog`;
    case 'cleanup-policy':
      return `${d.topic}: cleanup.policy ${d.actual || '(none)'} on the cluster, ${d.expected} in the catalog`;
  }
}

/** kafkajs `ConfigResourceTypes.TOPIC` (not a named ESM export of kafkajs). */
const TOPIC_RESOURCE = 2;

function list(topics: TopicSpecs): readonly TopicSpec[] {
  return Array.isArray(topics) ? topics : Object.values(topics);
}

/** Runs `run` on `client`'s own admin if it is already one (a service's shared admin), else on a short-lived one. */
async function withAdmin<T>(client: Kafka | Admin, run: (admin: Admin) => Promise<T>): Promise<T> {
  if (!('admin' in client)) return run(client);
  const admin = client.admin();
  await admin.connect();
  try {
    return await run(admin);
  } finally {
    await admin.disconnect();
  }
}

/** Broker answers while a new topic's metadata spreads (kafkajs's own wait gives up on the first). */
const NOT_READY = new Set(['UNKNOWN_TOPIC_OR_PARTITION', 'LEADER_NOT_AVAILABLE']);

/**
 * Waits until every partition of `names` has a leader. kafkajs's `waitForLeaders` retries LEADER_NOT_AVAILABLE only,
 * and a KRaft broker first answers UNKNOWN_TOPIC_OR_PARTITION for a topic it has just created.
 */
async function waitForLeaders(admin: Admin, names: readonly string[], timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      const meta = await admin.fetchTopicMetadata({ topics: [...names] });
      if (meta.topics.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))) return;
    } catch (error) {
      if (!NOT_READY.has(String((error as { type?: unknown }).type)) || Date.now() > end) throw error;
    }
    if (Date.now() > end) throw new UnilogError('TOPIC_NOT_READY', `topics ${names.join(', ')} have no leader after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function ensureTopics(kafka: Kafka, topics: TopicSpecs, options: EnsureTopicsOptions = {}): Promise<EnsureTopicsResult> {
  const specs = list(topics);
  return withAdmin(kafka, async (admin) => {
    const present = new Set(await admin.listTopics());
    const missing = specs.filter((t) => !present.has(t.name));
    if (missing.length > 0) {
      // Racing creators are fine: kafkajs answers false instead of failing when a topic already exists.
      await admin.createTopics({
        waitForLeaders: false,
        topics: missing.map((t) => ({
          topic: t.name,
          numPartitions: t.partitions,
          replicationFactor: options.replicationFactor ?? -1,
          configEntries: Object.entries({ ...options.configs, 'cleanup.policy': t.cleanupPolicy }).map(([name, value]) => ({ name, value })),
        })),
      });
      await waitForLeaders(admin, missing.map((t) => t.name), options.timeoutMs ?? 30_000);
    }
    return { created: missing.map((t) => t.name), existing: specs.filter((t) => present.has(t.name)).map((t) => t.name) };
  });
}

/** `client`: a Kafka client (a short-lived admin is made), or a connected admin to reuse. */
export function topicDrift(client: Kafka | Admin, topics: TopicSpecs): Promise<TopicDrift[]> {
  const specs = list(topics);
  return withAdmin(client, async (admin) => {
    const present = new Set(await admin.listTopics());
    const found = specs.filter((t) => present.has(t.name));
    const drift: TopicDrift[] = specs.filter((t) => !present.has(t.name)).map((t) => ({ topic: t.name, kind: 'missing' as const }));
    if (found.length === 0) return drift;
    const meta = await admin.fetchTopicMetadata({ topics: found.map((t) => t.name) });
    const partitions = new Map(meta.topics.map((t) => [t.name, t.partitions.length]));
    const configs = await admin.describeConfigs({
      includeSynonyms: false,
      resources: found.map((t) => ({ type: TOPIC_RESOURCE, name: t.name, configNames: ['cleanup.policy'] })),
    });
    const policies = new Map(
      configs.resources.map((r) => [r.resourceName, r.configEntries.find((e) => e.configName === 'cleanup.policy')?.configValue ?? '']),
    );
    for (const t of found) {
      const actual = partitions.get(t.name) ?? 0;
      if (actual !== t.partitions) drift.push({ topic: t.name, kind: 'partitions', expected: t.partitions, actual });
      const policy = policies.get(t.name) ?? '';
      if (policy !== t.cleanupPolicy) drift.push({ topic: t.name, kind: 'cleanup-policy', expected: t.cleanupPolicy, actual: policy });
    }
    return drift;
  });
}
