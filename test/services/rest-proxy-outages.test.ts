/**
 * rest-proxy when Kafka or the registry fails, over HTTP (fastify inject) against an in-process Kafka and registry:
 * the status and error code a client retries on (503 with Retry-After) or not, the cluster's metadata read once and
 * cached briefly, one admin connection for the service, released at stop, and API keys checked before anything else.
 */
import { afterEach, describe, expect, test, vi } from 'vitest';
import { counter, startProxy, userJson, userKey, type Proxy } from './rest-proxy-harness.js';

let proxy: Proxy | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await proxy?.close();
  proxy = undefined;
});

const one = { records: [{ key: userKey(1), value: userJson(1) }] };
const kafkaError = (name: string, message: string, retriable: boolean) => Object.assign(new Error(message), { name, retriable });

describe('Kafka refusing or failing a send', () => {
  test('unreachable: 503 with 50302 and Retry-After; the same request is written when retried', async () => {
    proxy = await startProxy({ app: { retryAfterSeconds: 7 } });
    proxy.kafka.producers[0]!.failSends.push(kafkaError('KafkaJSConnectionError', 'Connection error: connect ECONNREFUSED', true));
    const down = await proxy.post('/topics/users/partitions/0', one);
    expect([down.statusCode, down.headers['retry-after'], down.json()]).toEqual([503, '7', { error_code: 50302, message: 'topic users: Connection error: connect ECONNREFUSED' }]);
    expect(await counter(proxy.metrics, 'rest_proxy_records_total', { topic: 'users', api: 'v2' })).toBe(0);
    expect(proxy.logs).toEqual([expect.objectContaining({ level: 40, error_code: 50302, msg: 'topic users: Connection error: connect ECONNREFUSED' })]);
    const up = await proxy.post('/topics/users/partitions/0', one);
    expect(up.statusCode).toBe(200);
  });

  test('a refusal retrying cannot fix: 500 with 50002, no Retry-After', async () => {
    proxy = await startProxy();
    proxy.kafka.producers[0]!.failSends.push(kafkaError('KafkaJSProtocolError', 'The request included a message larger than the max message size', false));
    const res = await proxy.post('/topics/users', one);
    expect([res.statusCode, res.headers['retry-after'], res.json().error_code]).toEqual([500, undefined, 50002]);
    expect(proxy.logs).toEqual([]);
  });

  test.each([
    ['retries exhausted on an unreachable broker', 'KafkaJSNumberOfRetriesExceeded', false],
    ['a protocol error retrying can fix (a leader moving)', 'KafkaJSProtocolError', true],
  ])('%s: 503 with 50302', async (_name, name, retriable) => {
    proxy = await startProxy();
    proxy.kafka.producers[0]!.failSends.push(kafkaError(name, 'try again', retriable));
    const res = await proxy.post('/topics/users/partitions/0', one);
    expect([res.statusCode, res.json()]).toEqual([503, { error_code: 50302, message: 'topic users: try again' }]);
  });

  test('a catalog topic not on the cluster: 404 with 40401', async () => {
    proxy = await startProxy();
    proxy.kafka.metadataAnswers.push(Object.assign(new Error('This server does not host this topic-partition'), { type: 'UNKNOWN_TOPIC_OR_PARTITION' }));
    const res = await proxy.post('/topics/users', one);
    expect([res.statusCode, res.json()]).toEqual([404, { error_code: 40401, message: 'topic users is in the catalog but not on the cluster (create it: unilog topics --create)' }]);
  });

  test("the topic's metadata unreadable: 503 with 50302", async () => {
    proxy = await startProxy();
    proxy.kafka.metadataAnswers.push(Object.assign(new Error('There is no leader for this topic-partition'), { type: 'LEADER_NOT_AVAILABLE' }));
    const res = await proxy.post('/topics/users', one);
    expect([res.statusCode, res.headers['retry-after'], res.json()]).toEqual([503, '5', { error_code: 50302, message: 'cannot read the metadata of users from Kafka: There is no leader for this topic-partition' }]);
    expect((await proxy.post('/topics/users', one)).statusCode).toBe(200);
  });

  test('the admin client unable to connect: 503, and a new connection is tried by the next request', async () => {
    proxy = await startProxy();
    proxy.kafka.adminConnectFailures.push(new Error('Connection error: connect ECONNREFUSED'));
    const down = await proxy.post('/topics/users', one);
    expect([down.statusCode, down.json().message]).toEqual([503, 'cannot read the metadata of users from Kafka: Connection error: connect ECONNREFUSED']);
    expect((await proxy.post('/topics/users', one)).statusCode).toBe(200);
  });
});

describe('a failure thrown as something other than an Error is still named in the message', () => {
  test('by the producer, the admin client and the cluster id', async () => {
    proxy = await startProxy();
    proxy.kafka.adminConnectFailures.push('no admin' as never);
    expect((await proxy.post('/topics/users', one)).json()).toEqual({ error_code: 50302, message: 'cannot read the metadata of users from Kafka: no admin' });
    proxy.kafka.producers[0]!.failSends.push('send refused' as never);
    expect((await proxy.post('/topics/users/partitions/0', one)).json()).toEqual({ error_code: 50302, message: 'topic users: send refused' });
    proxy.kafka.clusterFailures.push('no cluster' as never);
    const v3 = await proxy.post('/v3/clusters/fake-cluster-1/topics/users/records', { value: { data: 1 } }, { 'content-type': 'application/json' });
    expect(v3.json()).toEqual({ error_code: 50302, message: 'cannot read the cluster id from Kafka: no cluster' });
  });
});

describe('the schema registry failing', () => {
  test('unreachable: 503 with 50301 and Retry-After, nothing written', async () => {
    proxy = await startProxy({ app: { retryAfterSeconds: 11 } });
    proxy.registry.override(/.*/, () => Promise.reject(new TypeError('fetch failed')));
    const res = await proxy.post('/topics/users', one);
    expect([res.statusCode, res.headers['retry-after'], res.json().error_code]).toEqual([503, '11', 50301]);
    expect(res.json().message).toMatch(/^(key|value)_schema: /);
    expect(proxy.kafka.producers[0]!.sent).toEqual([]);
  });

  test('an answer the proxy cannot make sense of: 500 naming the request id, no details', async () => {
    proxy = await startProxy();
    proxy.registry.override(/^POST /, () => new Response('{"id": "not a number"}'));
    const res = await proxy.post('/topics/users', one);
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error_code: 500, message: expect.stringMatching(/^internal error \(request req-\w+; the log has the details\)$/) });
    expect(await counter(proxy.metrics, 'rest_proxy_errors_total', { api: 'v2', error_code: '500' })).toBe(1);
    // The details are in the log, with the request id the client was given.
    expect(proxy.logs).toEqual([expect.objectContaining({ level: 50, msg: 'produce failed', reqId: res.json().message.match(/request (\S+);/)[1], err: expect.objectContaining({ message: expect.stringMatching(/\S/) }) })]);
  });
});

describe("the cluster's metadata", () => {
  test('partition counts are cached for 10 s: a partition added is taken once they expire', async () => {
    let now = 1_000_000;
    vi.spyOn(Date, 'now').mockImplementation(() => now);
    proxy = await startProxy();
    expect((await proxy.post('/topics/users/partitions/6', one)).json().error_code).toBe(40402);
    proxy.kafka.topics.set('users', 8);
    now += 9_999;
    expect((await proxy.post('/topics/users/partitions/6', one)).json().error_code).toBe(40402);
    now += 1;
    expect((await proxy.post('/topics/users/partitions/6', one)).statusCode).toBe(200);
    expect(proxy.kafka.adminCalls.filter((c) => c.startsWith('fetchTopicMetadata'))).toEqual(['fetchTopicMetadata users', 'fetchTopicMetadata users']);
  });

  test('the producer is connected when the service starts, before any request', async () => {
    proxy = await startProxy();
    expect([...proxy.managed.keys()]).toEqual(['producer', 'metadata']);
    expect(proxy.kafka.producers.map((p) => p.connected)).toEqual([true]);
  });

  test('one admin connection serves every request and the cluster id is read once; stopping the service disconnects both clients', async () => {
    proxy = await startProxy();
    for (let i = 0; i < 3; i++) expect((await proxy.post('/v3/clusters/fake-cluster-1/topics/users/records', { key: { data: userKey(1) }, value: { data: userJson(1) } }, { 'content-type': 'application/json' })).statusCode).toBe(200);
    expect(proxy.kafka.adminCalls.filter((c) => c === 'connect')).toHaveLength(1);
    expect(proxy.kafka.clusterReads).toBe(1);
    const kafka = proxy.kafka;
    await proxy.close();
    proxy = undefined;
    expect(kafka.adminCalls.at(-1)).toBe('disconnect');
    expect(kafka.producers[0]!.connected).toBe(false);
  });

  test('stopping a proxy whose admin never connected does not fail', async () => {
    proxy = await startProxy();
    proxy.kafka.adminConnectFailures.push(new Error('down'));
    await proxy.post('/topics/users', one);
    const kafka = proxy.kafka;
    await proxy.close();
    proxy = undefined;
    expect(kafka.adminCalls).not.toContain('disconnect');
  });
});

describe('API keys', () => {
  const KEYS = { 'key-of-user-service': 'user-service', 'key-of-graph-service': 'graph-service' };

  test("a key writes its service's topics; no key is 401, another service's key 403, both before the topic is read", async () => {
    proxy = await startProxy({ app: { apiKeys: KEYS } });
    expect(proxy.warnings).toEqual([]);
    const own = await proxy.post('/topics/users', one, { authorization: 'Bearer key-of-user-service' });
    expect(own.statusCode).toBe(200);
    const none = await proxy.post('/topics/users', one);
    expect([none.statusCode, none.json()]).toEqual([401, { error_code: 40101, message: 'send an API key: Authorization: Bearer <key>' }]);
    const other = await proxy.post('/topics/users', one, { authorization: 'Bearer key-of-graph-service' });
    expect([other.statusCode, other.json()]).toEqual([403, { error_code: 40301, message: 'the API key of graph-service may not write users: the catalog says user-service owns it' }]);
    const v3 = await proxy.post('/v3/clusters/fake-cluster-1/topics/users/records', { value: { data: 1 } }, { 'content-type': 'application/json', authorization: 'Bearer wrong' });
    expect([v3.statusCode, v3.json().error_code]).toEqual([401, 40101]);
    expect(Array.from({ length: 6 }, (_, i) => proxy!.written('users', i)).flat()).toHaveLength(1);
  });

  test.each([
    ['any case, spaces around the key', 'bearer   key-of-user-service  ', 200],
    ['text after the key', 'Bearer key-of-user-service extra', 401],
    ['text before the scheme', 'xBearer key-of-user-service', 401],
    ['no space after the scheme', 'Bearerkey-of-user-service', 401],
  ])('Authorization with %s: %s', async (_name, authorization, status) => {
    proxy = await startProxy({ app: { apiKeys: KEYS } });
    expect((await proxy.post('/topics/users', one, { authorization })).statusCode).toBe(status);
  });

  test('without keys every caller may write, and the proxy warns at start', async () => {
    proxy = await startProxy();
    expect(proxy.warnings).toEqual(['app.apiKeys is empty: anyone who reaches the port may write every catalog topic (development only)']);
    expect((await proxy.post('/topics/users', one, { authorization: 'Bearer whatever' })).statusCode).toBe(200);
  });
});
