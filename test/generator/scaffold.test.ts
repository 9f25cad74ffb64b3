/**
 * `unilog new service` and the regeneration that follows a contract change, as a user runs them: the scaffolded
 * project compiles under tsc --strict and its own test passes; a new operation gets a stub while every byte the user
 * wrote stays; topics are checked against the catalog (consuming another service's internal topic, or producing to
 * a topic another service owns, is refused).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { REPO, workDir, writeFiles } from '../support/generate-into.js';

const BIN = join(REPO, 'bin', 'unilog.js');
const TSC = join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');
const VITEST = join(REPO, 'node_modules', 'vitest', 'vitest.mjs');

function run(cwd: string, args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const unilog = (cwd: string, ...args: string[]) => run(cwd, [BIN, ...args]);

const CONTRACT = `openapi: 3.1.0
info: { title: Pets, version: 1.0.0 }
paths:
  /pets:
    get:
      operationId: listPets
      summary: Pets, the newest first.
      parameters:
        - { name: limit, in: query, schema: { type: integer, minimum: 1, default: 10 } }
      responses:
        '200': { description: ok, content: { application/json: { schema: { type: array, items: { $ref: '#/components/schemas/Pet' } } } } }
    post:
      operationId: createPet
      requestBody: { required: true, content: { application/json: { schema: { $ref: '#/components/schemas/NewPet' } } } }
      responses:
        '201': { description: created, content: { application/json: { schema: { $ref: '#/components/schemas/Pet' } } } }
  /pets/{id}:
    get:
      operationId: getPet
      parameters:
        - { name: id, in: path, required: true, schema: { type: string } }
      responses:
        '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Pet' } } } }
        '404': { description: missing, content: { application/json: { schema: { $ref: '#/components/schemas/Error' } } } }
  /pets/{id}/photo:
    put:
      operationId: putPhoto
      parameters:
        - { name: id, in: path, required: true, schema: { type: string } }
      requestBody: { content: { application/json: { schema: { type: object, properties: { url: { type: string } } } } } }
      responses:
        '204': { description: stored }
components:
  schemas:
    Pet: { type: object, required: [id, name], properties: { id: { type: string }, name: { type: string } } }
    NewPet: { type: object, required: [name], properties: { name: { type: string } } }
    Error: { type: object, required: [error, requestId], properties: { error: { type: object }, requestId: { type: string } } }
`;

const NEW_OPERATION = `  /pets/{id}/owner:
    get:
      operationId: getOwner
      parameters:
        - { name: id, in: path, required: true, schema: { type: string } }
      responses:
        '200': { description: ok, content: { application/json: { schema: { type: object, properties: { name: { type: string } } } } } }
`;

function project(name: string): string {
  const dir = workDir(name);
  const files: Record<string, string> = { 'schemas/services/pets.yaml': CONTRACT };
  for (const f of readdirSync(join(REPO, 'schemas'))) if (f.endsWith('.avsc') || f === 'topics.yaml') files[`schemas/${f}`] = readFileSync(join(REPO, 'schemas', f), 'utf8');
  writeFiles(dir, files);
  return dir;
}

describe('unilog new service', () => {
  test('scaffolds a project that compiles under --strict and whose test passes; a new operation keeps user code', () => {
    const dir = project('scaffold-pets');
    // Only a topic's owner produces to it: here pets owns well-saids.
    const catalog = join(dir, 'schemas', 'topics.yaml');
    writeFileSync(catalog, readFileSync(catalog, 'utf8').replace(/(name: well-saids\n(?: {4}.*\n)*? {4}owner: )opinion-service/, '$1pets'));
    const created = unilog(dir, 'new', 'service', 'pets', '--contract', 'schemas/services/pets.yaml', '--consumes', 'users,opinions', '--produces', 'well-saids');
    expect(created.err).toBe('');
    expect(created.code).toBe(0);
    expect(created.out).toContain('created services/pets: 20 files, 4 handler stub(s), 2 consumer(s), 1 producer(s)');
    const svc = join(dir, 'services', 'pets');
    const handlers = readdirSync(join(svc, 'src', 'handlers')).sort();
    expect(handlers).toEqual(['create-pet.ts', 'get-pet.ts', 'index.ts', 'list-pets.ts', 'put-photo.ts']);
    expect(readdirSync(join(svc, 'src', 'consumers')).sort()).toEqual(['opinions.ts', 'users.ts']);
    const context = readFileSync(join(svc, 'src', 'context.ts'), 'utf8');
    expect(context).toContain("env.kafka.replay(topics['users'], (record) => onUsers(record, ctx));");
    expect(context).toContain("env.kafka.consumer(topics['opinions'], (record) => onOpinions(record, ctx));");
    expect(context).toContain("'well-saids': env.kafka.producer(topics['well-saids']),");
    expect(run(svc, [TSC, '-p', 'tsconfig.json']).out).toBe('');
    const tested = run(svc, [VITEST, 'run']);
    expect(tested.code, tested.out + tested.err).toBe(0);
    // `npx unilog` from the service folder finds the command (node_modules/.bin, as npm links a dependency's bin).
    expect(run(svc, [join(svc, 'node_modules', '.bin', 'unilog'), '--version']).out).toMatch(/^\d+\.\d+\.\d+\n$/);

    // The user implements an operation and edits the handler table; then the contract gains an operation.
    const own = join(svc, 'src', 'handlers', 'list-pets.ts');
    writeFileSync(own, `import type { PetsHandler } from '../../../../generated/services/pets.js';
import type { AppContext } from '../context.js';

// Mine: never touched by unilog.
export const listPets: PetsHandler<'listPets', AppContext> = ({ query }) => [{ id: '1', name: \`\${query.limit}\` }];
`);
    const index = join(svc, 'src', 'handlers', 'index.ts');
    writeFileSync(index, readFileSync(index, 'utf8').replace('  getPet,\n', '  getPet, // mine too\n'));
    const before = Object.fromEntries(['list-pets.ts', 'create-pet.ts', 'get-pet.ts', 'put-photo.ts', 'index.ts'].map((f) => [f, readFileSync(join(svc, 'src', 'handlers', f), 'utf8')]));
    const contextBefore = readFileSync(join(svc, 'src', 'context.ts'), 'utf8');
    writeFileSync(join(dir, 'schemas/services/pets.yaml'), CONTRACT.replace('components:\n', `${NEW_OPERATION}components:\n`));

    const check = unilog(dir, 'generate', '--check');
    expect(check.code).toBe(1);
    expect(check.err).toContain("services/pets: no handler for operation 'getOwner'");
    const regen = unilog(dir, 'generate');
    expect(regen.err).toBe('');
    expect(regen.out).toContain('added services/pets/src/handlers/get-owner.ts\nupdated services/pets/src/handlers/index.ts\n');
    for (const f of ['list-pets.ts', 'create-pet.ts', 'get-pet.ts', 'put-photo.ts']) expect(readFileSync(join(svc, 'src', 'handlers', f), 'utf8')).toBe(before[f]);
    expect(readFileSync(join(svc, 'src', 'context.ts'), 'utf8')).toBe(contextBefore);
    const after = readFileSync(index, 'utf8');
    // Every old line is still there, in order; the only new lines are the import and the table entry.
    const added = after.split('\n').filter((l) => !before['index.ts']!.split('\n').includes(l));
    expect(added).toEqual(["import { getOwner } from './get-owner.js';", '  getOwner,']);
    expect(after.replace("import { getOwner } from './get-owner.js';\n", '').replace('  getOwner,\n', '')).toBe(before['index.ts']);
    expect(unilog(dir, 'generate', '--check').code).toBe(0);
    expect(unilog(dir, 'generate').out).not.toContain('updated');
    expect(run(svc, [TSC, '-p', 'tsconfig.json']).out).toBe('');
    const retested = run(svc, [VITEST, 'run']);
    expect(retested.code, retested.out + retested.err).toBe(0);
  }, 240_000);

  test.each([
    ["another service's internal topic", ['--consumes', 'activity-feed'], "schemas/topics.yaml:52:5: topic 'activity-feed' is internal to feed-service: pets may not consume it (only shared topics are an API between services)"],
    [
      "to produce to another service's topic",
      ['--consumes', 'users', '--produces', 'well-saids'],
      "schemas/topics.yaml:33:5: topic 'well-saids' is owned by opinion-service: only its owner produces to it, so pets may not (one writer per topic); have opinion-service expose an HTTP endpoint that writes it, or make pets the topic's owner in schemas/topics.yaml",
    ],
    ['an unknown topic', ['--consumes', 'nope'], "--consumes: unknown topic 'nope' (the catalog schemas/topics.yaml has users, user-connections, opinions, well-saids, users-with-connections, activity-feed, segment-events, users-with-connections.by-user)"],
    [
      'an unknown topic and an ownership violation, both reported',
      ['--produces', 'well-saids,nope'],
      "--produces: unknown topic 'nope' (the catalog schemas/topics.yaml has users, user-connections, opinions, well-saids, users-with-connections, activity-feed, segment-events, users-with-connections.by-user)\n" +
        "schemas/topics.yaml:33:5: topic 'well-saids' is owned by opinion-service: only its owner produces to it, so pets may not (one writer per topic); have opinion-service expose an HTTP endpoint that writes it, or make pets the topic's owner in schemas/topics.yaml",
    ],
    ['a contract outside the contracts folder', ['--contract', 'schemas/topics.yaml'], 'unilog new: the contract must be in schemas/services, where `unilog generate` reads contracts'],
    ['no contract', ['--contract', 'schemas/services/nope.yaml'], 'unilog new: contract not found: schemas/services/nope.yaml'],
  ])('refuses %s: exit 1, nothing written', (_name, extra, message) => {
    const dir = project('scaffold-refused');
    const args = extra.includes('--contract') ? extra : ['--contract', 'schemas/services/pets.yaml', ...extra];
    const r = unilog(dir, 'new', 'service', 'pets', ...args);
    expect(r.err).toBe(`${message}\n`);
    expect(r.code).toBe(1);
    expect(readdirSync(dir).sort()).toEqual(['schemas']);
  });

  test('refuses a bad name, another kind, and a folder in use', () => {
    const dir = project('scaffold-usage');
    expect(unilog(dir, 'new', 'service', 'Pets', '--contract', 'schemas/services/pets.yaml').err).toBe(
      "unilog new: service name 'Pets' must be lowercase letters, digits and '-' (e.g. search-service)\n",
    );
    expect(unilog(dir, 'new', 'job', 'x').err).toBe("unilog new: cannot create 'job' (only: unilog new service <name>)\n");
    writeFiles(dir, { 'services/pets/keep.txt': 'mine' });
    const r = unilog(dir, 'new', 'service', 'pets', '--contract', 'schemas/services/pets.yaml');
    expect(r.code).toBe(1);
    expect(r.err).toBe('unilog new: services/pets exists and is not empty\n');
  });
});
