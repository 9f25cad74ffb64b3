/**
 * What `unilog generate` does to a scaffolded service when the contract or the catalog changes under it: an operation
 * the contract lost is reported at its handler entry while every file of the service stays byte-identical, and a
 * topic the service produces to that another service now owns is an error, as it is for `unilog new service`.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { tableKeysFromText } from '../../generator/scaffold/sync-handlers.js';
import { REPO, workDir, writeFiles } from '../support/generate-into.js';

const BIN = join(REPO, 'bin', 'unilog.js');

function unilog(cwd: string, args: string[], env: Record<string, string> = {}): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '', ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const LIST_PETS = `  /pets:
    get:
      operationId: listPets
      responses:
        '200': { description: ok, content: { application/json: { schema: { type: array, items: { type: string } } } } }
`;
const GET_PET = `  /pets/{id}:
    get:
      operationId: getPet
      parameters:
        - { name: id, in: path, required: true, schema: { type: string } }
      responses:
        '200': { description: ok, content: { application/json: { schema: { type: string } } } }
`;
const contract = (...paths: string[]): string => `openapi: 3.1.0\ninfo: { title: Pets, version: 1.0.0 }\npaths:\n${paths.join('')}`;

function project(name: string): string {
  const dir = workDir(name);
  const files: Record<string, string> = { 'schemas/services/pets.yaml': contract(LIST_PETS, GET_PET) };
  for (const f of readdirSync(join(REPO, 'schemas'))) if (f.endsWith('.avsc') || f === 'topics.yaml') files[`schemas/${f}`] = readFileSync(join(REPO, 'schemas', f), 'utf8');
  writeFiles(dir, files);
  return dir;
}

/** Every file under `dir` (node_modules, which holds the link to unilog, left out), by relative path. */
function snapshot(dir: string, prefix = '', files: Record<string, string> = {}): Record<string, string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules') continue;
    if (e.isDirectory()) snapshot(join(dir, e.name), `${prefix}${e.name}/`, files);
    else files[`${prefix}${e.name}`] = readFileSync(join(dir, e.name), 'latin1');
  }
  return files;
}

describe('unilog generate on a scaffolded service', () => {
  test('an operation the contract lost: an error at its handler entry, exit 1, nothing written (the service still builds); removing the handler clears it', () => {
    const dir = project('scaffold-sync-removed');
    const created = unilog(dir, ['new', 'service', 'pets', '--contract', 'schemas/services/pets.yaml']);
    expect(created.code, created.err).toBe(0);
    const svc = join(dir, 'services', 'pets');
    const before = snapshot(svc);
    expect(Object.keys(before)).toContain('src/handlers/get-pet.ts');

    // Nothing changed: the text check is enough, ts-morph (and with it the TypeScript compiler) is not loaded.
    const quiet = unilog(dir, ['generate'], { NODE_DEBUG: 'esm' });
    expect(quiet.code).toBe(0);
    expect(quiet.err).toContain('ModuleLoadMap');
    expect(quiet.err).not.toContain('node_modules/ts-morph/');

    const generatedBefore = snapshot(join(dir, 'generated'));
    writeFileSync(join(dir, 'schemas/services/pets.yaml'), contract(LIST_PETS));
    const error =
      "services/pets/src/handlers/index.ts:10:3: the contract pets has no operation 'getPet' any more: " +
      'remove this entry, its import and services/pets/src/handlers/get-pet.ts, or restore the operation in schemas/services/pets.yaml\n';
    const regen = unilog(dir, ['generate']);
    expect(regen.err).toBe(error);
    expect(regen.code).toBe(1);
    const check = unilog(dir, ['generate', '--check']);
    expect(check.err).toBe(error);
    expect(check.code).toBe(1);
    expect(snapshot(svc)).toEqual(before);
    expect(snapshot(join(dir, 'generated'))).toEqual(generatedBefore);

    // The user removes the handler: generate goes on.
    const index = join(svc, 'src/handlers/index.ts');
    writeFileSync(index, readFileSync(index, 'utf8').replace("import { getPet } from './get-pet.js';\n", '').replace('  getPet,\n', ''));
    rmSync(join(svc, 'src/handlers/get-pet.ts'));
    const after = unilog(dir, ['generate']);
    expect(after.err).toBe('');
    expect(after.code).toBe(0);
  }, 120_000);

  test('a topic the service produces to that another service now owns: an error at its catalog entry, exit 1', () => {
    const dir = project('scaffold-sync-owner');
    const catalog = join(dir, 'schemas', 'topics.yaml');
    const original = readFileSync(catalog, 'utf8');
    const owned = original.replace(/(name: well-saids\n(?: {4}.*\n)*? {4}owner: )opinion-service/, '$1pets');
    expect(owned).not.toBe(original);
    writeFileSync(catalog, owned);
    const created = unilog(dir, ['new', 'service', 'pets', '--contract', 'schemas/services/pets.yaml', '--produces', 'well-saids']);
    expect(created.err).toBe('');
    expect(created.code).toBe(0);
    const svc = join(dir, 'services', 'pets');
    const before = { service: snapshot(svc), generated: snapshot(join(dir, 'generated')) };

    writeFileSync(catalog, original);
    const regen = unilog(dir, ['generate']);
    expect(regen.err).toBe(
      "schemas/topics.yaml:33:5: topic 'well-saids' is owned by opinion-service: only its owner produces to it, so pets may not (one writer per topic); " +
        "have opinion-service expose an HTTP endpoint that writes it, or make pets the topic's owner in schemas/topics.yaml\n",
    );
    expect(regen.code).toBe(1);
    expect({ service: snapshot(svc), generated: snapshot(join(dir, 'generated')) }).toEqual(before);
  }, 120_000);
});

describe('the handlers table read as text', () => {
  test.each([
    ['the scaffolded table', "import { a } from './a.js';\n\nexport const handlers: H<C> = {\n  listPets,\n  getPet, // mine, { too }\n};\n", ['listPets', 'getPet']],
    ['values and methods', "const handlers = { listPets: (r) => [r, '}'], async getPet(r) { return { r }; }, };", ['listPets', 'getPet']],
    ['a spread', 'const handlers = { ...others, getPet };', undefined],
    ['a quoted key', "const handlers = { 'getPet': x };", undefined],
    ['an accessor', 'const handlers = { get getPet() { return x; } };', undefined],
    ['no table', 'export const other = { getPet };', undefined],
  ])('%s', (_name, text, keys) => {
    expect(tableKeysFromText(text)).toEqual(keys);
  });
});
