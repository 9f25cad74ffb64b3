/** Over a real socket: body limit and validation errors as a client sees them, and the typed client's behaviour. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServiceClient, ServiceCallError, ServiceTransportError, type Service } from '../../runtime/service/index.js';
import { petsContract } from './support/pets-contract.js';
import { petsServiceFor } from './support/pets-service.js';

let service: Service;
let base: string;
beforeAll(async () => {
  service = await petsServiceFor({ server: { host: '127.0.0.1', port: 0, bodyLimit: 1024 } });
  base = (await service.start()).app;
});
afterAll(() => service.stop());

describe('real socket', () => {
  it('413 for a body over the limit, 400 with the failing path, both in the error shape', async () => {
    const big = await fetch(`${base}/pets`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'big-1' }, body: JSON.stringify({ name: 'x'.repeat(5000) }) });
    expect(big.status).toBe(413);
    expect(big.headers.get('x-request-id')).toBe('big-1');
    expect(await big.json()).toEqual({ error: { code: 'PAYLOAD_TOO_LARGE', message: expect.any(String) }, requestId: 'big-1' });
    const bad = await fetch(`${base}/pets?limit=99`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'BAD_REQUEST', path: 'query.limit' } });
  });

  it('typed client: bodies, declared errors with result() and isError(), request id propagation', async () => {
    const client = createServiceClient(petsContract, { baseUrl: base });
    const rex = await client.createPet({ body: { name: 'rex', tags: ['dog'] }, requestId: 'trace-7' });
    expect(rex).toMatchObject({ name: 'rex', tags: ['dog'] });
    expect(await client.getPet({ params: { id: rex.id } })).toEqual(rex);
    expect((await client.listPets({ query: { tag: 'dog' } })).map((p) => p.name)).toEqual(['rex']);

    const dup = await client.createPet.result({ body: { name: 'rex' } });
    expect(dup).toMatchObject({ ok: false, status: 409, body: { error: { code: 'PET_EXISTS' } } });
    const missing = await client.getPet({ params: { id: '00000000-0000-4000-8000-000000000000' } }).catch((e: unknown) => e);
    expect(client.getPet.isError(missing)).toBe(true);
    expect(missing).toBeInstanceOf(ServiceCallError);
    expect(missing).toMatchObject({ status: 404, code: 'NOT_FOUND', retriable: false, service: 'pets', operation: 'getPet' });
    expect(client.listPets.isError(missing)).toBe(false);
    expect(await client.deletePet({ params: { id: rex.id } })).toBeUndefined();
  });

  it('typed client: transport errors are retriable and say what happened', async () => {
    const slow = createServiceClient(petsContract, { baseUrl: base, timeoutMs: 100 });
    await expect(slow.slow({ query: { ms: 1000 } })).rejects.toMatchObject({ name: 'ServiceTransportError', code: 'SERVICE_TIMEOUT', retriable: true });
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const nowhere = createServiceClient(petsContract, { baseUrl: `http://127.0.0.1:${port}` });
    const e = await nowhere.listPets().catch((err: unknown) => err);
    expect(e).toBeInstanceOf(ServiceTransportError);
    expect(e).toMatchObject({ code: 'SERVICE_UNREACHABLE', retriable: true });
    expect((e as Error).message).toContain('ECONNREFUSED');
  });
});
