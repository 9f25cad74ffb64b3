/** `unilog generate` with service contracts: the generated module, its types under tsc, errors, and lazy loading. */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { REPO, workDir, writeFiles } from '../support/generate-into.js';
import { typecheck } from '../support/typecheck.js';

const BIN = join(REPO, 'bin', 'unilog.js');

function unilog(cwd: string, args: string[], env: Record<string, string> = {}): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const AVRO = { 'schemas/a.avsc': '{"type":"record","name":"A","namespace":"x","fields":[{"name":"b","type":"string"}]}' };
const CONTRACT = `openapi: 3.1.0
info: { title: Pets, version: 1.0.0 }
paths:
  /pets:
    get:
      operationId: listPets
      parameters:
        - { name: limit, in: query, schema: { type: integer } }
      responses:
        '200': { description: ok, content: { application/json: { schema: { type: array, items: { $ref: '#/components/schemas/Pet' } } } } }
    post:
      operationId: createPet
      requestBody: { required: true, content: { application/json: { schema: { $ref: '#/components/schemas/NewPet' } } } }
      responses:
        '201': { description: created, content: { application/json: { schema: { $ref: '#/components/schemas/Pet' } } } }
        '409': { description: exists, content: { application/json: { schema: { $ref: '#/components/schemas/Error' } } } }
  /pets/{id}:
    get:
      operationId: getPet
      parameters:
        - { name: id, in: path, required: true, schema: { type: string } }
      responses:
        '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Pet' } } } }
        '404': { description: missing, content: { application/json: { schema: { $ref: '#/components/schemas/Error' } } } }
components:
  schemas:
    Pet: { type: object, required: [id, name], properties: { id: { type: string }, name: { type: string } } }
    NewPet: { type: object, required: [name], properties: { name: { type: string } } }
    Error: { type: object, required: [error], properties: { error: { type: object, required: [code], properties: { code: { type: string } } } } }
`;

// Compile-time checks of the generated handler and client types: each @ts-expect-error must be an error.
const USE = `import { createPetsClient, type ErrorBody, type PetsHandlers, type Pet } from '../generated/services/pets.js';
import { reply } from 'unilog/runtime/service/contract';

export const handlers: PetsHandlers<{ pets: Pet[] }> = {
  listPets: ({ query }, { pets }) => pets.slice(0, query.limit ?? 10),
  createPet: ({ body }, { pets }) => (pets.some((p) => p.name === body.name) ? reply(409, { error: { code: 'EXISTS' } }) : reply(201, { id: '1', name: body.name })),
  // @ts-expect-error a 404 body must be an Error
  getPet: ({ params }) => (params.id ? { id: params.id, name: 'x' } : reply(404, { nope: true })),
};

export async function use(): Promise<string> {
  const client = createPetsClient({ baseUrl: 'http://127.0.0.1:1' });
  const pets: Pet[] = await client.listPets({ query: { limit: 1 } });
  await client.listPets();
  const pet = await client.getPet({ params: { id: 'a' } });
  // @ts-expect-error path params are required
  await client.getPet();
  // @ts-expect-error the body needs a name
  await client.createPet({ body: {} });
  const r = await client.createPet.result({ body: { name: 'rex' } });
  if (!r.ok && r.status === 409) return r.body.error.code;
  // The contract's Error schema is ErrorBody: the global Error is still the global.
  const problem: ErrorBody = { error: { code: 'E' } };
  if (!problem.error.code) throw new Error('no code');
  try {
    await client.getPet({ params: { id: 'b' } });
  } catch (e) {
    if (client.getPet.isError(e)) {
      const status: 404 = e.status;
      return e.body.error.code + status;
    }
  }
  return pets.length + pet.name;
}
`;

const ACCOUNTS = `openapi: 3.1.0
info: { title: Accounts, version: 1.0.0 }
paths:
  /accounts:
    post:
      operationId: createAccount
      requestBody: { required: true, content: { application/json: { schema: { $ref: '#/components/schemas/Account' } } } }
      responses:
        '201': { description: created, content: { application/json: { schema: { $ref: '#/components/schemas/Account' } } } }
components:
  schemas:
    Account:
      type: object
      required: [id, email, password]
      properties:
        id: { type: string, readOnly: true }
        email: { type: string }
        password: { type: string, writeOnly: true }
`;

// readOnly/writeOnly in the types: requests never carry `id`, responses never carry `password`.
const USE_ACCOUNTS = `import { createAccountsClient, type AccountsHandlers, type Account, type AccountInput } from '../generated/services/accounts.js';
import { reply } from 'unilog/runtime/service/contract';

export const handlers: AccountsHandlers = {
  createAccount: ({ body }) => {
    const password: string = body.password;
    const noId: undefined = body.id; // read-only: never in a request
    // The response needs the read-only id and may leave out the write-only password.
    return reply(201, { id: 'a1', email: body.email + password + String(noId) });
  },
};

export async function use(): Promise<string> {
  const client = createAccountsClient({ baseUrl: 'http://127.0.0.1:1' });
  const input: AccountInput = { email: 'e', password: 'p' };
  const created: Account = await client.createAccount({ body: input });
  // @ts-expect-error the read-only id may not be sent
  const withId: AccountInput = { id: 'x', email: 'e', password: 'p' };
  const id: string = created.id;
  // @ts-expect-error a response has no write-only password
  const leaked: string = created.password;
  return id + leaked + String(withId);
}
`;

describe('unilog generate with service contracts', () => {
  test('readOnly and writeOnly shape the request and response types', () => {
    const dir = workDir('cli-contracts-rw');
    writeFiles(dir, { ...AVRO, 'schemas/services/accounts.yaml': ACCOUNTS, 'src/use.ts': USE_ACCOUNTS });
    const r = unilog(dir, ['generate']);
    expect(r.stderr).toBe('');
    const module = readFileSync(join(dir, 'generated/services/accounts.ts'), 'utf8');
    expect(module).toContain("export type Account = $svc.Readable<components['schemas']['Account']>;");
    expect(module).toContain("export type AccountInput = $svc.Writable<components['schemas']['Account']>;");
    expect(module).toContain('id: { type: "string", readOnly: true }');
    expect(typecheck([join(dir, 'src/use.ts')])).toEqual([]);
  });

  test('emits a typed module per contract that tsc accepts, deterministically', () => {
    const dir = workDir('cli-contracts');
    writeFiles(dir, { ...AVRO, 'schemas/services/pets.yaml': CONTRACT, 'src/use.ts': USE });
    const first = unilog(dir, ['generate']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const module = readFileSync(join(dir, 'generated/services/pets.ts'), 'utf8');
    const openapi = readFileSync(join(dir, 'generated/services/pets.openapi.ts'), 'utf8');
    // openapi-typescript's output is a module of its own; unilog's imports what it needs and says each thing once.
    expect(openapi.startsWith('// Generated by unilog from schemas/services/pets.yaml.\n')).toBe(true);
    expect(openapi).toContain('export interface operations {');
    expect(module.startsWith('// Generated by unilog from schemas/services/pets.yaml.\n')).toBe(true);
    expect(module).toContain("import type { components, operations } from './pets.openapi.js';");
    expect(module).not.toContain('?: never');
    expect(module).toContain('export const petsContract: $svc.Contract<PetsOperations> = $svc.defineContract({');
    expect(module).toContain('export function createPetsClient(options: $svc.ServiceClientOptions): PetsClient {');
    expect(module).toContain("export type Pet = components['schemas']['Pet'];");
    expect(module).toContain("export type ErrorBody = components['schemas']['Error'];");
    expect(module).not.toMatch(/export type Error\b/);
    expect(unilog(dir, ['generate']).stdout).toMatch(/\(no changes[;)]/);
    expect(readFileSync(join(dir, 'generated/services/pets.ts'), 'utf8')).toBe(module);
    expect(unilog(dir, ['generate', '--check']).code).toBe(0);
    expect(typecheck([join(dir, 'src/use.ts')])).toEqual([]);
  });

  test('a bad contract: file:line:col, exit 1, nothing written', () => {
    const dir = workDir('cli-contracts-bad');
    writeFiles(dir, { ...AVRO, 'schemas/services/pets.yaml': CONTRACT.replace('operationId: getPet', 'operationId: get-pet') });
    const r = unilog(dir, ['generate']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('schemas/services/pets.yaml:19:20: operationId "get-pet" must be an identifier (letters, digits, _ or $; it names the handler)\n');
    expect(existsSync(join(dir, 'generated'))).toBe(false);
  });

  test('an unchanged contract is not compiled again (its types come from the cache); a changed one is', () => {
    const dir = workDir('cli-contracts-cache');
    // Unique to this run, so that the cache (shared through the repo's node_modules) cannot already hold it.
    const contract = CONTRACT.replace('version: 1.0.0', `version: 1.0.${Date.now()}`);
    writeFiles(dir, { ...AVRO, 'schemas/services/pets.yaml': contract });
    const first = unilog(dir, ['generate'], { NODE_DEBUG: 'esm' });
    expect(first.code).toBe(0);
    expect(first.stderr).toContain('node_modules/openapi-typescript/');
    const module = readFileSync(join(dir, 'generated/services/pets.ts'), 'utf8');
    const again = unilog(dir, ['generate', '--check'], { NODE_DEBUG: 'esm' });
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('ModuleLoadMap');
    expect(again.stderr).not.toContain('node_modules/openapi-typescript/');
    writeFiles(dir, { 'schemas/services/pets.yaml': contract.replace('name: limit', 'name: max') });
    const changed = unilog(dir, ['generate'], { NODE_DEBUG: 'esm' });
    expect(changed.code).toBe(0);
    expect(changed.stderr).toContain('node_modules/openapi-typescript/');
    expect(readFileSync(join(dir, 'generated/services/pets.ts'), 'utf8')).not.toBe(module);
  });

  test('a project without contracts never loads openapi-typescript', () => {
    const dir = workDir('cli-contracts-none');
    writeFiles(dir, AVRO);
    const r = unilog(dir, ['generate'], { NODE_DEBUG: 'esm' });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('ModuleLoadMap'); // the ESM debug log is on, so a load would show
    for (const heavy of ['openapi-typescript', 'ts-morph', 'handlebars']) expect(r.stderr).not.toContain(`node_modules/${heavy}/`);
    // Nor the contract readers or the service sync: one directory check each.
    for (const module of ['contracts/compile-contracts.js', 'contracts/read-contract.js', 'scaffold/sync-services.js']) expect(r.stderr).not.toContain(module);
  });
});
