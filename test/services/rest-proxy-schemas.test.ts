/**
 * The schemas rest-proxy writes with, over HTTP (fastify inject) against an in-process registry: an embedded schema
 * registered (or only looked up, with the lookup-only policy) and framed into the records; each way the registry
 * refuses a schema a 422 with 42205 naming the request's field; each way it is unavailable a 503 with 50301.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { users } from '../../generated/topics.js';
import { startProxy, userJson, userKey, type Proxy } from './rest-proxy-harness.js';

let proxy: Proxy | undefined;
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

const keyText = JSON.stringify(users.key.standaloneSchema());
const one = (extra: Record<string, unknown> = {}) => ({ ...extra, records: [{ key: userKey(1), value: userJson(1) }] });

describe('an embedded schema', () => {
  test('is registered under the topic’s subject and the records are framed with its id', async () => {
    proxy = await startProxy();
    const res = await proxy.post('/topics/users/partitions/0', one({ key_schema: keyText }));
    expect(res.statusCode).toBe(200);
    const id = res.json().key_schema_id as number;
    expect(proxy.registry.requests.filter((r) => r.path === '/subjects/users-key/versions').map((r) => (r.body as { schema: string }).schema)).toContain(keyText);
    expect(proxy.written('users', 0)[0]!.key!.readUInt32BE(1)).toBe(id);
  });

  test('with the lookup-only policy: looked up, never registered; one not there is 42205', async () => {
    proxy = await startProxy({ policy: 'lookup-only' });
    const keyId = proxy.registry.put('users-key', users.key.standaloneSchema());
    proxy.registry.put('users-value', users.value.standaloneSchema());
    const ok = await proxy.post('/topics/users', one({ key_schema: keyText }));
    expect([ok.statusCode, ok.json().key_schema_id]).toEqual([200, keyId]);
    const other = JSON.stringify({ ...(users.key.standaloneSchema() as object), doc: 'another text' });
    const missing = await proxy.post('/topics/users', one({ key_schema: other }));
    expect([missing.statusCode, missing.json().error_code]).toEqual([422, 42205]);
    expect(missing.json().message).toMatch(/^key_schema: /);
    expect(proxy.registry.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/versions'))).toEqual([]);
  });
});

test('a schema id the catalog cannot read: 42205 naming the field and the id', async () => {
  proxy = await startProxy();
  const id = proxy.registry.put('other', { type: 'record', name: 'User', namespace: 'com.state.users', fields: [{ name: 'id', type: 'int' }] });
  const res = await proxy.post('/topics/users', { value_schema_id: id, records: [{ key: userKey(1), value: { id: 1 } }] });
  expect(res.json()).toEqual({ error_code: 42205, message: `value_schema ${id}: topic users's value schema com.state.users.User (the catalog's) cannot read it: User.id: writer type int cannot be read as string` });
});

describe('the registry refusing a schema: 422 with 42205', () => {
  test.each([
    ['a schema id of another type', { value_schema_id: 7 }, /^GET \/schemas\/ids\/7$/, () => new Response(JSON.stringify({ schema: 'syntax = "proto3";', schemaType: 'PROTOBUF' })), /^value_schema: .*PROTOBUF, not AVRO/],
    ['an embedded schema the subject’s compatibility refuses (409)', { key_schema: keyText }, /^POST \/subjects\/users-key\/versions$/, () => new Response(JSON.stringify({ error_code: 409, message: 'incompatible' }), { status: 409 }), /^key_schema: .*HTTP 409: incompatible/],
    ['an embedded schema the registry says is invalid (422)', { key_schema: keyText }, /^POST \/subjects\/users-key\/versions$/, () => new Response(JSON.stringify({ error_code: 42201, message: 'Invalid schema' }), { status: 422 }), /^key_schema: .*HTTP 422: Invalid schema/],
  ])('%s', async (_name, refs, pattern, answer, message) => {
    proxy = await startProxy();
    proxy.registry.override(pattern, answer);
    const res = await proxy.post('/topics/users', one(refs));
    expect([res.statusCode, res.json().error_code, res.headers['retry-after']]).toEqual([422, 42205, undefined]);
    expect(res.json().message).toMatch(message);
    expect(proxy.kafka.producers[0]!.sent).toEqual([]);
  });
});

describe('the registry unavailable: 503 with 50301', () => {
  test.each([
    ['unreachable', () => Promise.reject(new TypeError('fetch failed'))],
    ['not answering in time', () => Promise.reject(Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' }))],
    ['failing (HTTP 500)', () => new Response(JSON.stringify({ error_code: 50001, message: 'store error' }), { status: 500 })],
  ])('%s', async (_name, answer) => {
    proxy = await startProxy();
    proxy.registry.override(/.*/, answer as never);
    const res = await proxy.post('/topics/users', one({ value_schema_id: 3 }));
    expect([res.statusCode, res.json().error_code, res.headers['retry-after']]).toEqual([503, 50301, '5']);
    expect(res.json().message).toMatch(/^(key|value)_schema: schema registry /);
  });
});
