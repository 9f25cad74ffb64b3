/**
 * Vitest global setup of the search project: a real OpenSearch, plus the Kafka broker and registry of the integration
 * project (its own global setup, reused). Each is started only when nothing answers yet, and stopped again at the end
 * only if started here; OPENSEARCH_URL, like KAFKA_BROKERS, points at infrastructure that is never touched.
 * OpenSearch takes the longest to start (20–50 s), so it is launched first and starts while Kafka does.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import kafkaSetup from '../integration/global-setup.js';
import { REPO } from '../support/generate-into.js';
import { opensearchUrl } from './infra.js';

async function opensearchAnswers(): Promise<boolean> {
  try {
    const res = await fetch(`${opensearchUrl()}/_cluster/health`, { signal: AbortSignal.timeout(2000) });
    return res.ok;
  } catch {
    return false;
  }
}

function runScript(script: string): Promise<void> {
  const child = spawn('bash', [join(REPO, 'dev', script)], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`dev/${script} failed (exit ${code}); see .dev/logs/`))));
  });
}

export default async function setup(): Promise<() => Promise<void>> {
  const startSearch = !process.env['OPENSEARCH_URL'] && !(await opensearchAnswers());
  const search = startSearch ? runScript('search-up.sh') : Promise.resolve();
  search.catch(() => undefined);
  let stopKafka: (() => void) | undefined;
  try {
    stopKafka = await kafkaSetup();
    await search;
  } catch (error) {
    // Leave nothing running that this setup started.
    await search.catch(() => undefined);
    if (startSearch) await runScript('search-down.sh').catch(() => undefined);
    stopKafka?.();
    throw error;
  }
  const stop = stopKafka;
  return async () => {
    if (startSearch) await runScript('search-down.sh');
    stop();
  };
}
