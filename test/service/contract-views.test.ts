/** readOnly/writeOnly applied to requests and responses, response serialisation from the contract, response checks. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Service } from '../../runtime/service/index.js';
import { accountsServiceFor } from './support/accounts-service.js';

let checked: Service;
let unchecked: Service;
beforeAll(async () => {
  checked = await accountsServiceFor();
  unchecked = await accountsServiceFor({ validateResponses: false });
});
afterAll(() => Promise.all([checked.stop(), unchecked.stop()]));

const create = (service: Service, payload: object, mode = 'ok') =>
  service.app.inject({ method: 'POST', url: `/accounts?mode=${mode}`, payload, headers: { 'x-request-id': 'r-1' } });

describe('the request view', () => {
  it('refuses a read-only property in a request, naming it', async () => {
    const res = await create(checked, { id: 'mine', email: 'a@example.com', password: 'pw' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: { code: 'BAD_REQUEST', message: 'body.id is read-only (the service sets it)', path: 'body.id' }, requestId: 'r-1' });
  });

  it('does not require a read-only property that the schema lists as required', async () => {
    expect((await create(checked, { email: 'a@example.com', password: 'pw' })).statusCode).toBe(201);
  });

  it('still requires the write-only one', async () => {
    const res = await create(checked, { email: 'a@example.com' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.path).toBe('body.password');
  });
});

describe('the response view', () => {
  it.each([
    ['checked', () => checked],
    ['unchecked', () => unchecked],
  ])('sends neither write-only nor undeclared properties (%s)', async (_name, service) => {
    const res = await create(service(), { email: 'a@example.com', password: 'pw' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ id: 'a-1', email: 'a@example.com' });
  });

  it('answers 500 RESPONSE_INVALID with the path when a handler breaks the contract', async () => {
    const res = await create(checked, { email: 'a@example.com', password: 'pw' }, 'bad-email');
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({
      error: { code: 'RESPONSE_INVALID', message: 'createAccount answered 201 with a body that breaks the contract: response.email must be string', path: 'response.email' },
      requestId: 'r-1',
    });
  });

  it('with validateResponses off, serialises what the schema declares without checking', async () => {
    const res = await create(unchecked, { email: 'a@example.com', password: 'pw' }, 'bad-email');
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ id: 'a-1', email: '42' });
  });
});
