/**
 * Vitest global setup of the integration project: makes sure a real Kafka broker and schema registry answer before any
 * integration test runs. It starts them with dev/up.sh when nothing answers (and stops them again at the end), reuses
 * infrastructure that already runs (and leaves it running), and never touches what KAFKA_BROKERS /
 * SCHEMA_REGISTRY_URL point at.
 */
import { spawnSync } from 'node:child_process';
import { connect } from 'node:net';
import { join } from 'node:path';
import { REPO } from '../support/generate-into.js';
import { kafkaBrokers, schemaRegistryUrl } from './infra.js';

function tcpAnswers(address: string): Promise<boolean> {
  const [host, port] = address.split(':');
  return new Promise((resolve) => {
    const socket = connect({ host: host ?? '127.0.0.1', port: Number(port), timeout: 1000 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

async function registryAnswers(): Promise<boolean> {
  try {
    const res = await fetch(`${schemaRegistryUrl()}/subjects`, { signal: AbortSignal.timeout(2000) });
    return res.ok;
  } catch {
    return false;
  }
}

function run(script: string): void {
  const r = spawnSync('bash', [join(REPO, 'dev', script)], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error(`dev/${script} failed (exit ${r.status}); see .dev/logs/`);
}

export default async function setup(): Promise<() => void> {
  const external = Boolean(process.env['KAFKA_BROKERS'] || process.env['SCHEMA_REGISTRY_URL']);
  const running = (await tcpAnswers(kafkaBrokers()[0]!)) && (await registryAnswers());
  if (external || running) return () => undefined;
  run('up.sh');
  return () => run('down.sh');
}
