/**
 * `unilog check --against registry:<url>` against the real Confluent-API registry (`npm run dev:up`; Apicurio ccompat
 * by default, SCHEMA_REGISTRY_URL for another). Each test registers versions under random subject names, then runs the
 * gate on a temp schemas folder whose catalog names that topic.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCheckCommand } from '../../generator/cli/check-command.js';
import { capture, type Captured } from '../compat/capture-output.js';
import { catalogText, KEY, recordText } from '../compat/gate-fixture.js';
import { infraHint, schemaRegistryUrl, SCHEMA_REGISTRY_CONTENT_TYPE } from './infra.js';

const ID = '{"name": "id", "type": "string"}';

async function register(subject: string, schemaText: string): Promise<void> {
  const res = await fetch(`${schemaRegistryUrl()}/subjects/${encodeURIComponent(subject)}/versions`, {
    method: 'POST',
    headers: { 'content-type': SCHEMA_REGISTRY_CONTENT_TYPE, accept: SCHEMA_REGISTRY_CONTENT_TYPE },
    body: JSON.stringify({ schema: schemaText }),
    signal: AbortSignal.timeout(10_000),
  });
  if (res.status !== 200) throw new Error(`registering ${subject}: HTTP ${res.status} ${await res.text()}`);
}

/** The subject's own level NONE, so any history can be registered whatever the registry's global default. */
async function allowAnything(subject: string): Promise<void> {
  const res = await fetch(`${schemaRegistryUrl()}/config/${encodeURIComponent(subject)}`, {
    method: 'PUT',
    headers: { 'content-type': SCHEMA_REGISTRY_CONTENT_TYPE, accept: SCHEMA_REGISTRY_CONTENT_TYPE },
    body: JSON.stringify({ compatibility: 'NONE' }),
    signal: AbortSignal.timeout(10_000),
  });
  if (res.status !== 200) throw new Error(`config ${subject}: HTTP ${res.status} ${await res.text()}`);
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A project folder with the given value schema and a catalog naming `topic`. */
function project(topic: string, value: string, compatibility: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'unilog-registry-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'schemas'));
  writeFileSync(join(dir, 'schemas/key.avsc'), KEY);
  writeFileSync(join(dir, 'schemas/user.avsc'), value);
  writeFileSync(join(dir, 'schemas/topics.yaml'), catalogText([{ name: topic, compatibility }]));
  return dir;
}

async function check(dir: string, ...args: string[]): Promise<Captured> {
  const before = process.cwd();
  process.chdir(dir);
  try {
    return await capture(() => runCheckCommand(args));
  } finally {
    process.chdir(before);
  }
}

describe('registry baseline (real registry)', () => {
  const topic = `compat-${randomUUID().slice(0, 8)}`;
  const v1 = recordText('User', [ID]);
  const v2 = recordText('User', [ID, '{"name": "age", "type": "int", "default": 0}']);
  const dropDefault = recordText('User', [ID, '{"name": "age", "type": "int"}']);

  beforeAll(async () => {
    const probe = await fetch(`${schemaRegistryUrl()}/subjects`, { signal: AbortSignal.timeout(5_000) }).catch((err: unknown) => {
      throw new Error(`schema registry not reachable (${String(err)}). ${infraHint()}`);
    });
    if (probe.status !== 200) throw new Error(`schema registry answered ${probe.status}. ${infraHint()}`);
    for (const s of [`${topic}-key`, `${topic}-value`]) {
      await register(s, s.endsWith('-key') ? KEY : v1);
      await allowAnything(s);
    }
    await register(`${topic}-value`, v2);
  });

  test('BACKWARD compares with the latest registered version only', async () => {
    const r = await check(project(topic, dropDefault, 'BACKWARD'), '--against', `registry:${schemaRegistryUrl()}`);
    expect(r.stdout).toBe('');
    expect(r.code).toBe(0);
  });

  test('BACKWARD_TRANSITIVE compares with every registered version', async () => {
    const r = await check(project(topic, dropDefault, 'BACKWARD_TRANSITIVE'), '--against', `registry:${schemaRegistryUrl()}`);
    expect(r.code).toBe(100);
    expect(r.stdout).toBe(
      `schemas/user.avsc:5:14: READER_FIELD_MISSING_DEFAULT_VALUE topic '${topic}' value: field 'age' of record 'com.acme.User' is not in the writer's record 'com.acme.User' and has no default; the new schema cannot read data written with registered version 1 (BACKWARD_TRANSITIVE, at /fields/1)\n`,
    );
  });

  test('KEY_SCHEMA_CHANGED against the registered key', async () => {
    const dir = project(topic, v2, 'BACKWARD');
    writeFileSync(join(dir, 'schemas/key.avsc'), recordText('UserKey', [ID, '{"name": "region", "type": "string", "default": "eu"}']));
    const r = await check(dir, '--against', `registry:${schemaRegistryUrl()}`, '--format', 'json');
    expect(r.code).toBe(100);
    const out = JSON.parse(r.stdout) as { violations: Array<{ ruleId: string; file: string; line: number; col: number }> };
    expect(out.violations.map((v) => `${v.ruleId} ${v.file}:${v.line}:${v.col}`)).toEqual(['KEY_SCHEMA_CHANGED schemas/key.avsc:5:14']);
  });

  test('a topic the registry does not know is new: nothing to compare', async () => {
    const r = await check(project(`${topic}-new`, dropDefault, 'FULL_TRANSITIVE'), '--against', `registry:${schemaRegistryUrl()}`);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('(0 topics compared with');
  });

  test('an unreachable registry is an input error', async () => {
    const r = await check(project(topic, v2, 'BACKWARD'), '--against', 'registry:http://127.0.0.1:9/apis/ccompat/v7');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^registry:http:\/\/127\.0\.0\.1:9\/apis\/ccompat\/v7:1:1: cannot reach the schema registry: /);
  });
});
