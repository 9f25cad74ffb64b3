/**
 * The three-node cluster of the fault tests (dev/cluster-up.sh): its addresses, and the faults the tests inflict on
 * it through dev/cluster-down.sh / dev/cluster-up.sh (so the tests never guess pids). Ports follow
 * UNILOG_CLUSTER_PORT (default 19190) as in dev/cluster-lib.sh; KAFKA_BROKERS / SCHEMA_REGISTRY_URL override them.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { REPO } from '../support/generate-into.js';

const run = promisify(execFile);
const clusterPort = (): number => Number(process.env['UNILOG_CLUSTER_PORT'] || 19190);

export const NODES = [1, 2, 3] as const;
export type NodeId = (typeof NODES)[number];

export function clusterBrokers(): string[] {
  const raw = process.env['KAFKA_BROKERS']?.trim();
  return raw ? raw.split(',').map((b) => b.trim()).filter(Boolean) : NODES.map((i) => `127.0.0.1:${clusterPort() + i}`);
}

export function clusterRegistryUrl(): string {
  return (process.env['SCHEMA_REGISTRY_URL']?.trim() || `http://127.0.0.1:${clusterPort() + 81}/apis/ccompat/v7`).replace(/\/+$/, '');
}

export const unique = (prefix: string): string => `${prefix}-${randomUUID().slice(0, 8)}`;

/** A kafkajs client on the cluster; kafkajs's default retry (5 retries, ~10 s in all), as a user gets it. */
export function clusterKafka(clientId = unique('fault')): Kafka {
  return new Kafka({ clientId, brokers: clusterBrokers(), logLevel: logLevel.NOTHING });
}

async function script(name: string, args: string[]): Promise<void> {
  // A JVM restarted on a busy 2-core machine took up to ~100 s (the registry): wider bounds than dev/'s 90 s default.
  const env = { ...process.env, UNILOG_DEV_READY_TIMEOUT: process.env['UNILOG_DEV_READY_TIMEOUT'] ?? '240' };
  await run('bash', [join(REPO, 'dev', name), ...args], { cwd: REPO, env, timeout: 300_000 });
}

/** kill -9 of node `i` (returns once it is dead). */
export const killNode = (i: NodeId): Promise<void> => script('cluster-down.sh', ['--node', String(i), '--kill']);
/** A clean stop (SIGTERM: controlled shutdown) of node `i`. */
export const stopNode = (i: NodeId): Promise<void> => script('cluster-down.sh', ['--node', String(i)]);
/** Starts node `i` again with its data; resolves once the cluster lists all three brokers. */
export const startNode = (i: NodeId): Promise<void> => script('cluster-up.sh', ['--node', String(i)]);

/** Stops the cluster's registry (it keeps schemas in memory: it comes back empty). */
export const stopRegistry = (): Promise<void> => script('cluster-down.sh', ['--registry']);
/** Starts what is not running (here: the registry) and waits until it answers. */
export const startMissing = (): Promise<void> => script('cluster-up.sh', []);

/** The leader of each partition of `topic`. */
export async function leaders(admin: Admin, topic: string): Promise<Map<number, number>> {
  const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
  return new Map(topics[0]!.partitions.map((p) => [p.partitionId, p.leader]));
}

/** The node leading the most partitions of `topic`. */
export async function busiestLeader(admin: Admin, topic: string): Promise<NodeId> {
  const count = new Map<number, number>();
  for (const leader of (await leaders(admin, topic)).values()) count.set(leader, (count.get(leader) ?? 0) + 1);
  return [...count].sort((a, b) => b[1] - a[1])[0]![0] as NodeId;
}

/** Waits until every partition of `topics` has all 3 replicas in sync again (after a node came back). */
export async function fullyReplicated(admin: Admin, topics: string[], ms = 120_000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    const meta = await admin.fetchTopicMetadata({ topics }).catch(() => undefined);
    if (meta && meta.topics.every((t) => t.partitions.every((p) => p.isr.length === 3 && p.leader >= 0))) return;
    if (Date.now() > end) throw new Error(`partitions of ${topics.join(', ')} not back to 3 in-sync replicas within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
