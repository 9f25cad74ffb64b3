/**
 * `unilog check --against registry:<url>` against a fake Confluent-API registry on loopback (test/compat/fake-registry.ts):
 * which registered versions are compared, how they are named in findings, and what the user sees when the registry
 * answers something unexpected. test/integration/compat-registry.test.ts runs the same gate against a real registry.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { runCheck } from '../../generator/compat/gate/run-check.js';
import { checkIn, type Captured } from './capture-output.js';
import { startFakeRegistry, type FakeRegistry } from './fake-registry.js';
import { catalogText, KEY, recordText, type TopicFields } from './gate-fixture.js';

const ID = '{"name": "id", "type": "string"}';
const AGE_DEFAULT = '{"name": "age", "type": "int", "default": 0}';
const AGE = '{"name": "age", "type": "int"}';
const USER_V1 = recordText('User', [ID]);

let registry: FakeRegistry;
const dirs: string[] = [];
beforeEach(async () => {
  registry = await startFakeRegistry();
});
afterEach(async () => {
  await registry.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A project folder (no git) with the key, the given value schema and a catalog of `topics`. */
function project(value: string, topics: readonly TopicFields[] = [{}]): string {
  const dir = mkdtempSync(join(tmpdir(), 'unilog-registry-unit-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'schemas'));
  writeFileSync(join(dir, 'schemas/key.avsc'), KEY);
  writeFileSync(join(dir, 'schemas/user.avsc'), value);
  writeFileSync(join(dir, 'schemas/topics.yaml'), catalogText(topics));
  return dir;
}

async function check(dir: string, ...args: string[]): Promise<Captured> {
  return checkIn(dir, args);
}

const lines = (out: string): string[] => out.split('\n').filter((l) => l.length > 0);

const register = (subject: string, ...versions: Array<[number, string]>): void => {
  registry.subjects.set(subject, versions.map(([version, schema]) => ({ version, schema })));
};

describe('which registered versions are compared', () => {
  // Listed out of order, as no registry promises an order: 10 is the latest, not 9.
  const history = (): void => {
    register('users-key', [1, KEY]);
    registry.subjects.set('users-value', [
      { version: 10, schema: recordText('User', [ID, AGE_DEFAULT]) },
      { version: 2, schema: USER_V1 },
      { version: 9, schema: USER_V1 },
      { version: 5, schema: USER_V1 },
    ]);
  };

  test('BACKWARD: the latest version by number only', async () => {
    history();
    const r = await check(project(recordText('User', [ID, AGE])), '--against', `registry:${registry.url}`);
    expect(r.stdout).toBe('');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`unilog check: no violations (1 topic compared with registry:${registry.url})\n`);
    // The media types of the Confluent API first, so a registry that serves several answers in its own.
    expect(new Set(registry.requests.map((q) => q.accept))).toEqual(new Set(['application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json, application/json']));
    expect(registry.requests.map((q) => q.path).sort()).toEqual([
      '/subjects/users-key/versions', '/subjects/users-key/versions/1', '/subjects/users-value/versions', '/subjects/users-value/versions/10',
    ]);
  });

  test('BACKWARD_TRANSITIVE: every version, each break naming the versions it breaks, oldest first', async () => {
    history();
    const r = await check(project(recordText('User', [ID, AGE]), [{ compatibility: 'BACKWARD_TRANSITIVE' }]), '--against', `registry:${registry.url}`);
    expect(r.code).toBe(100);
    expect(r.stdout).toBe(
      "schemas/user.avsc:5:14: READER_FIELD_MISSING_DEFAULT_VALUE topic 'users' value: field 'age' of record 'com.acme.User' is not in the writer's record 'com.acme.User' and has no default; the new schema cannot read data written with registered version 2, registered version 5 and registered version 9 (BACKWARD_TRANSITIVE, at /fields/1)\n",
    );
  });

  test('KEY_SCHEMA_CHANGED names the registered key version it differs from', async () => {
    register('users-key', [1, recordText('UserKey', [ID, '{"name": "region", "type": "string", "default": "eu"}'])]);
    const r = await check(project(USER_V1), '--against', `registry:${registry.url}`);
    expect(r.code).toBe(100);
    expect(r.stdout).toBe(
      "schemas/key.avsc:1:1: KEY_SCHEMA_CHANGED topic 'users' key: field 'region' was removed from 'com.acme.UserKey' since registered version 1; the same key would hash to another partition\n",
    );
  });

  test('a topic with only its value registered is compared; one the registry lacks is new', async () => {
    register('users-value', [1, USER_V1]);
    const dir = project(recordText('User', [ID, AGE]), [{}, { name: 'orders' }]);
    const r = await check(dir, '--against', `registry:${registry.url}`);
    expect(r.code).toBe(100);
    expect(r.stdout).toMatch(/^schemas\/user\.avsc:5:14: READER_FIELD_MISSING_DEFAULT_VALUE topic 'users' value: /);
    expect(r.stderr).toContain('(1 topic compared with');
  });

  test('more topics than are asked for at once: every one is compared', async () => {
    const names = Array.from({ length: 17 }, (_, i) => `t${i}`);
    for (const n of names) register(`${n}-value`, [1, USER_V1]);
    const r = await check(project(recordText('User', [ID, AGE]), names.map((name) => ({ name }))), '--against', `registry:${registry.url}`, '--format', 'json');
    expect(r.code).toBe(100);
    const out = JSON.parse(r.stdout) as { violations: Array<{ topic: string }> };
    expect(out.violations.map((v) => v.topic).sort()).toEqual([...names].sort());
    expect(r.stderr).toContain('(17 topics compared with');
    // Each subject asked for once: its versions, then (where it has some) its one version.
    expect(registry.requests).toHaveLength(17 * 3);
    expect(new Set(registry.requests.map((q) => q.path)).size).toBe(17 * 3);
  });

  test('a problem one version shows twice (a memoised pair met again) names that version once', async () => {
    // Three records of the new schema read the same writer record; the enum field's problem is the same each time.
    const wn = '{"type": "record", "name": "WN", "fields": [{"name": "f", "type": "int"}]}';
    register('users-value', [1, `{"type": "record", "name": "User", "namespace": "com.acme", "fields": [{"name": "a", "type": ${wn}}, {"name": "b", "type": "WN"}, {"name": "c", "type": "WN"}]}`]);
    const reads = (name: string, f: string): string => `{"type": "record", "name": "${name}", "aliases": ["WN"], "fields": [{"name": "f", "type": ${f}}]}`;
    const user = `{"type": "record", "name": "User", "namespace": "com.acme", "fields": [{"name": "a", "type": ${reads('P', '["null", {"type": "enum", "name": "RX", "symbols": ["A"]}]')}}, {"name": "b", "type": ${reads('D1', '"RX"')}}, {"name": "c", "type": ${reads('D2', '"RX"')}}]}`;
    const r = await check(project(user), '--against', `registry:${registry.url}`);
    expect(r.code).toBe(100);
    expect(lines(r.stdout).map((l) => l.replace(/^.*; the new schema cannot read data written with /, ''))).toEqual([
      'registered version 1 (BACKWARD, at /)',
      'registered version 1 (BACKWARD, at /fields/0/type/fields/0/type)',
    ]);
  });

  test('a version that is not Avro is skipped with a note; an explicit AVRO one is read', async () => {
    registry.subjects.set('users-value', [
      { version: 1, schema: USER_V1, schemaType: 'AVRO' },
      { version: 2, schema: 'syntax = "proto3";', schemaType: 'PROTOBUF' },
    ]);
    const r = await check(project(recordText('User', [ID, AGE]), [{ compatibility: 'BACKWARD_TRANSITIVE' }]), '--against', `registry:${registry.url}`);
    expect(r.code).toBe(100);
    expect(r.stdout).toContain('the new schema cannot read data written with registered version 1 (BACKWARD_TRANSITIVE');
    expect(r.stderr).toContain(`unilog check: note: registry:${registry.url}: users-value version 2 is PROTOBUF, not Avro; skipped\n`);
  });

  test('a version deleted between the list and its fetch is left out', async () => {
    register('users-value', [1, USER_V1], [2, recordText('User', [ID, AGE_DEFAULT])]);
    registry.answers.set('/subjects/users-value/versions/2', [404, '{"error_code":40402}']);
    const r = await check(project(recordText('User', [ID, AGE]), [{ compatibility: 'BACKWARD_TRANSITIVE' }]), '--against', `registry:${registry.url}`);
    expect(r.code).toBe(100);
    expect(r.stdout).toContain('written with registered version 1 (BACKWARD_TRANSITIVE');
  });
});

describe('what a registry baseline cannot judge', () => {
  test('an accept entry for a catalog rule: a note that it was not checked, not that it is unused', async () => {
    register('users-value', [1, USER_V1]);
    const dir = project(USER_V1);
    writeFileSync(join(dir, 'schemas/compat-accept.yaml'), 'accept:\n  - topic: users\n    rule: PARTITIONS_DECREASED\n    reason: OPS-12\n');
    const r = await check(dir, '--against', `registry:${registry.url}`, '--fail-on-unused-accept');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('unilog check: note: 1 accept entry for catalog rules not checked: this baseline has no catalog\n');
  });

  test('an error of the registry is code BASELINE in --format json', async () => {
    registry.answers.set('/subjects/users-key/versions', [503, 'busy']);
    const r = await check(project(USER_V1), '--against', `registry:${registry.url}`, '--format', 'json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({
      errors: [{ file: `registry:${registry.url}`, line: 1, col: 1, code: 'BASELINE', message: 'GET /subjects/users-key/versions: HTTP 503 busy' }],
    });
  });
});

describe('credentials', () => {
  test('given in the URL: sent as basic auth on every request, masked in what is printed', async () => {
    register('users-value', [1, USER_V1]);
    const url = registry.url.replace('http://', 'http://alice:s3cret@');
    const r = await check(project(USER_V1), '--against', `registry:${url}/`);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`unilog check: no violations (1 topic compared with registry:${registry.url.replace('http://', 'http://alice:***@')})\n`);
    const basic = `Basic ${Buffer.from('alice:s3cret').toString('base64')}`;
    expect(registry.requests.length).toBeGreaterThan(0);
    expect(registry.requests.every((q) => q.authorization === basic)).toBe(true);
  });

  test('called without a connection, the gate takes them from the URL itself', async () => {
    register('users-value', [1, USER_V1]);
    const dir = project(USER_V1);
    const report = await runCheck({
      against: { kind: 'registry', url: registry.url.replace('http://', 'http://bob:pw@') },
      schemasDir: join(dir, 'schemas'),
      catalogFile: join(dir, 'schemas/topics.yaml'),
      acceptFile: join(dir, 'schemas/compat-accept.yaml'),
      acceptRequired: false,
      failOnUnusedAccept: false,
      cwd: dir,
    });
    expect(report.against).toBe(`registry:${registry.url.replace('http://', 'http://bob:***@')}`);
    expect(report.topicsChecked).toBe(1);
    const basic = `Basic ${Buffer.from('bob:pw').toString('base64')}`;
    expect(registry.requests.map((q) => q.authorization)).toEqual([basic, basic, basic]);
  });
});

describe('what the registry answers wrong is an input error at the baseline (exit 1)', () => {
  const run = async (): Promise<Captured> => check(project(USER_V1), '--against', `registry:${registry.url}`);
  const at = (): string => `registry:${registry.url}:1:1: `;

  test('an HTTP error, with the start of its body', async () => {
    registry.answers.set('/subjects/users-key/versions', [500, `${'x'.repeat(200)}TAIL`]);
    const r = await run();
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`${at()}GET /subjects/users-key/versions: HTTP 500 ${'x'.repeat(200)}\n`);
  });

  test.each([
    ['not a list', '{"versions": [1]}'],
    ['a list of strings', '["1"]'],
    ['a list with a fraction', '[1, 1.5]'],
  ])('a version list that is %s', async (_what, body) => {
    registry.answers.set('/subjects/users-value/versions', [200, body]);
    const r = await run();
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`${at()}GET /subjects/users-value/versions: expected a list of version numbers\n`);
  });

  test("a version without 'schema'", async () => {
    registry.subjects.set('users-value', [{ version: 3 }]);
    const r = await run();
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`${at()}GET /subjects/users-value/versions/3: no 'schema' in the answer\n`);
  });

  test('a registered schema that does not load is reported where it came from', async () => {
    register('users-value', [4, '{"type": "record", "name": "User", "fields": [{"name": "n", "type": "nope"}]}']);
    const r = await run();
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^registry:${registry.url.replace(/\./g, '\\.')}/subjects/users-value/versions/4:1:\\d+: unknown type 'nope'`));
  });

  test('an unreachable registry: the reason, not just "fetch failed"', async () => {
    const url = registry.url;
    await registry.close();
    registry = await startFakeRegistry(); // for afterEach
    const r = await check(project(USER_V1), '--against', `registry:${url}`);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^registry:${url.replace(/\./g, '\\.')}:1:1: cannot reach the schema registry: connect ECONNREFUSED 127\\.0\\.0\\.1:\\d+\\n$`));
  });
});

describe('a registry with a certificate authority of its own (https)', () => {
  test('--registry-ca trusts it; without it the check cannot reach the registry and says why', async () => {
    const tls = selfSignedCertificate();
    const secure = await startFakeRegistry(tls);
    try {
      secure.subjects.set('users-key', [{ version: 1, schema: KEY }]);
      secure.subjects.set('users-value', [{ version: 1, schema: USER_V1 }]);
      const dir = project(recordText('User', [ID, AGE]));
      writeFileSync(join(dir, 'ca.crt'), tls.cert);
      const trusted = await check(dir, '--against', `registry:${secure.url}`, '--registry-ca', join(dir, 'ca.crt'));
      expect([trusted.code, lines(trusted.stdout).map((l) => l.replace(/^.*?: /, ''))]).toEqual([100, [expect.stringContaining('READER_FIELD_MISSING_DEFAULT_VALUE')]]);
      const untrusted = await check(dir, '--against', `registry:${secure.url}`);
      expect([untrusted.code, untrusted.stderr]).toEqual([1, `registry:${secure.url}:1:1: cannot reach the schema registry: self-signed certificate\n`]);
      expect(secure.requests.length).toBeGreaterThan(0);
    } finally {
      await secure.close();
    }
  });
});

/** A key and a self-signed certificate for 127.0.0.1, made by openssl for this test. */
function selfSignedCertificate(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'unilog-registry-tls-'));
  dirs.push(dir);
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
}
