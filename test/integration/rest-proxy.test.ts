/**
 * services/rest-proxy against the real broker and registry: Confluent's documented curl examples (v2 and v3, adapted
 * to catalog topics) answer as Confluent's proxy does, and the topic then holds the records, typed; every error class
 * answers with its status and error_code, names the record and field at fault, and writes nothing (the topic's record
 * count proves it); a 500-record request with one bad record writes none; a registry outage is a 503 with Retry-After.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { users } from '../../generated/topics.js';
import { defineTopic, type AnyTopic } from '../../runtime/index.js';
import { prefixedTopic, recordCount, shell, startIngestService, type Started } from './ingest-support.js';
import { registryProxy } from './registry-proxy.js';
import { kafka, readRaw, registry, unique } from './runtime-support.js';

const client = kafka();
const prefix = `${unique('rp')}.`;
const KEYS = { 'key-of-user-service': 'user-service', 'key-of-graph-service': 'graph-service' };
const AVRO = 'application/vnd.kafka.avro.v2+json';
let open: Started; // no API keys: the documented examples, verbatim
let guarded: Started; // with API keys
let usersTopic: AnyTopic;
const stops: Array<() => Promise<void>> = [];

/** A user in Avro's JSON encoding: unions wrapped by branch name, bytes as code points, instants as longs. */
function userJson(n: number, patch: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    username: `user${n}`,
    displayName: `User ${n}`,
    email: null,
    bio: { string: `bio ${n}` },
    location: { 'com.state.common.Geo': { lat: 51.5, lon: -0.1, placeName: { string: 'Zürich ☃' } } },
    status: 'ACTIVE',
    verified: true,
    followerCount: n,
    interests: ['avro'],
    settings: { theme: 'dark' },
    avatar: { bytes: '\u00ff\u0000A' },
    createdAt: 1_700_000_000_000 + n,
    updatedAt: 1_700_000_000_000 + n,
    ...patch,
  };
}
const userKey = (n: number) => ({ userId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}` });

beforeAll(async () => {
  usersTopic = await prefixedTopic(client, prefix, 'users');
  await prefixedTopic(client, prefix, 'opinions');
  open = await startIngestService('rest-proxy', prefix, {});
  guarded = await startIngestService('rest-proxy', prefix, { apiKeys: KEYS, maxRecords: 600 });
  stops.push(() => open.service.stop(), () => guarded.service.stop());
});

afterAll(async () => {
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
});

async function post(s: Started, url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
  const res = await fetch(`${s.url}${url}`, {
    method: 'POST',
    headers: { 'content-type': AVRO, authorization: 'Bearer key-of-user-service', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

describe('Confluent REST v2, as documented', () => {
  test('the embedded-schema and schema-id examples write typed records and answer offsets and schema ids', async () => {
    const schema = JSON.stringify(users.value.standaloneSchema());
    const keySchema = JSON.stringify(users.key.standaloneSchema());
    // Confluent's "Produce a message using Avro embedded data, including the schema", with the catalog's schemas,
    // a key (catalog topics are keyed) and a user for the record; the flags as the documentation writes them.
    const data = JSON.stringify({ key_schema: keySchema, value_schema: schema, records: [{ key: userKey(1), value: userJson(1) }] });
    const first = JSON.parse(
      await shell(`curl -s -X POST -H "Content-Type: application/vnd.kafka.avro.v2+json" \\
      -H "Accept: application/vnd.kafka.v2+json" \\
      --data '${data}' \\
      "${open.url}/topics/users"`),
    ) as { offsets: { partition: number; offset: number; error_code: null; error: null }[]; key_schema_id: number; value_schema_id: number };
    expect(first.offsets).toEqual([{ partition: expect.any(Number), offset: 0, error_code: null, error: null }]);
    expect(first.value_schema_id).toBe(await registry().topicSerdes(usersTopic).value.prepare());

    // "Produce a message with Avro embedded data using the schema id", to a partition named in the URL.
    const byId = JSON.stringify({ key_schema_id: first.key_schema_id, value_schema_id: first.value_schema_id, records: [{ key: userKey(2), value: userJson(2) }, { key: userKey(3), value: userJson(3) }] });
    const second = JSON.parse(
      await shell(`curl -s -X POST -H "Content-Type: application/vnd.kafka.avro.v2+json" \\
      -H "Accept: application/vnd.kafka.v2+json" \\
      --data '${byId}' \\
      "${open.url}/topics/users/partitions/1"`),
    ) as typeof first;
    expect(second.offsets.map((o) => o.partition)).toEqual([1, 1]);
    expect(second.offsets[1]!.offset).toBe(second.offsets[0]!.offset + 1);

    const raw = await readRaw(client, usersTopic.name, 3);
    const serde = registry().topicSerdes(defineTopic({ ...users, name: usersTopic.name })).value;
    const read = await Promise.all(raw.map((r) => serde.decodeAsync(r.message.value!)));
    const one = read.find((u) => u.username === 'user1')!;
    expect(one).toMatchObject({ bio: 'bio 1', location: { lat: 51.5, lon: -0.1, placeName: 'Zürich ☃' }, followerCount: 1, settings: { theme: 'dark' } });
    expect([...one.avatar!]).toEqual([0xff, 0, 0x41]);
    expect(one.createdAt).toEqual(new Date(1_700_000_000_001));
  });
});

describe('errors: each answers as specified and writes nothing', () => {
  const bad = userJson(9, { followerCount: 'many', bio: 'not wrapped', nickname: 'x' });
  const cases: [string, { url?: string; body: unknown; headers?: Record<string, string> }, number, number, RegExp][] = [
    ['a topic outside the catalog', { url: '/topics/not-in-catalog', body: { records: [] } }, 404, 40401, /topic not-in-catalog is not in the catalog/],
    ['a partition the topic does not have', { url: '/topics/users/partitions/99', body: { records: [{ key: userKey(9), value: userJson(9) }] } }, 404, 40402, /partition 99: topic .*users has partitions 0-5/],
    ['the JSON embedded format for an Avro topic', { body: { records: [] }, headers: { 'content-type': 'application/vnd.kafka.json.v2+json' } }, 415, 415, /topic users is Avro/],
    ['a body that is not JSON', { body: '{"records": [', headers: {} }, 400, 400, /not JSON/],
    ['no records', { body: { value_schema_id: 1 } }, 422, 42206, /records: must be a non-empty array/],
    ['a record that does not match the schema, every field named', { body: { records: [{ key: userKey(9), value: userJson(8) }, { key: userKey(9), value: bad }] } }, 422, 42203,
      /3 problem\(s\).*records\[1\]\.value\.bio: expected a union value \{"string": …\} or null, found string "not wrapped"; records\[1\]\.value\.followerCount: expected long \(an integer\), found string "many"; records\[1\]\.value\.nickname: not a field of com\.state\.users\.User/],
    ['a uuid Avro JSON cannot check, as consumers would read it', { body: { records: [{ key: { userId: 'not-a-uuid' }, value: userJson(9) }] } }, 422, 42203, /records\[0\]\.key\.userId: .*as the topic's consumers read it/],
    ['a key missing on a keyed topic', { body: { records: [{ value: userJson(9) }] } }, 422, 42203, /records\[0\]\.key: missing \(topic .*users is keyed by com\.state\.users\.UserKey\)/],
    ['a schema id the registry does not have', { body: { value_schema_id: 987654, records: [{ key: userKey(9), value: userJson(9) }] } }, 422, 42205, /value_schema: .*987654/],
    ['a schema the catalog schema cannot read', { body: { value_schema: '{"type":"record","name":"User","namespace":"com.state.users","fields":[{"name":"id","type":"int"}]}', records: [{ key: userKey(9), value: { id: 1 } }] } }, 422, 42205, /cannot read it/],
    ['no API key', { body: { records: [] }, headers: { authorization: '' } }, 401, 40101, /Authorization: Bearer/],
    ["another service's topic", { body: { records: [] }, headers: { authorization: 'Bearer key-of-graph-service' } }, 403, 40301, /graph-service may not write users: the catalog says user-service owns it/],
    ['more records than app.maxRecords', { body: { records: Array.from({ length: 601 }, () => ({ key: userKey(9), value: userJson(9) })) } }, 413, 413, /601 records, more than the 600/],
    ['a body beyond server.bodyLimit', { body: { records: [{ key: userKey(9), value: userJson(9, { displayName: 'x'.repeat(1_100_000) }) }] } }, 413, 413, /larger than 1048576 bytes/],
  ];

  test.each(cases)('%s', async (_name, req, status, errorCode, message) => {
    const before = await recordCount(client, usersTopic.name);
    const res = await post(guarded, req.url ?? '/topics/users', req.body, req.headers);
    expect({ status: res.status, error_code: res.body['error_code'] }).toEqual({ status, error_code: errorCode });
    expect(res.body['message']).toMatch(message);
    expect(await recordCount(client, usersTopic.name)).toBe(before);
  });

  test('a catalog topic that is not on the cluster: 40401, and the broker does not create it', async () => {
    const res = await post(open, '/topics/activity-feed', { records: [{ key: 'k', value: {} }] });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error_code: 40401, message: `topic ${prefix}activity-feed is in the catalog but not on the cluster (create it: unilog topics --create)` });
    const admin = client.admin();
    await admin.connect();
    expect(await admin.listTopics().finally(() => admin.disconnect())).not.toContain(`${prefix}activity-feed`);
  });

  test('500 records with one bad one write none; the same 500 corrected are written, offsets in order', async () => {
    const records = Array.from({ length: 500 }, (_, i) => ({ key: userKey(1000 + i), value: userJson(1000 + i) }));
    const before = await recordCount(client, usersTopic.name);
    const broken = records.map((r, i) => (i === 317 ? { ...r, value: userJson(317, { status: 'GONE' }) } : r));
    const refused = await post(guarded, '/topics/users', { records: broken });
    expect(refused.status).toBe(422);
    expect(refused.body['message']).toMatch(/^1 problem\(s\), nothing written to .*users: records\[317\]\.value\.status: expected one of the symbols of com\.state\.users\.AccountStatus/);
    expect(await recordCount(client, usersTopic.name)).toBe(before);

    const ok = await post(guarded, '/topics/users', { records });
    expect(ok.status).toBe(200);
    const offsets = ok.body['offsets'] as { partition: number; offset: number }[];
    expect(offsets).toHaveLength(500);
    const byPartition = new Map<number, number[]>();
    for (const o of offsets) byPartition.set(o.partition, [...(byPartition.get(o.partition) ?? []), o.offset]);
    for (const list of byPartition.values()) expect(list).toEqual(list.map((_, i) => list[0]! + i));
    expect(await recordCount(client, usersTopic.name)).toBe(before + 500);
  });

  test('the registry unreachable: 503 with Retry-After, nothing written', async () => {
    const p = await registryProxy();
    const outagePrefix = `${unique('rp-out')}.`;
    const topic = await prefixedTopic(client, outagePrefix, 'users');
    const s = await startIngestService('rest-proxy', outagePrefix, {}, p.url);
    stops.push(() => s.service.stop());
    await p.close();
    const res = await post(s, '/topics/users', { records: [{ key: userKey(5), value: userJson(5) }] });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(res.body).toMatchObject({ error_code: 50301, message: expect.stringMatching(/cannot reach the registry/) });
    expect(await recordCount(client, topic.name)).toBe(0);
  });
});

describe('Confluent REST v3', () => {
  test('the documented produce example, with schema ids, a subject version, headers and a partition', async () => {
    const clusterId = (await (async () => {
      const admin = client.admin();
      await admin.connect();
      try {
        return await admin.describeCluster();
      } finally {
        await admin.disconnect();
      }
    })()).clusterId;
    const keyId = await registry().topicSerdes(usersTopic).key.prepare();
    const valueId = await registry().topicSerdes(usersTopic).value.prepare();
    const data = JSON.stringify({
      partition_id: 2,
      headers: [{ name: 'source', value: Buffer.from('rails').toString('base64') }],
      key: { schema_id: keyId, data: userKey(42) },
      value: { subject: `${usersTopic.name}-value`, data: userJson(42) },
      timestamp: '2026-01-02T03:04:05.678Z',
    });
    const answer = JSON.parse(
      await shell(`curl -s -X POST \\
  -H "Content-Type: application/json" \\
  -d '${data}' \\
  ${open.url}/v3/clusters/${clusterId}/topics/users/records`),
    ) as Record<string, unknown>;
    expect(answer).toMatchObject({
      error_code: 200,
      cluster_id: clusterId,
      topic_name: 'users',
      partition_id: 2,
      offset: expect.any(Number),
      timestamp: '2026-01-02T03:04:05.678Z',
      key: { type: 'AVRO', schema_id: keyId, size: expect.any(Number) },
      value: { type: 'AVRO', subject: `${usersTopic.name}-value`, schema_id: valueId, schema_version: expect.any(Number) },
    });
    const raw = await readRaw(client, usersTopic.name, await recordCount(client, usersTopic.name));
    const mine = raw.find((r) => r.partition === 2 && r.message.offset === String(answer['offset']))!;
    expect(mine.message.headers?.['source']?.toString()).toBe('rails');
    expect(mine.message.timestamp).toBe(String(Date.parse('2026-01-02T03:04:05.678Z')));

    const wrongCluster = await fetch(`${open.url}/v3/clusters/nope/topics/users/records`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: data });
    expect(wrongCluster.status).toBe(404);
    expect(await wrongCluster.json()).toMatchObject({ error_code: 404, message: `cluster nope not found: this proxy writes to cluster ${clusterId}` });
  });
});
