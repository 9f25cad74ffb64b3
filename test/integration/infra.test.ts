/**
 * Proves the dev/CI infrastructure is real: a Kafka broker that creates topics and
 * carries messages, and a schema registry that speaks the Confluent REST API
 * (Apicurio Registry 3.x, /apis/ccompat/v7). Needs `npm run dev:up` first.
 *
 * The registry assertions also pin down the Apicurio behaviour that the runtime and
 * `unilog check --against registry:` rely on (ids, compatibility config, 409s).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import { infraHint, kafkaBrokers, schemaRegistryUrl, SCHEMA_REGISTRY_CONTENT_TYPE } from './infra.js';

const unique = (prefix: string): string => `${prefix}-${randomUUID().slice(0, 8)}`;

interface SrResponse<T> {
  status: number;
  body: T;
}

async function sr<T = unknown>(method: string, path: string, body?: unknown): Promise<SrResponse<T>> {
  const res = await fetch(`${schemaRegistryUrl()}${path}`, {
    method,
    headers: {
      accept: `${SCHEMA_REGISTRY_CONTENT_TYPE}, application/json`,
      ...(body === undefined ? {} : { 'content-type': SCHEMA_REGISTRY_CONTENT_TYPE }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

const userV1 = {
  type: 'record',
  name: 'User',
  namespace: 'test.unilog',
  fields: [{ name: 'id', type: 'string' }],
};
// Adds a field with a default: BACKWARD compatible.
const userV2 = {
  ...userV1,
  fields: [...userV1.fields, { name: 'age', type: 'int', default: 0 }],
};
// Adds a field without a default: not BACKWARD compatible with v1/v2.
const userBad = {
  ...userV1,
  fields: [...userV1.fields, { name: 'email', type: 'string' }],
};

function kafka(): Kafka {
  return new Kafka({
    clientId: unique('unilog-infra-test'),
    brokers: kafkaBrokers(),
    logLevel: logLevel.ERROR,
    retry: { retries: 8 },
  });
}

describe('dev infrastructure (real Kafka + Confluent-API registry)', () => {
  let admin: Admin;
  const topics: string[] = [];

  beforeAll(async () => {
    admin = kafka().admin();
    try {
      await admin.connect();
      await admin.describeCluster();
    } catch (err) {
      throw new Error(`Kafka not reachable (${String(err)}). ${infraHint()}`);
    }
    const probe = await sr('GET', '/subjects').catch((err: unknown) => {
      throw new Error(`schema registry not reachable (${String(err)}). ${infraHint()}`);
    });
    if (probe.status !== 200) throw new Error(`schema registry answered ${probe.status}. ${infraHint()}`);
  });

  afterAll(async () => {
    if (topics.length) await admin.deleteTopics({ topics }).catch(() => {});
    await admin?.disconnect();
  });

  it('creates a topic, produces and consumes a message', async () => {
    const topic = unique('infra-topic');
    topics.push(topic);
    const created = await admin.createTopics({
      topics: [{ topic, numPartitions: 2, replicationFactor: 1 }],
      waitForLeaders: true,
    });
    expect(created).toBe(true);
    const meta = await admin.fetchTopicMetadata({ topics: [topic] });
    expect(meta.topics[0]?.partitions).toHaveLength(2);

    const client = kafka();
    const producer = client.producer({ allowAutoTopicCreation: false });
    const consumer = client.consumer({ groupId: unique('infra-group'), maxWaitTimeInMs: 250 });
    await producer.connect();
    await consumer.connect();
    try {
      await producer.send({
        topic,
        messages: [{ key: 'user-1', value: 'hello unilog', headers: { 'x-test': 'yes' } }],
      });
      await consumer.subscribe({ topic, fromBeginning: true });
      const got = await new Promise<{ key: string; value: string; header: string }>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no message consumed within 30s')), 30_000);
        void consumer.run({
          eachMessage: async ({ message }) => {
            clearTimeout(timer);
            resolve({
              key: message.key?.toString() ?? '',
              value: message.value?.toString() ?? '',
              header: message.headers?.['x-test']?.toString() ?? '',
            });
          },
        });
      });
      expect(got).toEqual({ key: 'user-1', value: 'hello unilog', header: 'yes' });
    } finally {
      await consumer.disconnect();
      await producer.disconnect();
    }
  });

  it('registers, fetches and evolves an Avro schema over the Confluent REST API', async () => {
    const subject = unique('infra-subject-value');
    const v1 = await sr<{ id: number }>('POST', `/subjects/${subject}/versions`, {
      schema: JSON.stringify(userV1),
    });
    expect(v1.status).toBe(200);
    expect(typeof v1.body.id).toBe('number');

    const byId = await sr<{ schema: string }>('GET', `/schemas/ids/${v1.body.id}`);
    expect(byId.status).toBe(200);
    expect(JSON.parse(byId.body.schema)).toEqual(userV1);

    // Registering the same schema again is idempotent: same id, no new version.
    const again = await sr<{ id: number }>('POST', `/subjects/${subject}/versions`, {
      schema: JSON.stringify(userV1, null, 2), // different whitespace, same schema
    });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(v1.body.id);

    const v2 = await sr<{ id: number }>('POST', `/subjects/${subject}/versions`, {
      schema: JSON.stringify(userV2),
    });
    expect(v2.status).toBe(200);
    expect(v2.body.id).not.toBe(v1.body.id);

    const versions = await sr<number[]>('GET', `/subjects/${subject}/versions`);
    expect(versions.status).toBe(200);
    expect(versions.body).toEqual([1, 2]);

    const latest = await sr<{ subject: string; version: number; id: number; schema: string }>(
      'GET',
      `/subjects/${subject}/versions/latest`,
    );
    expect(latest.body).toMatchObject({ subject, version: 2, id: v2.body.id });

    // Lookup of an existing schema under the subject.
    const lookup = await sr<{ version: number; id: number }>('POST', `/subjects/${subject}`, {
      schema: JSON.stringify(userV1),
    });
    expect(lookup.status).toBe(200);
    expect(lookup.body).toMatchObject({ version: 1, id: v1.body.id });

    // Ids identify schema content, as in Confluent: the same schema under another
    // subject gets the same id (this is why legacy-id-mode is left off).
    const other = unique('infra-other-value');
    const shared = await sr<{ id: number }>('POST', `/subjects/${other}/versions`, {
      schema: JSON.stringify(userV1),
    });
    expect(shared.body.id).toBe(v1.body.id);
    const usedBy = await sr<Array<{ subject: string; version: number }>>('GET', `/schemas/ids/${v1.body.id}/versions`);
    expect(usedBy.body).toEqual(
      expect.arrayContaining([
        { subject, version: 1 },
        { subject: other, version: 1 },
      ]),
    );

    // Not-found shapes.
    const noSubject = await sr<{ error_code: number }>('GET', `/subjects/${unique('missing')}/versions`);
    expect(noSubject.status).toBe(404);
    expect(noSubject.body.error_code).toBe(40401);
    const noSchema = await sr<{ error_code: number }>('GET', '/schemas/ids/987654321');
    expect(noSchema.status).toBe(404);
    expect(noSchema.body.error_code).toBe(40403);
  });

  it('enforces compatibility config and rejects an incompatible schema with 409', async () => {
    // The registry is started with a global BACKWARD rule (Confluent's default).
    const global = await sr<{ compatibilityLevel: string }>('GET', '/config');
    expect(global.status).toBe(200);
    expect(global.body.compatibilityLevel).toBe('BACKWARD');

    const subject = unique('infra-compat-value');
    // Subject-level config can be set before the subject has any version.
    const put = await sr<{ compatibility: string }>('PUT', `/config/${subject}`, { compatibility: 'BACKWARD' });
    expect(put.status).toBe(200);
    expect(put.body.compatibility).toBe('BACKWARD');
    const got = await sr<{ compatibilityLevel: string }>('GET', `/config/${subject}`);
    expect(got.body).toEqual({ compatibilityLevel: 'BACKWARD' });

    expect((await sr('POST', `/subjects/${subject}/versions`, { schema: JSON.stringify(userV1) })).status).toBe(200);

    const check = await sr<{ is_compatible: boolean }>('POST', `/compatibility/subjects/${subject}/versions/latest`, {
      schema: JSON.stringify(userBad),
    });
    expect(check.status).toBe(200);
    expect(check.body.is_compatible).toBe(false);
    const checkOk = await sr<{ is_compatible: boolean }>('POST', `/compatibility/subjects/${subject}/versions/latest`, {
      schema: JSON.stringify(userV2),
    });
    expect(checkOk.body.is_compatible).toBe(true);

    const rejected = await sr<{ error_code: number; message: string }>('POST', `/subjects/${subject}/versions`, {
      schema: JSON.stringify(userBad),
    });
    expect(rejected.status).toBe(409);
    expect(rejected.body.error_code).toBe(409);
    expect(rejected.body.message).toMatch(/Incompatible/);
    expect((await sr<number[]>('GET', `/subjects/${subject}/versions`)).body).toEqual([1]);

    // NONE on the subject lets the same schema in.
    expect((await sr('PUT', `/config/${subject}`, { compatibility: 'NONE' })).status).toBe(200);
    const accepted = await sr<{ id: number }>('POST', `/subjects/${subject}/versions`, {
      schema: JSON.stringify(userBad),
    });
    expect(accepted.status).toBe(200);
    expect((await sr<number[]>('GET', `/subjects/${subject}/versions`)).body).toEqual([1, 2]);
  });

  it('works end to end with @kafkajs/confluent-schema-registry and Kafka', async () => {
    const registry = new SchemaRegistry({ host: schemaRegistryUrl() });
    const subject = unique('infra-lib-value');
    const { id } = await registry.register(
      { type: SchemaType.AVRO, schema: JSON.stringify(userV2) },
      { subject },
    );
    // A second register() reads the subject's config back and must see BACKWARD.
    expect((await registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(userV2) }, { subject })).id).toBe(id);

    const topic = unique('infra-avro');
    topics.push(topic);
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    const client = kafka();
    const producer = client.producer();
    const consumer = client.consumer({ groupId: unique('infra-avro-group'), maxWaitTimeInMs: 250 });
    await producer.connect();
    await consumer.connect();
    try {
      const encoded = await registry.encode(id, { id: 'u-1', age: 42 });
      expect(encoded[0]).toBe(0); // Confluent wire format: magic byte, then 4-byte id
      expect(encoded.readInt32BE(1)).toBe(id);
      await producer.send({ topic, messages: [{ value: encoded }] });
      await consumer.subscribe({ topic, fromBeginning: true });
      const value = await new Promise<Buffer>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no message consumed within 30s')), 30_000);
        void consumer.run({
          eachMessage: async ({ message }) => {
            clearTimeout(timer);
            if (message.value) resolve(message.value);
          },
        });
      });
      // Decode with a fresh client so the schema is fetched from the registry by id.
      const decoded: unknown = await new SchemaRegistry({ host: schemaRegistryUrl() }).decode(value);
      expect(decoded).toEqual({ id: 'u-1', age: 42 });
    } finally {
      await consumer.disconnect();
      await producer.disconnect();
    }
  });
});
