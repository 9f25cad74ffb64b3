/**
 * Vitest global setup of the fault project: the three-node cluster and its registry (dev/cluster-up.sh), started when
 * they do not answer yet and stopped again at the end; infrastructure that already runs, or that KAFKA_BROKERS /
 * SCHEMA_REGISTRY_URL name, is used as it is and left running.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { REPO } from '../support/generate-into.js';
import { clusterBrokers, clusterRegistryUrl } from './cluster.js';

async function clusterAnswers(): Promise<boolean> {
  const admin = new Kafka({ brokers: clusterBrokers(), logLevel: logLevel.NOTHING, connectionTimeout: 1000, retry: { retries: 0 } }).admin();
  try {
    await admin.connect();
    const registry = await fetch(`${clusterRegistryUrl()}/subjects`, { signal: AbortSignal.timeout(2000) });
    return (await admin.describeCluster()).brokers.length === 3 && registry.ok;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

function run(script: string): void {
  const r = spawnSync('bash', [join(REPO, 'dev', script)], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error(`dev/${script} failed (exit ${r.status}); see .dev-cluster/logs/`);
}

export default async function setup(): Promise<() => void> {
  const external = Boolean(process.env['KAFKA_BROKERS'] || process.env['SCHEMA_REGISTRY_URL']);
  if (external || (await clusterAnswers())) return () => undefined;
  run('cluster-up.sh');
  return () => run('cluster-down.sh');
}
