/**
 * unilog and the generated code as npm packages, used the way a second repository uses them (docs/consuming.md):
 * unilog is packed, this repository's schemas are packed with `unilog pack`, and both tarballs are installed into a
 * fresh project of its own (its own package.json, `npm install`, nothing linked into this repository). There a small
 * consumer type-checks under `tsc --strict` against the installed `.d.ts` files, produces and consumes one typed
 * record through the real broker and registry, serves the search-service contract from the package with the installed
 * service framework, and makes one typed call to it with the package's generated client. The installed `unilog`
 * binary answers `--help` and `--version` and runs `generate`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { REPO } from '../support/generate-into.js';
import { kafkaBrokers, schemaRegistryUrl } from './infra.js';
import { unique } from './runtime-support.js';

const work = mkdtempSync(join(tmpdir(), 'unilog-package-'));
const project = join(work, 'consumer');
const SCHEMAS_PACKAGE = '@e2e/schemas';

function run(command: string, args: readonly string[], cwd: string): { status: number | null; out: string } {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

function ok(command: string, args: readonly string[], cwd: string): string {
  const r = run(command, args, cwd);
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${r.status}:\n${r.out}`);
  return r.out;
}

/** The consumer a second repository would write: every import comes from the two installed packages and kafkajs. */
const CONSUMER = `import { Kafka, logLevel } from 'kafkajs';
import { createProducer, createSchemaRegistry, defineTopic, ensureTopics, replay, type ValueOf } from 'unilog/runtime';
import { createService, defineService, notFound } from 'unilog/runtime/service';
import { User, type UserInput } from '${SCHEMAS_PACKAGE}';
import { users } from '${SCHEMAS_PACKAGE}/topics';
import { createSearchServiceClient, searchServiceContract, type UserSummary } from '${SCHEMAS_PACKAGE}/services/search-service';
import pkg from '${SCHEMAS_PACKAGE}/package.json' with { type: 'json' };

const [brokers, registryUrl, prefix] = process.argv.slice(2) as [string, string, string];
const kafka = new Kafka({ brokers: brokers.split(','), logLevel: logLevel.NOTHING });
const registry = createSchemaRegistry({ url: registryUrl });
const topic = defineTopic({ ...users, name: prefix + users.name, partitions: 1 });
await ensureTopics(kafka, [topic]);

const id = crypto.randomUUID();
const input: UserInput = {
  id, username: 'ada', displayName: 'Ada Lovelace', bio: null, verified: true, followerCount: 1815,
  status: 'ACTIVE', createdAt: new Date(Date.UTC(2025, 0, 1)), updatedAt: new Date(Date.UTC(2025, 0, 2)),
};
// @ts-expect-error: the generated write type refuses a number for a string field, so the types are not \`any\`.
const wrong: UserInput = { ...input, username: 42 };
void wrong;

const producer = createProducer(kafka, topic, { registry });
await producer.send({ key: { userId: id }, value: input });
await producer.disconnect();

// Consume it back: a replay reads the topic up to its high-watermark, decoding through the registry.
const seen = new Map<string, ValueOf<typeof users>>();
const rebuild = await replay(kafka, topic, { registry, handler: async ({ key, value }) => { if (value) seen.set(key.userId, value); } });
await rebuild.caughtUp;
await rebuild.stop();
const user: User | undefined = seen.get(id);
if (!user) throw new Error('the produced record was not consumed');

// The search-service contract from the package, served by the installed framework, called with the typed client.
const summary = (u: User): UserSummary => ({ id: u.id, username: u.username, displayName: u.displayName, bio: u.bio, verified: u.verified, followerCount: u.followerCount });
const service = await createService(
  defineService({
    contract: searchServiceContract,
    handlers: {
      getUser: ({ params }) => { const u = seen.get(params.id); if (!u) throw notFound('no user ' + params.id); return summary(u); },
      searchUsers: ({ query }) => ({ query: query.q, results: [...seen.values()].filter((u) => u.username.includes(query.q)).map(summary) }),
    },
  }),
  { config: { server: { host: '127.0.0.1', port: 0 }, admin: { host: '127.0.0.1', port: 0 }, logging: { level: 'silent' } } },
);
const { app } = await service.start();
const client = createSearchServiceClient({ baseUrl: app });
const answer: UserSummary = await client.getUser({ params: { id } });
const missing = await client.getUser.result({ params: { id: crypto.randomUUID() } });
await service.stop();

console.log(JSON.stringify({
  consumed: { id: user.id, username: user.username, status: user.status, email: user.email, interests: user.interests, createdAt: user.createdAt.toISOString() },
  roundTrip: User.decode(User.encode(input)).username,
  answer,
  missing: missing.ok ? 'found' : missing.body.error.code,
  schemaHash: pkg.unilog.schemaHash,
}));
`;

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2023', 'DOM'], types: ['node'],
    strict: true, noUncheckedIndexedAccess: true, skipLibCheck: true, resolveJsonModule: true, outDir: 'dist',
  },
  include: ['main.ts', 'generated'],
};

let tarballs: { unilog: string; schemas: string };

beforeAll(async () => {
  // unilog as npm publishes it. CI has just built dist/ (`npm test`); npm runs `prepare` (the build) on a plain
  // `npm pack`, which --ignore-scripts skips here to keep the test short.
  readFileSync(join(REPO, 'dist', 'runtime', 'index.d.ts'));
  const unilog = JSON.parse(ok('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], REPO)) as [{ filename: string }];
  const packed = ok(process.execPath, [join(REPO, 'bin', 'unilog.js'), 'pack', '--name', SCHEMAS_PACKAGE, '--version', '1.0.0', '--out', join(work, 'schemas')], REPO);
  expect(packed).toMatch(/^wrote @e2e\/schemas@1\.0\.0 \(\d+ modules, schemas sha256-[0-9a-f]{16}\)/);
  const schemas = readdirSync(work).find((f) => f.startsWith('e2e-schemas-1.0.0') && f.endsWith('.tgz'));
  tarballs = { unilog: join(work, unilog[0].filename), schemas: join(work, schemas!) };

  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({
    name: 'consumer', private: true, type: 'module',
    dependencies: { unilog: `file:${tarballs.unilog}`, [SCHEMAS_PACKAGE]: `file:${tarballs.schemas}`, kafkajs: '^2.2.4' },
    devDependencies: { '@types/node': '^20.19.0' },
  }, null, 2));
  // The npm cache is warm on a machine that ran `npm ci` here: take what it holds without asking the registry.
  ok('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], project);
  writeFileSync(join(project, 'main.ts'), CONSUMER);
  writeFileSync(join(project, 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2));
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('unilog and the generated package installed into a fresh project', () => {
  test('the tarballs hold built JavaScript with declarations, and no sources, tests or services', () => {
    const unilogFiles = execFileSync('tar', ['-tzf', tarballs.unilog], { encoding: 'utf8' }).split('\n');
    expect(unilogFiles).toEqual(expect.arrayContaining(['package/bin/unilog.js', 'package/dist/runtime/index.js', 'package/dist/runtime/index.d.ts', 'package/dist/generator/cli/main.js', 'package/templates/service/package.json.hbs']));
    expect(unilogFiles.filter((f) => /\.ts$/.test(f) && !f.endsWith('.d.ts'))).toEqual([]);
    expect(unilogFiles.filter((f) => /^package\/(test|services|generated|bench|schemas)\//.test(f))).toEqual([]);
    const installed = JSON.parse(readFileSync(join(project, 'node_modules', SCHEMAS_PACKAGE, 'package.json'), 'utf8')) as { exports: Record<string, unknown>; peerDependencies: Record<string, string> };
    expect(Object.keys(installed.exports)).toEqual(expect.arrayContaining(['.', './topics', './types/com.state.users', './services/search-service', './package.json']));
    expect(installed.peerDependencies).toEqual({ unilog: '^0.1.0' });
  });

  test('the installed binary answers --help and --version and generates code that type-checks with the consumer', () => {
    expect(ok('npx', ['--no-install', 'unilog', '--help'], project)).toContain('Usage: unilog <command> [options]');
    expect(ok('npx', ['--no-install', 'unilog', '--version'], project).trim()).toBe('0.1.0');
    // Private unilog paths stay private: only the three entry points are exported.
    const deep = run(process.execPath, ['--input-type=module', '-e', "await import('unilog/runtime/kafka/partition.js')"], project);
    expect(deep.out).toContain('ERR_PACKAGE_PATH_NOT_EXPORTED');

    mkdirSync(join(project, 'schemas'));
    writeFileSync(join(project, 'schemas', 'note.avsc'), JSON.stringify({ type: 'record', name: 'Note', namespace: 'com.example', fields: [{ name: 'text', type: 'string' }] }));
    expect(ok('npx', ['--no-install', 'unilog', 'generate'], project)).toMatch(/^generated \d+ files in generated from 1 named types/);
    // Type-check the consumer and the freshly generated code together, against the installed declarations only.
    expect(run(process.execPath, [join(project, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.'], project).out).toBe('');
  }, 180_000);

  // Runs dist/main.js, which the type-check above compiled.
  test('the consumer produces and consumes a typed record and calls the contract through the typed client', () => {
    const out = ok(process.execPath, [join(project, 'dist', 'main.js'), kafkaBrokers().join(','), schemaRegistryUrl(), `${unique('pkg')}.`], project);
    const result = JSON.parse(out.trim().split('\n').pop()!) as Record<string, unknown>;
    const answer = result['answer'] as { id: string };
    expect(result).toEqual({
      // Read through the registry: fields left out on write come back with their schema defaults.
      consumed: { id: answer.id, username: 'ada', status: 'ACTIVE', email: null, interests: [], createdAt: '2025-01-01T00:00:00.000Z' },
      roundTrip: 'ada',
      answer: { id: answer.id, username: 'ada', displayName: 'Ada Lovelace', bio: null, verified: true, followerCount: 1815 },
      missing: 'NOT_FOUND',
      schemaHash: expect.stringMatching(/^sha256-[0-9a-f]{16}$/),
    });
  }, 120_000);
});
