/**
 * rest-proxy's v2 produce over HTTP (fastify inject), against an in-process Kafka and registry: what a client gets back
 * (status, media type, offsets, schema ids) and what the topic then holds (key, value, partition), for the writes
 * that succeed and for each refusal, which writes nothing.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { counter, startProxy, userJson, userKey, type Proxy } from './rest-proxy-harness.js';

let proxy: Proxy | undefined;
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

const allWritten = (p: Proxy, topic = 'users') => Array.from({ length: 6 }, (_, i) => p.written(topic, i)).flat();

describe('v2: records written', () => {
  test('each record lands keyed on its partition; the answer has its offset and the schema ids it was written with', async () => {
    proxy = await startProxy();
    const records = [1, 2, 3].map((n) => ({ key: userKey(n), value: userJson(n) }));
    const res = await proxy.post('/topics/users', { records });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/vnd\.kafka\.v2\+json/);
    const body = res.json<{ offsets: Array<{ partition: number; offset: number; error_code: null; error: null }>; key_schema_id: number; value_schema_id: number }>();
    expect(body.offsets).toHaveLength(3);
    for (const o of body.offsets) expect(o).toEqual({ partition: expect.any(Number), offset: expect.any(Number), error_code: null, error: null });
    // The ids the registry gave the catalog's key and value schemas, framed into every record.
    const registered = proxy.registry.requests.filter((r) => r.method === 'POST').map((r) => r.path);
    expect(registered).toEqual(expect.arrayContaining(['/subjects/users-key/versions', '/subjects/users-value/versions']));
    expect(body.key_schema_id).not.toBe(body.value_schema_id);
    for (const [i, o] of body.offsets.entries()) {
      const m = proxy.written('users', o.partition)[o.offset]!;
      expect([m.key!.readUInt8(0), m.key!.readUInt32BE(1), m.value!.readUInt32BE(1)]).toEqual([0, body.key_schema_id, body.value_schema_id]);
      const keys = await proxy.decoded('key', o.partition);
      expect(keys[o.offset]).toEqual(userKey(i + 1));
      const values = (await proxy.decoded('value', o.partition)) as Array<Record<string, unknown>>;
      expect(values[o.offset]).toMatchObject({ username: `user${i + 1}`, bio: `bio ${i + 1}`, followerCount: i + 1 });
    }
    expect(allWritten(proxy)).toHaveLength(3);
    expect(await counter(proxy.metrics, 'rest_proxy_records_total', { topic: 'users', api: 'v2' })).toBe(3);
  });

  test('the partition named in the URL takes every record, offsets in request order', async () => {
    proxy = await startProxy();
    const res = await proxy.post('/topics/users/partitions/4', { records: [7, 8].map((n) => ({ key: userKey(n), value: userJson(n) })) });
    expect(res.json().offsets).toEqual([
      { partition: 4, offset: 0, error_code: null, error: null },
      { partition: 4, offset: 1, error_code: null, error: null },
    ]);
    expect(((await proxy.decoded('value', 4)) as Array<{ username: string }>).map((u) => u.username)).toEqual(['user7', 'user8']);
  });

  test("a record's own partition is where it goes", async () => {
    proxy = await startProxy();
    const res = await proxy.post('/topics/users', { records: [{ key: userKey(1), value: userJson(1), partition: 5 }, { key: userKey(2), value: userJson(2), partition: 2 }] });
    expect(res.json().offsets.map((o: { partition: number }) => o.partition)).toEqual([5, 2]);
    expect([proxy.written('users', 5).length, proxy.written('users', 2).length]).toEqual([1, 1]);
  });

  test('a null value on a compacted topic is a tombstone', async () => {
    proxy = await startProxy();
    const res = await proxy.post('/topics/users/partitions/0', { records: [{ key: userKey(1), value: null }] });
    expect(res.statusCode).toBe(200);
    expect(proxy.written('users', 0)).toEqual([expect.objectContaining({ value: null })]);
    expect(await proxy.decoded('key', 0)).toEqual([userKey(1)]);
  });

  test('the Content-Type may carry parameters and any case', async () => {
    proxy = await startProxy();
    const res = await proxy.post('/topics/users', { records: [{ key: userKey(1), value: userJson(1) }] }, { 'content-type': 'Application/VND.Kafka.Avro.V2+JSON; charset=utf-8' });
    expect(res.statusCode).toBe(200);
  });

  test('a space before the media type parameters; a partition of two digits', async () => {
    proxy = await startProxy({ topics: { users: 12 } });
    const res = await proxy.post('/topics/users/partitions/10', { records: [{ key: userKey(1), value: userJson(1) }] }, { 'content-type': 'application/vnd.kafka.avro.v2+json ; charset=utf-8' });
    expect(res.json().offsets).toEqual([{ partition: 10, offset: 0, error_code: null, error: null }]);
  });

  test('topics are written with the configured prefix, and still named by their catalog name', async () => {
    proxy = await startProxy({ topicPrefix: 'staging.' });
    const res = await proxy.post('/topics/users/partitions/1', { records: [{ key: userKey(1), value: userJson(1) }] });
    expect(res.statusCode).toBe(200);
    expect([proxy.written('staging.users', 1).length, proxy.written('users', 1).length]).toEqual([1, 0]);
    expect(proxy.registry.requests.some((r) => r.path === '/subjects/staging.users-value/versions')).toBe(true);
  });
});

test("the proxy's metrics: names, help and labels as /metrics shows them", async () => {
  proxy = await startProxy();
  await proxy.post('/topics/users', { records: [{ key: userKey(1), value: userJson(1) }, { key: userKey(2), value: userJson(2) }] });
  await proxy.post('/topics/nope', { records: [] });
  const lines = (await proxy.metrics.metrics()).split('\n');
  for (const line of [
    '# HELP rest_proxy_records_total Records written (acknowledged by Kafka), by topic and API.',
    'rest_proxy_records_total{topic="users",api="v2"} 2',
    '# HELP rest_proxy_errors_total Requests refused, by API and Confluent error code.',
    'rest_proxy_errors_total{api="v2",error_code="40401"} 1',
  ]) {
    expect(lines).toContain(line);
  }
});

describe('v2: refusals write nothing', () => {
  const refusals: Array<[string, { url?: string; body: unknown; headers?: Record<string, string> }, number, number, string | RegExp]> = [
    ['a topic outside the catalog', { url: '/topics/nope', body: { records: [] } }, 404, 40401, 'topic nope is not in the catalog (schemas/topics.yaml); the proxy writes catalog topics only'],
    ['a partition the topic does not have', { url: '/topics/users/partitions/6', body: { records: [{ key: userKey(1), value: userJson(1) }] } }, 404, 40402, 'records[0]: partition 6: topic users has partitions 0-5'],
    ['partitions the topic does not have, each named', { body: { records: [{ key: userKey(1), value: userJson(1), partition: 9 }, { key: userKey(1), value: userJson(1), partition: 5 }, { key: userKey(1), value: userJson(1), partition: 6 }] } }, 404, 40402, 'records[0]: partition 9; records[2]: partition 6: topic users has partitions 0-5'],
    ['a partition in the URL that is not a number', { url: '/topics/users/partitions/x1', body: { records: [] } }, 404, 40402, 'partition "x1" of topic users does not exist (partitions are numbered from 0)'],
    ['a negative partition in the URL', { url: '/topics/users/partitions/-1', body: { records: [] } }, 404, 40402, 'partition "-1" of topic users does not exist (partitions are numbered from 0)'],
    ['a partition in the URL with more after its digits', { url: '/topics/users/partitions/1x', body: { records: [] } }, 404, 40402, /^partition "1x"/],
    ['the JSON embedded format', { body: { records: [] }, headers: { 'content-type': 'application/vnd.kafka.json.v2+json' } }, 415, 415, 'topic users is Avro: send Content-Type: application/vnd.kafka.avro.v2+json, not application/vnd.kafka.json.v2+json (the catalog has no JSON or binary topics)'],
    ['the v2 media type without a format', { body: { records: [] }, headers: { 'content-type': 'application/vnd.kafka.v2+json' } }, 415, 415, /^topic users is Avro: .*, not application\/vnd\.kafka\.v2\+json /],
    ['a media type that only ends like the v2 one', { body: '{}', headers: { 'content-type': 'xapplication/vnd.kafka.avro.v2+json' } }, 415, 415, 'unsupported content type: v2 takes application/vnd.kafka.avro.v2+json, v3 application/json'],
    ['a partition in the URL written in hex', { url: '/topics/users/partitions/0x1', body: { records: [{ key: userKey(1), value: userJson(1) }] } }, 404, 40402, 'partition "0x1" of topic users does not exist (partitions are numbered from 0)'],
    ['a key that does not match the schema', { body: { records: [{ key: { userId: 5 }, value: userJson(1) }] } }, 422, 42203, '1 problem(s), nothing written to users: records[0].key.userId: expected string, found number 5'],
    ['a value uuid the consumers would not read', { body: { records: [{ key: userKey(1), value: userJson(1, { id: 'nope' }) }] } }, 422, 42203, `1 problem(s), nothing written to users: records[0].value.id: uuid "nope" is not in the 8-4-4-4-12 hex form; read it with logicalTypes: { uuid: 'underlying' } (as the topic's consumers read it)`],
    ['two problems', { body: { records: [{ key: { userId: 5 }, value: userJson(1) }, { value: userJson(2) }] } }, 422, 42203, '2 problem(s), nothing written to users: records[0].key.userId: expected string, found number 5; records[1].key: missing (topic users is keyed by com.state.users.UserKey)'],
    ['plain JSON', { body: { records: [] }, headers: { 'content-type': 'application/json' } }, 415, 415, /^topic users is Avro: .*, not application\/json /],
    ['a content type fastify has no parser for', { body: '<a/>', headers: { 'content-type': 'application/xml' } }, 415, 415, 'unsupported content type: v2 takes application/vnd.kafka.avro.v2+json, v3 application/json'],
    ['a body that is not JSON', { body: '{"records": [' }, 400, 400, /^the body is not JSON: /],
    ['an empty body', { body: '' }, 400, 400, /^the body is not JSON: /],
    ['no records', { body: { value_schema_id: 1 } }, 422, 42206, 'records: must be a non-empty array'],
    ['a key missing on a keyed topic', { body: { records: [{ value: userJson(1) }] } }, 422, 42203, '1 problem(s), nothing written to users: records[0].key: missing (topic users is keyed by com.state.users.UserKey)'],
    ['a tombstone on a topic that is not compacted', { url: '/topics/opinions', body: { records: [{ key: { opinionId: 'o' }, value: null }] } }, 422, 42203, /records\[0\]\.value: null \(a tombstone\) needs a compacted topic, and opinions's cleanup policy is 'delete'/],
    ['a uuid that Avro JSON takes but the consumers would not', { body: { records: [{ key: { userId: 'nope' }, value: userJson(1) }] } }, 422, 42203, `1 problem(s), nothing written to users: records[0].key.userId: uuid "nope" is not in the 8-4-4-4-12 hex form; read it with logicalTypes: { uuid: 'underlying' } (as the topic's consumers read it)`],
    ['a value that does not match the schema', { body: { records: [{ key: userKey(1), value: userJson(1, { followerCount: 'many' }) }] } }, 422, 42203, /^1 problem\(s\), nothing written to users: records\[0\]\.value\.followerCount: /],
    ['a value id the registry does not have', { body: { value_schema_id: 4242, records: [{ key: userKey(1), value: userJson(1) }] } }, 422, 42205, /^value_schema: .*4242/],
    ['an embedded schema that is not JSON', { body: { key_schema: '{nope', records: [{ key: userKey(1), value: userJson(1) }] } }, 422, 42205, /^key_schema: not JSON \(/],
    ['an embedded schema the catalog cannot read', { body: { value_schema: '{"type":"record","name":"User","namespace":"com.state.users","fields":[{"name":"id","type":"int"}]}', records: [{ key: userKey(1), value: { id: 1 } }] } }, 422, 42205, /^value_schema: topic users's value schema com\.state\.users\.User \(the catalog's\) cannot read it: /],
    ['more records than app.maxRecords', { body: { records: Array.from({ length: 4 }, () => ({ key: userKey(1), value: userJson(1) })) } }, 413, 413, 'records: 4 records, more than the 3 one request may hold (app.maxRecords)'],
  ];

  test.each(refusals)('%s', async (_name, req, status, errorCode, message) => {
    proxy = await startProxy({ app: { maxRecords: 3 }, topics: { users: 6, opinions: 6 } });
    const res = await proxy.post(req.url ?? '/topics/users', req.body, req.headers);
    expect({ status: res.statusCode, error_code: res.json().error_code }).toEqual({ status, error_code: errorCode });
    if (typeof message === 'string') expect(res.json().message).toBe(message);
    else expect(res.json().message).toMatch(message);
    expect(Object.keys(res.json()).sort()).toEqual(['error_code', 'message']);
    expect(res.headers['retry-after']).toBeUndefined();
    expect(allWritten(proxy)).toEqual([]);
    expect(await counter(proxy.metrics, 'rest_proxy_errors_total', { api: 'v2', error_code: String(errorCode) })).toBe(1);
  });

  test('no body and no Content-Type: 415 saying none was given', async () => {
    proxy = await startProxy();
    const res = await proxy.app.inject({ method: 'POST', url: '/topics/users' });
    expect([res.statusCode, res.json()]).toEqual([415, { error_code: 415, message: 'topic users is Avro: send Content-Type: application/vnd.kafka.avro.v2+json, not nothing (the catalog has no JSON or binary topics)' }]);
  });

  test('a body beyond server.bodyLimit: 413 naming the limit', async () => {
    proxy = await startProxy({ bodyLimit: 2000 });
    const res = await proxy.post('/topics/users', { records: [{ key: userKey(1), value: userJson(1, { displayName: 'x'.repeat(3000) }) }] });
    expect([res.statusCode, res.json()]).toEqual([413, { error_code: 413, message: 'the body is larger than 2000 bytes (server.bodyLimit)' }]);
    expect(allWritten(proxy)).toEqual([]);
  });

  test('a request with 25 problems lists the first 20 and counts the rest', async () => {
    proxy = await startProxy({ app: { maxRecords: 100 } });
    const res = await proxy.post('/topics/users', { records: Array.from({ length: 25 }, () => ({ value: userJson(1) })) });
    const message = res.json().message as string;
    expect(message).toMatch(/^25 problem\(s\), nothing written to users: records\[0\]\.key: missing/);
    expect(message).toContain('records[19].key: missing');
    expect(message).not.toContain('records[20].key');
    expect(message.endsWith('; and 5 more')).toBe(true);
  });

  test('20 problems are all listed, with no count of more', async () => {
    proxy = await startProxy({ app: { maxRecords: 100 } });
    const res = await proxy.post('/topics/users', { records: Array.from({ length: 20 }, () => ({ value: userJson(1) })) });
    const message = res.json().message as string;
    expect(message).toMatch(/^20 problem\(s\), .*records\[19\]\.key: missing \(topic users is keyed by com\.state\.users\.UserKey\)$/);
  });
});
