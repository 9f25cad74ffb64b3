/**
 * rest-proxy's v3 produce (one record per request) over HTTP (fastify inject), against an in-process Kafka and
 * registry: the answer Confluent's clients read (cluster, partition, offset, timestamp, key and value schemas and
 * sizes), what the topic then holds (headers and timestamp included), and the cluster check of the URL.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { users } from '../../generated/topics.js';
import { CLUSTER, counter, startProxy, userJson, userKey, type Proxy } from './rest-proxy-harness.js';

let proxy: Proxy | undefined;
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

const URL = `/v3/clusters/${CLUSTER}/topics/users/records`;
const postV3 = (p: Proxy, body: unknown, url = URL, headers: Record<string, string> = {}) => p.post(url, body, { 'content-type': 'application/json', ...headers });

describe('v3: a record written', () => {
  test('by schema id and subject version, with headers, a partition and a timestamp: the answer says all of it', async () => {
    proxy = await startProxy();
    const keyId = proxy.registry.put('users-key', users.key.standaloneSchema());
    const valueId = proxy.registry.put('users-value', users.value.standaloneSchema());
    proxy.registry.override(/^GET \/subjects\/users-value\/versions\/3$/, () => new Response(JSON.stringify({ subject: 'users-value', id: valueId, version: 3, schema: JSON.stringify(users.value.standaloneSchema()) })));
    const res = await postV3(proxy, {
      partition_id: 2,
      headers: [{ name: 'source', value: Buffer.from('rails').toString('base64') }, { name: 'empty', value: null }],
      key: { schema_id: keyId, data: userKey(42) },
      value: { subject: 'users-value', schema_version: 3, data: userJson(42) },
      timestamp: '2026-01-02T03:04:05.678Z',
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const written = proxy.written('users', 2);
    expect(written).toHaveLength(1);
    expect(res.json()).toEqual({
      error_code: 200,
      cluster_id: CLUSTER,
      topic_name: 'users',
      partition_id: 2,
      offset: 0,
      timestamp: '2026-01-02T03:04:05.678Z',
      key: { type: 'AVRO', subject: 'users-key', schema_id: keyId, size: written[0]!.key!.length },
      value: { type: 'AVRO', subject: 'users-value', schema_id: valueId, schema_version: 3, size: written[0]!.value!.length },
    });
    expect(written[0]!.headers).toEqual({ source: Buffer.from('rails'), empty: Buffer.alloc(0) });
    expect(written[0]!.timestamp).toBe(String(Date.parse('2026-01-02T03:04:05.678Z')));
    expect(((await proxy.decoded('value', 2)) as Array<{ username: string }>)[0]!.username).toBe('user42');
    expect(await counter(proxy.metrics, 'rest_proxy_records_total', { topic: 'users', api: 'v3' })).toBe(1);
  });

  test('without a timestamp the record is stamped with the time it was received; a tombstone has no value schema', async () => {
    proxy = await startProxy();
    const before = Date.now();
    const res = await postV3(proxy, { key: { data: userKey(1) }, value: null });
    expect(res.statusCode).toBe(200);
    const answer = res.json();
    const stamped = Date.parse(answer.timestamp);
    expect(stamped).toBeGreaterThanOrEqual(before);
    expect(stamped).toBeLessThanOrEqual(Date.now());
    expect(answer.value).toBeNull();
    expect(answer.key).toEqual({ type: 'AVRO', subject: 'users-key', schema_id: expect.any(Number), size: expect.any(Number) });
    const written = proxy.written('users', answer.partition_id);
    expect(written[answer.offset]).toMatchObject({ value: null, timestamp: String(stamped) });
  });

  test('a second record on the same partition answers the next offset', async () => {
    proxy = await startProxy();
    const first = await postV3(proxy, { partition_id: 3, key: { data: userKey(1) }, value: { data: userJson(1) } });
    const second = await postV3(proxy, { partition_id: 3, key: { data: userKey(2) }, value: { data: userJson(2) } });
    expect([first.json().offset, second.json().offset]).toEqual([0, 1]);
  });
});

describe('v3: refusals write nothing', () => {
  const refusals: Array<[string, { url?: string; body: unknown }, number, number, string | RegExp]> = [
    ['another cluster', { url: '/v3/clusters/nope/topics/users/records', body: { value: { data: 1 } } }, 404, 404, `cluster nope not found: this proxy writes to cluster ${CLUSTER}`],
    ['a topic outside the catalog', { url: `/v3/clusters/${CLUSTER}/topics/nope/records`, body: { value: { data: 1 } } }, 404, 40401, /^topic nope is not in the catalog/],
    ['a partition the topic does not have', { body: { partition_id: 6, key: { data: userKey(1) }, value: { data: userJson(1) } } }, 404, 40402, 'partition_id: partition 6: topic users has partitions 0-5'],
    ['a JSON value', { body: { key: { data: userKey(1) }, value: { type: 'JSON', data: {} } } }, 415, 415, /^value\.type: "JSON" is not supported/],
    ['a key missing', { body: { value: { data: userJson(1) } } }, 422, 42203, '1 problem(s), nothing written to users: key: missing (topic users is keyed by com.state.users.UserKey)'],
    ['a value that does not match', { body: { key: { data: userKey(1) }, value: { data: userJson(1, { verified: 'yes' }) } } }, 422, 42203, /^1 problem\(s\), nothing written to users: value\.verified: /],
    ['a subject version the registry does not have', { body: { key: { data: userKey(1) }, value: { subject: 'users-value', schema_version: 9, data: userJson(1) } } }, 422, 42205, /^value: /],
    ['a key schema id the registry does not have', { body: { key: { schema_id: 4242, data: userKey(1) }, value: { data: userJson(1) } } }, 422, 42205, /^key: schema registry .*4242/],
    ['a body that is not an object', { body: [] }, 422, 42206, 'the body must be a JSON object with "value" (and "key")'],
  ];

  test.each(refusals)('%s', async (_name, req, status, errorCode, message) => {
    proxy = await startProxy();
    const res = await postV3(proxy, req.body, req.url);
    expect({ status: res.statusCode, error_code: res.json().error_code }).toEqual({ status, error_code: errorCode });
    if (typeof message === 'string') expect(res.json().message).toBe(message);
    else expect(res.json().message).toMatch(message);
    expect(Array.from({ length: 6 }, (_, i) => proxy!.written('users', i)).flat()).toEqual([]);
    expect(await counter(proxy.metrics, 'rest_proxy_errors_total', { api: 'v3', error_code: String(errorCode) })).toBe(1);
    expect(await counter(proxy.metrics, 'rest_proxy_errors_total', { api: 'v2' })).toBe(0);
  });

  test('the cluster id unreadable: 503 with Retry-After; read again by the next request', async () => {
    proxy = await startProxy({ app: { retryAfterSeconds: 9 } });
    proxy.kafka.clusterFailures.push(new Error('Connection error: connect ECONNREFUSED'));
    const down = await postV3(proxy, { key: { data: userKey(1) }, value: { data: userJson(1) } });
    expect([down.statusCode, down.headers['retry-after'], down.json()]).toEqual([503, '9', { error_code: 50302, message: 'cannot read the cluster id from Kafka: Connection error: connect ECONNREFUSED' }]);
    const up = await postV3(proxy, { key: { data: userKey(1) }, value: { data: userJson(1) } });
    expect(up.statusCode).toBe(200);
  });
});
