/** The application port in-process (`inject()`): contract validation, error shape, statuses, request ids. */
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Service, ServiceEnvironment } from '../../runtime/service/index.js';
import { petsServiceFor } from './support/pets-service.js';

let service: Service;
beforeAll(async () => {
  service = await petsServiceFor({ server: { port: 0, host: '127.0.0.1', bodyLimit: 200 } });
});
afterAll(() => service.stop());

const ID = '9b2c6a1e-3f4d-4e5a-8b7c-1d2e3f4a5b6c';
const inject = (opts: InjectOptions) => service.app.inject(opts);

describe('requests validated from the contract', () => {
  it.each([
    ['a query value below its minimum', { method: 'GET', url: '/pets?limit=0' }, 'query.limit', 'query.limit must be >= 1'],
    ['a query value of the wrong type', { method: 'GET', url: '/pets?limit=many' }, 'query.limit', 'query.limit must be integer'],
    ['a missing required query value', { method: 'GET', url: '/slow' }, 'query.ms', 'query.ms is required'],
    ['a path parameter of the wrong format', { method: 'GET', url: '/pets/123' }, 'params.id', 'params.id must match format "uuid"'],
    ['a missing body', { method: 'POST', url: '/pets' }, 'body', 'body must be object'],
    ['a missing required property', { method: 'POST', url: '/pets', payload: { tags: [] } }, 'body.name', 'body.name is required'],
    ['a nested array item', { method: 'POST', url: '/pets', payload: { name: 'x', tags: ['ok', 'too long'] } }, 'body.tags[1]', 'body.tags[1] must NOT have more than 5 characters'],
    // A JSON body has its own types: nothing is coerced (ajv would make 5 "5", and null "").
    ['a number where the body wants a string', { method: 'POST', url: '/pets', payload: { name: 5 } }, 'body.name', 'body.name must be string'],
    ['null where the body wants a string', { method: 'POST', url: '/pets', payload: { name: null } }, 'body.name', 'body.name must be string'],
    ['a lone string where the body wants an array', { method: 'POST', url: '/pets', payload: { name: 'x', tags: 'a' } }, 'body.tags', 'body.tags must be array'],
  ] as const)('400 for %s, with the failing path', async (_name, req, path, message) => {
    const res = await inject({ ...req, headers: { 'x-request-id': 'req-1' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: { code: 'BAD_REQUEST', message, path }, requestId: 'req-1' });
  });

  it('400 for malformed JSON', async () => {
    const res = await inject({ method: 'POST', url: '/pets', headers: { 'content-type': 'application/json' }, payload: '{"name":' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'MALFORMED_JSON', path: 'body' });
  });

  it('413 for a body over server.bodyLimit', async () => {
    const res = await inject({ method: 'POST', url: '/pets', payload: { name: 'x'.repeat(500) } });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toEqual({ error: { code: 'PAYLOAD_TOO_LARGE', message: expect.any(String) }, requestId: expect.any(String) });
  });

  it('415 for a body that is not JSON, text/plain included', async () => {
    for (const type of ['application/xml', 'text/plain']) {
      const res = await inject({ method: 'POST', url: '/pets', headers: { 'content-type': type }, payload: '<pet/>' });
      expect(res.statusCode).toBe(415);
      expect(res.json().error).toEqual({ code: 'UNSUPPORTED_MEDIA_TYPE', message: `unsupported content type '${type}' (send application/json)` });
    }
  });

  it('400 for a property the contract forbids (additionalProperties: false), never dropped in silence', async () => {
    const res = await inject({ method: 'POST', url: '/pets', payload: { name: 'x', x: 1 } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual({ code: 'BAD_REQUEST', message: 'body.x is not allowed', path: 'body.x' });
  });

  it('400 lists every failing value: the message counts them, details holds up to ten', async () => {
    const res = await inject({ method: 'POST', url: '/pets', payload: { name: '', tags: ['ok', 'too long', 7], x: 1 } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual({
      code: 'BAD_REQUEST',
      message: 'body.x is not allowed (and 3 more problems)',
      path: 'body.x',
      details: [
        { path: 'body.x', message: 'body.x is not allowed' },
        { path: 'body.name', message: 'body.name must NOT have fewer than 1 characters' },
        { path: 'body.tags[1]', message: 'body.tags[1] must NOT have more than 5 characters' },
        { path: 'body.tags[2]', message: 'body.tags[2] must be string' },
      ],
    });
    const many = await inject({ method: 'POST', url: '/pets', payload: { name: 'x', tags: Array.from({ length: 12 }, (_, i) => i) } });
    expect(many.json().error.message).toBe('body.tags[0] must be string (and 11 more problems; the first 10 are in details)');
    expect(many.json().error.details).toHaveLength(10);
  });

  it('coerces and defaults query values before the handler sees them', async () => {
    for (const name of ['a', 'b', 'c']) await inject({ method: 'POST', url: '/pets', payload: { name, tags: ['t'] } });
    expect((await inject({ method: 'GET', url: '/pets?limit=2' })).json()).toHaveLength(2);
    expect((await inject({ method: 'GET', url: '/pets' })).json()).toHaveLength(3);
  });
});

describe('responses', () => {
  it('sends a returned body with the primary status, and reply() with its own status and headers', async () => {
    const created = await inject({ method: 'POST', url: '/pets', payload: { name: 'rex' } });
    expect(created.statusCode).toBe(201);
    const pet = created.json();
    expect(created.headers['location']).toBe(`/pets/${pet.id}`);
    const got = await inject({ method: 'GET', url: `/pets/${pet.id}` });
    expect(got.statusCode).toBe(200);
    expect(got.json()).toEqual({ id: pet.id, name: 'rex', tags: [] });
    const deleted = await inject({ method: 'DELETE', url: `/pets/${pet.id}` });
    expect(deleted.statusCode).toBe(204);
    expect(deleted.body).toBe('');
  });

  it('sends HttpError as its status and code', async () => {
    const res = await inject({ method: 'GET', url: `/pets/${ID}`, headers: { 'x-request-id': 'abc' } });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'NOT_FOUND', message: `no pet ${ID}` }, requestId: 'abc' });
    await inject({ method: 'POST', url: '/pets', payload: { name: 'dup' } });
    const dup = await inject({ method: 'POST', url: '/pets', payload: { name: 'dup' } });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('PET_EXISTS');
  });

  it('hides an unexpected error behind a 500', async () => {
    const res = await inject({ method: 'POST', url: '/pets', payload: { name: 'boom' } });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: { code: 'INTERNAL', message: 'internal error' }, requestId: expect.any(String) });
    expect(res.body).not.toContain('secret');
  });

  it('answers an unknown route with ROUTE_NOT_FOUND in the same shape', async () => {
    const res = await inject({ method: 'GET', url: '/cats?x=1' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'ROUTE_NOT_FOUND', message: 'no operation GET /cats' }, requestId: expect.any(String) });
  });

  it('answers a known path under another method with 405 and Allow', async () => {
    const res = await inject({ method: 'DELETE', url: '/pets?x=1' });
    expect(res.statusCode).toBe(405);
    expect(res.headers['allow']).toBe('GET, HEAD, POST');
    expect(res.json().error).toEqual({ code: 'METHOD_NOT_ALLOWED', message: '/pets has no DELETE operation (it has GET, HEAD, POST)' });
    const item = await inject({ method: 'PUT', url: `/pets/${ID}` });
    expect([item.statusCode, item.headers['allow']]).toEqual([405, 'DELETE, GET, HEAD']);
  });

  it("echoes the caller's request id, or makes one (sent back with errors)", async () => {
    expect((await inject({ method: 'GET', url: '/pets', headers: { 'x-request-id': 'trace-42' } })).headers['x-request-id']).toBe('trace-42');
    const made = await Promise.all([1, 2].map(() => inject({ method: 'GET', url: '/cats', headers: { 'x-request-id': 'bad id with spaces' } })));
    const ids = made.map((r) => r.headers['x-request-id']);
    expect(ids[0]).toMatch(/^[0-9a-z]+-[0-9a-z]+$/);
    expect(ids[1]).not.toBe(ids[0]);
    expect(made.map((r) => r.json().requestId)).toEqual(ids);
    // A success the caller sent no id for carries none back: the id is in the access log.
    expect((await inject({ method: 'GET', url: '/pets' })).headers['x-request-id']).toBeUndefined();
    for (const url of ['/pets?limit=0', '/cats', `/pets/${ID}`]) {
      const res = await inject({ method: 'GET', url, headers: { 'x-request-id': 'on-errors-too' } });
      expect([res.statusCode, res.headers['x-request-id']]).toEqual([res.statusCode, 'on-errors-too']);
    }
  });
});

describe('setup', () => {
  it('refuses handlers that do not match the contract', async () => {
    const { createService } = await import('../../runtime/service/index.js');
    const { petsContract } = await import('./support/pets-contract.js');
    const handlers = { listPets: () => [] } as never;
    await expect(createService({ contract: petsContract, handlers }, { config: {} })).rejects.toThrow(
      expect.objectContaining({ code: 'HANDLERS_MISMATCH', message: "service 'pets': no handler for getPet, createPet, deletePet, slow" }),
    );
  });

  it('says what a setup got wrong with a coded error: Kafka without its config, a check registered twice, managing after start', async () => {
    const { createService } = await import('../../runtime/service/index.js');
    const { petsService } = await import('./support/pets-service.js');
    const config = { server: { port: 0 }, admin: { port: 0 }, logging: { level: 'silent' } };
    const withSetup = (use: (env: ServiceEnvironment<unknown>) => unknown) =>
      createService({ ...petsService, setup: (env) => (use(env), { pets: new Map() }) }, { config });
    await expect(withSetup((env) => env.kafka)).rejects.toThrow(
      expect.objectContaining({ code: 'KAFKA_NOT_CONFIGURED', message: "this service uses Kafka, so config.yaml needs a 'kafka:' section with 'brokers'" }),
    );
    const healthy = () => ({ healthy: true });
    await expect(withSetup((env) => (env.healthCheck('db', healthy), env.healthCheck('db', healthy)))).rejects.toThrow(
      expect.objectContaining({ code: 'ALREADY_REGISTERED', message: "health check 'db' is registered twice" }),
    );
    let manage: ((name: string) => unknown) | undefined;
    const service = await withSetup((env) => (manage = (name) => env.manage(name, {})));
    await service.start();
    try {
      expect(() => manage!('late')).toThrow(expect.objectContaining({ code: 'SERVICE_ALREADY_STARTED', message: "cannot manage 'late': the service has already started" }));
    } finally {
      await service.stop();
    }
  });
});

describe('error codes', () => {
  it('docs/services.md lists every code the framework sends, with its status', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { REPO } = await import('../support/generate-into.js');
    const { SERVICE_ERROR_CODES } = await import('../../runtime/service/index.js');
    const doc = readFileSync(join(REPO, 'docs', 'services.md'), 'utf8');
    const listed = [...doc.matchAll(/^\| `([A-Z_]+)` \| (\d{3}) \|/gm)].map((m) => [m[1], Number(m[2])]);
    expect(listed).toEqual(Object.entries(SERVICE_ERROR_CODES).map(([code, { status }]) => [code, status]));
  });
});
