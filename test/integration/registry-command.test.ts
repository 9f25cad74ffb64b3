/**
 * `unilog registry push|diff` against the real schema registry, on the repo's catalog under a random prefix (so every
 * subject starts absent): diff prints each subject at its catalog entry and exits 100, push --dry-run changes nothing,
 * push sets the catalog's levels and registers exactly the schemas the runtime uses (a lookup-only service finds
 * them), and a level changed by hand shows as drift. Auto-registration gives a new subject the topic's level.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { defineTopic, type Topic } from '../../runtime/index.js';
import { opinions, topics, users } from '../../generated/index.js';
import { REPO } from '../support/generate-into.js';
import { schemaRegistryUrl } from './infra.js';
import { registry, unique } from './runtime-support.js';

const BIN = join(REPO, 'bin', 'unilog.js');
const TOPICS = Object.keys(topics).length;

async function unilogRegistry(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, 'registry', ...args], { cwd: REPO, encoding: 'utf8' });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const failed = e as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const prefixed = <K, KI, V, VI>(prefix: string, topic: Topic<K, KI, V, VI>): Topic<K, KI, V, VI> => defineTopic({ ...topic, name: `${prefix}${topic.name}` });

describe('unilog registry', () => {
  test('diff, push --dry-run, push: levels and schemas from the catalog, in step afterwards', async () => {
    const url = schemaRegistryUrl();
    const prefix = `${unique('reg')}.`;
    const args = ['--url', url, '--prefix', prefix];

    const before = await unilogRegistry('diff', ...args);
    expect(before.code).toBe(100);
    expect(before.stdout.trim().split('\n')).toHaveLength(2 * TOPICS);
    expect(before.stdout).toContain(
      `schemas/topics.yaml:4:5: ${prefix}users-value: compatibility (registry default) → BACKWARD_TRANSITIVE; register its first schema\n`,
    );
    expect(before.stderr).toContain(`${2 * TOPICS} of ${2 * TOPICS} subjects differ from`);

    const dry = await unilogRegistry('push', '--dry-run', ...args);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(`${prefix}opinions-value: would set compatibility (registry default) → FULL; register its first schema\n`);
    expect((await unilogRegistry('diff', ...args)).code).toBe(100);

    const pushed = await unilogRegistry('push', ...args);
    expect(pushed.stderr).toBe(`unilog registry: ${2 * TOPICS} of ${2 * TOPICS} subjects changed in ${url}\n`);
    expect(pushed.code).toBe(0);
    expect(pushed.stdout).toContain(`${prefix}opinions-value: compatibility (registry default) → FULL\n`);
    expect(pushed.stdout).toMatch(new RegExp(`${prefix.replace('.', '\\.')}opinions-value: registered as version 1 \\(schema id \\d+\\)\n`));
    const config = (await (await fetch(`${url}/config/${prefix}opinions-value`)).json()) as { compatibilityLevel: string };
    expect(config.compatibilityLevel).toBe('FULL');

    const after = await unilogRegistry('diff', ...args);
    expect(after).toMatchObject({ code: 0, stdout: '' });
    expect(after.stderr).toContain(`the ${2 * TOPICS} subjects of the catalog are in step`);

    // What push registered is byte for byte what the runtime uses: a lookup-only service finds it.
    const lookupOnly = registry({ policy: 'lookup-only' });
    const serdes = lookupOnly.topicSerdes(prefixed(prefix, users));
    await expect(serdes.key.prepare()).resolves.toBeGreaterThan(0);
    await expect(serdes.value.prepare()).resolves.toBeGreaterThan(0);

    // Someone lowers a level by hand: diff shows it, push restores it and registers nothing new.
    await fetch(`${url}/config/${prefix}users-value`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ compatibility: 'NONE' }) });
    const drift = await unilogRegistry('diff', ...args);
    expect(drift).toMatchObject({ code: 100, stdout: `schemas/topics.yaml:4:5: ${prefix}users-value: compatibility NONE → BACKWARD_TRANSITIVE\n` });
    const fixed = await unilogRegistry('push', ...args);
    expect(fixed).toMatchObject({ code: 0, stdout: `${prefix}users-value: compatibility NONE → BACKWARD_TRANSITIVE\n` });
  }, 180_000);

  test("auto-registration gives a subject it creates the topic's level", async () => {
    const url = schemaRegistryUrl();
    const topic = prefixed(`${unique('auto')}.`, opinions);
    await registry({ policy: 'auto-register' }).topicSerdes(topic).value.prepare();
    const config = (await (await fetch(`${url}/config/${topic.name}-value`)).json()) as { compatibilityLevel: string };
    expect(config.compatibilityLevel).toBe('FULL');
  });

  test('an unreachable registry is one line and exit 1', async () => {
    const r = await unilogRegistry('diff', '--url', 'http://127.0.0.1:3/apis/ccompat/v7');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^unilog registry: schema registry http:\/\/127\.0\.0\.1:3\/apis\/ccompat\/v7: .*cannot reach the registry \(connect ECONNREFUSED 127\.0\.0\.1:3\)\n$/);
  });
});
