/**
 * The CLI verbs on a secured cluster and registry: `unilog topics --create` on the broker's SASL_SSL listener (the dev
 * CA, SASL/PLAIN), and `registry diff`/`check --against registry:` through an HTTPS front with basic auth whose
 * certificate the dev CA signed. A wrong password or an untrusted certificate is one line and exit 1, and no secret
 * appears in any output.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { topicDrift } from '../../runtime/index.js';
import { REPO } from '../support/generate-into.js';
import { saslSsl, schemaRegistryUrl } from './infra.js';
import { kafka, unique } from './runtime-support.js';

const BIN = join(REPO, 'bin', 'unilog.js');
const { brokers, tlsDir, username, password } = saslSsl();
const CA = join(tlsDir, 'ca.pem');
const CATALOG_SIZE = 8;

async function unilog(args: string[], env: Record<string, string>): Promise<{ code: number; out: string; stdout: string; stderr: string }> {
  // Only what the test gives: no KAFKA_* or SCHEMA_REGISTRY_* from the runner's environment.
  const base = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '' };
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], { cwd: REPO, encoding: 'utf8', env: { ...base, ...env } });
    return { code: 0, out: stdout + stderr, stdout, stderr };
  } catch (e) {
    const failed = e as { code: number; stdout: string; stderr: string };
    return { code: failed.code, out: failed.stdout + failed.stderr, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('unilog topics over SASL_SSL', () => {
  const secure = ['--brokers', brokers, '--kafka-ca', CA, '--kafka-sasl-mechanism', 'PLAIN', '--kafka-sasl-username', username];

  test('--create creates the catalog\'s topics through TLS and SASL/PLAIN, the password taken from the environment', { timeout: 60_000 }, async () => {
    const prefix = `${unique('sasl')}.`;
    const r = await unilog(['topics', '--create', '--prefix', prefix, ...secure], { KAFKA_SASL_PASSWORD: password });
    expect(r.stderr).toBe(`unilog topics: the ${CATALOG_SIZE} topics of schemas/topics.yaml match ${brokers}\n`);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`created ${prefix}users (6 partitions, cleanup.policy=compact)\n`);
    expect(r.out).not.toContain(password);
    // Created on the cluster, as seen through the plain listener.
    expect(await topicDrift(kafka(), [{ name: `${prefix}users`, partitions: 6, cleanupPolicy: 'compact' }])).toEqual([]);
  });

  test('the same settings from the environment alone', { timeout: 60_000 }, async () => {
    const r = await unilog(['topics', '--prefix', `${unique('sasl-env')}.`, '--brokers', brokers], {
      KAFKA_SSL_CA: CA, KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: username, KAFKA_SASL_PASSWORD: password,
    });
    expect(r.code).toBe(100); // every topic missing under a fresh prefix: the cluster answered
    expect(r.stderr).toContain(`${CATALOG_SIZE} of ${CATALOG_SIZE} topics differ`);
  });

  test('a wrong password is one line and exit 1, naming the failure and not the password', { timeout: 60_000 }, async () => {
    const wrong = 'not-the-password-42';
    const r = await unilog(['topics', ...secure], { KAFKA_SASL_PASSWORD: wrong });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`^unilog topics: Kafka at ${brokers}: SASL PLAIN authentication failed[^\\n]*\\n$`));
    expect(r.out).not.toContain(wrong);
  });

  test('a broker certificate from a CA the CLI was not told to trust is one line and exit 1', { timeout: 60_000 }, async () => {
    const r = await unilog(['topics', '--brokers', brokers, '--kafka-ssl', '--kafka-sasl-mechanism', 'plain', '--kafka-sasl-username', username], { KAFKA_SASL_PASSWORD: password });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^unilog topics: Kafka at [^\n]*certificate[^\n]*\n$/);
    expect(r.out).not.toContain(password);
  });
});

describe('registry verbs over HTTPS with basic auth', () => {
  const secret = 'registry-secret-7';
  let front: Server;
  let url: string;
  beforeAll(async () => {
    // An HTTPS front to the dev registry that asks for basic auth, as Confluent Cloud does; its certificate is the dev
    // broker's (127.0.0.1, signed by the dev CA).
    const expected = `Basic ${Buffer.from(`ci:${secret}`).toString('base64')}`;
    front = createServer({ key: readFileSync(join(tlsDir, 'broker.key')), cert: readFileSync(join(tlsDir, 'broker.crt')) }, (req, res) => {
      if (req.headers.authorization !== expected) {
        res.writeHead(401, { 'content-type': 'application/json' }).end('{"error_code":401,"message":"Unauthorized"}');
        return;
      }
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const target = `${new URL(schemaRegistryUrl()).origin}${req.url ?? '/'}`;
        const body = chunks.length ? Buffer.concat(chunks) : null;
        void fetch(target, { method: req.method ?? 'GET', headers: { 'content-type': req.headers['content-type'] ?? 'application/json' }, body })
          .then(async (answer) => res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' }).end(Buffer.from(await answer.arrayBuffer())))
          .catch(() => res.writeHead(502).end());
      });
    });
    await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
    url = `https://127.0.0.1:${(front.address() as { port: number }).port}${new URL(schemaRegistryUrl()).pathname}`;
  });
  afterAll(() => new Promise<void>((resolve) => front.close(() => resolve())));

  test('registry diff with --registry-ca and the credentials from the environment', { timeout: 60_000 }, async () => {
    const prefix = `${unique('reg-tls')}.`;
    const r = await unilog(['registry', 'diff', '--url', url, '--registry-ca', CA, '--prefix', prefix], { SCHEMA_REGISTRY_USERNAME: 'ci', SCHEMA_REGISTRY_PASSWORD: secret });
    expect(r.stderr).toBe(`unilog registry: ${CATALOG_SIZE * 2} of ${CATALOG_SIZE * 2} subjects differ from ${url}\n`);
    expect(r.code).toBe(100);
    expect(r.out).not.toContain(secret);
  });

  test('registry push with the credentials in the URL, then diff finds nothing', { timeout: 60_000 }, async () => {
    const prefix = `${unique('reg-push')}.`;
    const withCredentials = url.replace('https://', `https://ci:${secret}@`);
    const push = await unilog(['registry', 'push', '--url', withCredentials, '--prefix', prefix], { SCHEMA_REGISTRY_CA: CA });
    expect(push.code).toBe(0);
    expect(push.stdout).toContain(`${prefix}users-value: registered as version 1`);
    expect(push.out).not.toContain(secret);
    const diff = await unilog(['registry', 'diff', '--url', withCredentials, '--prefix', prefix], { SCHEMA_REGISTRY_CA: CA });
    expect(diff.stderr).toBe(`unilog registry: the ${CATALOG_SIZE * 2} subjects of the catalog are in step with ${url}\n`);
  });

  test('a wrong registry password is one line and exit 1, and the password is in no output', { timeout: 60_000 }, async () => {
    const wrong = 'wrong-registry-secret';
    const r = await unilog(['registry', 'diff', '--url', url, '--registry-ca', CA], { SCHEMA_REGISTRY_USERNAME: 'ci', SCHEMA_REGISTRY_PASSWORD: wrong });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^unilog registry: schema registry [^\n]*HTTP 401: Unauthorized\n$/);
    expect(r.out).not.toContain(wrong);
  });

  test('without the CA the registry\'s certificate is refused: one line, exit 1', { timeout: 60_000 }, async () => {
    const r = await unilog(['registry', 'diff', '--url', url], { SCHEMA_REGISTRY_USERNAME: 'ci', SCHEMA_REGISTRY_PASSWORD: secret });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^unilog registry: schema registry [^\n]*cannot reach the registry \([^\n]*certificate[^\n]*\)\n$/);
    expect(r.out).not.toContain(secret);
  });

  test('check --against registry: with --registry-ca and basic auth compares with the registered versions', { timeout: 60_000 }, async () => {
    const r = await unilog(['check', '--against', `registry:${url}`, '--registry-ca', CA], { SCHEMA_REGISTRY_USERNAME: 'ci', SCHEMA_REGISTRY_PASSWORD: secret });
    expect(r.stderr).toMatch(/unilog check: no violations/);
    expect(r.code).toBe(0);
    expect(r.out).not.toContain(secret);
    const refused = await unilog(['check', '--against', `registry:${url}`, '--registry-ca', CA], { SCHEMA_REGISTRY_USERNAME: 'ci', SCHEMA_REGISTRY_PASSWORD: 'nope-wrong' });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/HTTP 401/);
    expect(refused.out).not.toContain('nope-wrong');
  });
});
