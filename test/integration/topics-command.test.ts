/**
 * `unilog topics` against the real broker, on the repo's catalog under a random prefix (so every topic starts missing):
 * drift is printed at the catalog entry, --create creates what is missing with the catalog's partitions and cleanup
 * policy and leaves an existing topic alone, and an unreachable cluster is one line and exit 1.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { ensureTopics, topicDrift } from '../../runtime/index.js';
import { REPO } from '../support/generate-into.js';
import { kafkaBrokers } from './infra.js';
import { kafka, unique } from './runtime-support.js';

const BIN = join(REPO, 'bin', 'unilog.js');
const CATALOG = ['users', 'user-connections', 'opinions', 'well-saids', 'users-with-connections', 'activity-feed', 'segment-events', 'users-with-connections.by-user'];

async function unilogTopics(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, 'topics', ...args], { cwd: REPO, encoding: 'utf8' });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const failed = e as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('unilog topics', () => {
  test('prints drift at the catalog entry, creates what is missing, and leaves an existing topic as it is', async () => {
    const client = kafka();
    const prefix = `${unique('topics')}.`;
    const brokers = kafkaBrokers().join(',');

    const before = await unilogTopics('--brokers', brokers, '--prefix', prefix);
    expect(before.code).toBe(100);
    expect(before.stdout).toContain(`schemas/topics.yaml:4:5: ${prefix}users: missing on the cluster\n`);
    expect(before.stdout.trim().split('\n')).toHaveLength(CATALOG.length);
    expect(before.stderr).toContain(`${CATALOG.length} of ${CATALOG.length} topics differ`);

    // Someone created users by hand, with too few partitions: --create must not touch it, and says so.
    await ensureTopics(client, [{ name: `${prefix}users`, partitions: 2, cleanupPolicy: 'compact' }]);
    const created = await unilogTopics('--create', '--brokers', brokers, '--prefix', prefix);
    expect(created.code).toBe(100);
    expect(created.stdout).toContain(`created ${prefix}users-with-connections (6 partitions, cleanup.policy=compact)\n`);
    expect(created.stdout).toContain(`created ${prefix}activity-feed (3 partitions, cleanup.policy=delete)\n`);
    expect(created.stdout).not.toContain(`created ${prefix}users `);
    expect(created.stdout).toContain(`schemas/topics.yaml:4:5: ${prefix}users: 2 partitions on the cluster, 6 in the catalog\n`);
    expect(created.stderr).toContain(`1 of ${CATALOG.length} topics differ`);

    // The broker now holds the catalog's topics as the catalog says (users aside).
    const drift = await topicDrift(client, CATALOG.map((t) => ({ name: `${prefix}${t}`, partitions: t === 'activity-feed' ? 3 : 6, cleanupPolicy: ['opinions', 'well-saids', 'activity-feed', 'segment-events'].includes(t) ? 'delete' : 'compact' })));
    expect(drift).toEqual([{ topic: `${prefix}users`, kind: 'partitions', expected: 6, actual: 2 }]);
  });

  test('an unreachable cluster is one line and exit 1', async () => {
    const r = await unilogTopics('--brokers', '127.0.0.1:1');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('unilog topics: Kafka at 127.0.0.1:1: Connection error: connect ECONNREFUSED 127.0.0.1:1\n');
  });
});
