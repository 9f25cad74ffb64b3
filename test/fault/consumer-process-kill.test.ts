/**
 * kill -9 of a consumer process mid-batch, then a new process in the same group: nothing is lost (at least once:
 * the records handled after the last commit are handled again, and counted).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { REPO } from '../support/generate-into.js';
import { clusterBrokers, clusterKafka, clusterRegistryUrl, unique } from './cluster.js';
import { idTopic, produceIds, until, type IdTopic } from './support.js';

const TOTAL = 5_000;
const PARTITIONS = 3;
const kafka = clusterKafka();
let topic: IdTopic;
const dir = mkdtempSync(join(tmpdir(), 'unilog-fault-'));

beforeAll(async () => {
  if (!existsSync(join(REPO, 'dist/runtime/index.js'))) throw new Error('dist/runtime is missing: run `npm run build` first (npm test does)');
  topic = await idTopic(kafka, 'fault-consumer-kill', PARTITIONS);
  await produceIds(kafka, topic, TOTAL);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function child(groupId: string, out: string): Promise<ChildProcess> {
  const proc = spawn(process.execPath, [join(REPO, 'test/fault/consumer-child.mjs'), clusterBrokers().join(','), clusterRegistryUrl(), topic.name, String(PARTITIONS), groupId, out], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    proc.stdout!.once('data', () => resolve(proc));
    proc.once('exit', (code) => reject(new Error(`consumer child exited (${code}) before it started`)));
  });
}

const lines = (file: string): number[] => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).map(Number) : []);

test('kill -9 of a consumer process mid-batch, then a restart: every record handled, the re-handled ones counted', async () => {
  const groupId = unique('fault-child-group');
  const out = join(dir, 'handled.txt');
  const first = await child(groupId, out);
  await until(() => lines(out).length >= TOTAL * 0.4, '40 % handled by the first process', 120_000);
  first.kill('SIGKILL');
  await new Promise((r) => first.once('exit', r));
  const beforeKill = lines(out).length;
  const second = await child(groupId, out);
  try {
    await until(() => new Set(lines(out)).size >= TOTAL, `all ${TOTAL} records handled after the restart`, 120_000);
  } finally {
    second.kill('SIGTERM');
    await new Promise((r) => second.once('exit', r));
  }
  const handled = lines(out);
  const distinct = new Set(handled);
  console.log(
    `[fault] consumer process killed after ${beforeKill} handled: ${TOTAL} written, handled ${handled.length}, distinct ${distinct.size}, ` +
      `lost ${TOTAL - distinct.size}, handled twice ${handled.length - distinct.size}`,
  );
  expect(distinct.size).toBe(TOTAL);
  // At least once, not "at least once per restart of everything": only the uncommitted tail is handled again.
  expect(handled.length - distinct.size).toBeLessThan(TOTAL * 0.4);
});
