/**
 * rest-proxy's request checks, in process: the v2 and v3 bodies (every shape problem listed with its path), API keys
 * against catalog owners, the HTTP status each Confluent error code is answered with, and Kafka failing a send (the
 * integration tests run against the one shared broker, which they do not stop).
 */
import { describe, expect, test } from 'vitest';
import { users } from '../../generated/topics.js';
import type { AnyTopic } from '../../runtime/index.js';
import { ApiKeys } from '../../services/rest-proxy/src/auth.js';
import { PROXY_ERROR_CODES, ProxyError } from '../../services/rest-proxy/src/errors.js';
import { parseV2Request } from '../../services/rest-proxy/src/v2/produce-request.js';
import { parseV3Request } from '../../services/rest-proxy/src/v3/produce-request.js';
import { FakeRegistry } from '../runtime/fake-registry.js';

const failure = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof ProxyError ? { code: e.code, status: e.status, message: e.message } : e;
  }
  return undefined;
};

describe('v2 body', () => {
  test('schema refs and records', () => {
    expect(parseV2Request({ value_schema_id: 7, key_schema: '"string"', records: [{ key: 'k', value: 1, partition: 2 }, { value: null }] }, 10, undefined)).toEqual({
      key: { kind: 'embedded', text: '"string"' },
      value: { kind: 'id', id: 7 },
      records: [
        { key: 'k', value: 1, at: 'records[0]', partition: 2 },
        { key: undefined, value: null, at: 'records[1]' },
      ],
    });
    expect(parseV2Request({ records: [{ value: 1 }] }, 10, 3).records[0]).toMatchObject({ partition: 3 });
  });

  test('every shape problem at once', () => {
    expect(failure(() => parseV2Request({ value_schema: {}, value_schema_id: -1, extra: 1, records: [5, { key: 1, partition: 'x', v: 1 }] }, 10, undefined))).toEqual({
      code: 42206,
      status: 422,
      message:
        'extra: unknown (expected key_schema, key_schema_id, value_schema, value_schema_id, records); value_schema, value_schema_id: give one of them, not both; ' +
        'value_schema_id: must be a schema id (an integer ≥ 0), found -1; value_schema: must be the schema as a string of JSON, found object; ' +
        'records[0]: must be an object with "value" (and "key"); records[1].v: unknown (expected key, value, partition); records[1].value: missing; ' +
        'records[1].partition: must be an integer ≥ 0, found "x"',
    });
  });

  test('more records than allowed is 413; a partition in both URL and record is refused', () => {
    expect(failure(() => parseV2Request({ records: [{ value: 1 }, { value: 2 }] }, 1, undefined))).toMatchObject({ code: 413, status: 413 });
    expect(failure(() => parseV2Request({ records: [{ value: 1, partition: 0 }] }, 5, 1))).toMatchObject({ code: 42206, message: 'records[0].partition: not allowed when the URL names the partition' });
  });
});

describe('v3 body', () => {
  test('key and value with data and schema refs, headers, partition, timestamp', () => {
    const r = parseV3Request(
      { partition_id: 1, headers: [{ name: 'h', value: 'aGk=' }], key: { type: 'AVRO', schema_id: 3, data: 'k' }, value: { subject: 's', schema_version: 2, data: { a: 1 } }, timestamp: '2026-01-01T00:00:00Z' },
      5,
    );
    expect(r).toEqual({
      key: { kind: 'id', id: 3 },
      value: { kind: 'version', subject: 's', version: 2 },
      record: { key: 'k', value: { a: 1 }, at: '', partition: 1, headers: { h: Buffer.from('hi') }, timestamp: Date.parse('2026-01-01T00:00:00Z') },
    });
    expect(parseV3Request({ value: { subject: 's', data: 1 } }, 5)).toMatchObject({ value: { kind: 'version', subject: 's', version: 'latest' }, record: { key: undefined, timestamp: 5 } });
  });

  test('a format other than Avro is 415; shape problems are listed', () => {
    expect(failure(() => parseV3Request({ value: { type: 'JSON', data: 'Hello World!' } }, 0))).toMatchObject({ code: 415, status: 415 });
    expect(failure(() => parseV3Request({ key: { schema_id: 1, schema: '"string"' }, value: {}, headers: [{ name: 'h', value: '%%' }], timestamp: 'soon' }, 0))).toEqual({
      code: 42206,
      status: 422,
      message: 'key: give one of schema_id, schema, subject (+ schema_version), found schema_id, schema; key.data: missing; value.data: missing; timestamp: must be an ISO 8601 date-time, found "soon"; headers[0].value: must be base64',
    });
  });
});

describe('API keys', () => {
  const topic = users as unknown as AnyTopic;
  test('a key writes only the topics its service owns; no keys configured lets everyone write', () => {
    const keys = new ApiKeys({ k1: 'user-service', k2: 'graph-service' });
    expect(failure(() => keys.check('Bearer k1', topic, 'users'))).toBeUndefined();
    expect(failure(() => keys.check(undefined, topic, 'users'))).toMatchObject({ code: 40101, status: 401 });
    expect(failure(() => keys.check('Bearer nope', topic, 'users'))).toMatchObject({ code: 40101, message: 'unknown API key' });
    expect(failure(() => keys.check('Basic k1', topic, 'users'))).toMatchObject({ code: 40101 });
    expect(failure(() => keys.check('Bearer k2', topic, 'users'))).toMatchObject({ code: 40301, status: 403 });
    expect(failure(() => new ApiKeys({}).check(undefined, topic, 'users'))).toBeUndefined();
  });
});

test('every error code is answered with the status of its first three digits', () => {
  for (const code of Object.keys(PROXY_ERROR_CODES).map(Number)) {
    const status = new ProxyError(code as keyof typeof PROXY_ERROR_CODES, '').status;
    expect(String(code).startsWith(String(status)), `${code} → ${status}`).toBe(true);
  }
});

describe('Kafka failing a send', () => {
  test.each([
    ['unreachable (retryable): 503 with 50302', Object.assign(new Error('Connection error: connect ECONNREFUSED'), { name: 'KafkaJSConnectionError', retriable: true }), 50302, 503],
    ['a refusal retrying cannot fix: 500 with 50002', Object.assign(new Error('The request included a message larger than the max message size'), { name: 'KafkaJSProtocolError', retriable: false }), 50002, 500],
  ])('%s', async (_name, error, code, status) => {
    const { produce } = await import('../../services/rest-proxy/src/produce.js');
    const { CatalogTopics } = await import('../../services/rest-proxy/src/catalog-topics.js');
    const { TopicSchemas } = await import('../../services/rest-proxy/src/schemas.js');
    const { createSchemaRegistry } = await import('../../runtime/index.js');
    const fake = new FakeRegistry();
    const admin = { fetchTopicMetadata: async () => ({ topics: [{ name: 'users', partitions: [{}, {}, {}] }] }) };
    const topics = new CatalogTopics('', async () => admin as never);
    const producer = { sendWithOffsets: async () => Promise.reject(error) } as never;
    const deps = { topics, schemas: new TopicSchemas(createSchemaRegistry({ url: fake.base, fetch: fake.fetch, policy: 'auto-register' })), producer };
    const key = { userId: '00000000-0000-4000-8000-000000000001' };
    const value = { id: key.userId, username: 'ada', displayName: 'Ada', createdAt: 1, updatedAt: 1 };
    const failed = await produce(deps, topics.get('users'), { key: { kind: 'catalog' }, value: { kind: 'catalog' }, keyField: 'key_schema', valueField: 'value_schema' }, [{ key, value, at: 'records[0]' }]).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(ProxyError);
    expect(failed).toMatchObject({ code, status, message: `topic users: ${error.message}` });
  });
});
