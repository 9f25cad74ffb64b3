/**
 * Schema evolution at run time, against the real registry and broker: a consumer generated with v1 of User reads
 * records written with a v2 registered later; a writer v1 cannot read is dead-lettered at once with
 * INCOMPATIBLE_SCHEMA; the registry refuses an incompatible schema; the lookup-only policy and the subject strategies.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { codecOptions } from '../../generated/codec-options.js';
import { users } from '../../generated/topics.js';
import type { User, UserKeyInput } from '../../generated/index.js';
import {
  createCodec,
  createConsumer,
  createProducer,
  defineTopic,
  DEAD_LETTER_HEADERS,
  type AvroRecordSchema,
  type ConsumedRecord,
  type DeadLetterEvent,
  type Topic,
} from '../../runtime/index.js';
import { userInput, userKey } from './example-records.js';
import { schemaRegistryUrl } from './infra.js';
import { FAST, kafka, readRaw, registry, renamed, unique, until } from './runtime-support.js';

const client = kafka();
const stops: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
});

const v1 = users.value.standaloneSchema() as AvroRecordSchema;
/** v2: an optional field added (BACKWARD compatible: v1 readers skip it). */
const v2: AvroRecordSchema = { ...v1, fields: [...v1.fields, { name: 'nickname', type: ['null', 'string'], default: null }] };
/** v3: `username` removed. The registry takes it (BACKWARD: v3 can read v1 data), but v1 cannot read v3 data. */
const v3: AvroRecordSchema = { ...v1, fields: v1.fields.filter((f) => f.name !== 'username') };
/** A required field without a default: the registry refuses it under BACKWARD. */
const bad: AvroRecordSchema = { ...v1, fields: [...v1.fields, { name: 'age', type: 'int' }] };

/** The subject's own level, as docs/dev-infrastructure.md advises (never rely on the registry's global one). */
async function setLevel(subject: string, compatibility: string): Promise<void> {
  const res = await fetch(`${schemaRegistryUrl()}/config/${encodeURIComponent(subject)}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
    body: JSON.stringify({ compatibility }),
  });
  expect(res.status).toBe(200);
}

function withValue<V, VI, K>(topic: Topic<K, UserKeyInput, unknown, unknown>, schema: AvroRecordSchema): Topic<K, UserKeyInput, V, VI> {
  return defineTopic({ ...topic, value: createCodec<V, VI>(schema, codecOptions) });
}

describe('schema evolution at run time (real registry)', () => {
  test('a consumer generated with v1 reads records written with v2; a writer it cannot read goes to the DLQ at once', async () => {
    const topic = await renamed(client, users, 2);
    await setLevel(`${topic.name}-value`, 'BACKWARD');
    const reg = registry();
    const idA = crypto.randomUUID();
    const idB = crypto.randomUUID();
    const idC = crypto.randomUUID();
    const idD = crypto.randomUUID();

    const p1 = createProducer(client, topic, { registry: reg });
    const p2 = createProducer(client, withValue<unknown, Record<string, unknown>, unknown>(topic, v2), { registry: reg });
    const p3 = createProducer(client, withValue<unknown, Record<string, unknown>, unknown>(topic, v3), { registry: reg });
    stops.push(() => p1.disconnect(), () => p2.disconnect(), () => p3.disconnect());
    await p1.send({ key: userKey(idA), value: userInput(idA, 1) });
    await p2.send({ key: userKey(idB), value: { ...userInput(idB, 2), nickname: 'bee' } });
    const { username: _dropped, ...withoutUsername } = userInput(idC, 3);
    await p3.send({ key: userKey(idC), value: withoutUsername });
    await p1.send({ key: userKey(idD), value: userInput(idD, 4) });

    const got: Array<ConsumedRecord<unknown, User>> = [];
    const dead: DeadLetterEvent[] = [];
    const consumer = createConsumer(client, topic, {
      groupId: unique('g'),
      registry: registry(), // a fresh cache: every writer id is fetched from the registry
      handler: (r) => void got.push(r),
      onDeadLetter: (e) => void dead.push(e),
      ...FAST,
    });
    stops.push(() => consumer.stop());
    await consumer.start();
    await until(() => got.length >= 3 && dead.length >= 1, 'three records and one dead letter');

    const byId = new Map(got.map((r) => [r.value!.id, r.value!]));
    expect(byId.get(idB)).toEqual(users.value.decode(users.value.encode(userInput(idB, 2))));
    expect(byId.get(idB)).not.toHaveProperty('nickname');
    expect([...byId.keys()].sort()).toEqual([idA, idB, idD].sort());
    expect(dead).toEqual([expect.objectContaining({ code: 'INCOMPATIBLE_SCHEMA', attempts: 0 })]);
    expect(String((dead[0]!.error as Error).message)).toMatch(/cannot be read as com\.state\.users\.User/);

    const [letter] = await readRaw(client, `${topic.name}.dlq`, 1);
    const v3Id = letter!.message.value!.readUInt32BE(1);
    expect(String(letter!.message.headers![DEAD_LETTER_HEADERS.errorCode])).toBe('INCOMPATIBLE_SCHEMA');
    expect(String(letter!.message.headers![DEAD_LETTER_HEADERS.error])).toMatch(new RegExp(`schema id ${v3Id} \\(registry `));
  });

  test('the serde answers INCOMPATIBLE_SCHEMA for that writer on every message, without asking again', async () => {
    const topic = await renamed(client, users, 1);
    const writer = createProducer(client, withValue<unknown, Record<string, unknown>, unknown>(topic, v3), { registry: registry() });
    stops.push(() => writer.disconnect());
    const id = crypto.randomUUID();
    const { username: _dropped, ...value } = userInput(id);
    await writer.send({ key: userKey(id), value });
    const [raw] = await readRaw(client, topic.name, 1);
    const serde = registry().topicSerdes(topic).value;
    await expect(serde.decodeAsync(raw!.message.value!)).rejects.toMatchObject({ name: 'CodecError', code: 'INCOMPATIBLE_SCHEMA' });
    expect(serde.missingWriter(raw!.message.value!)).toBeUndefined();
    expect(() => serde.decode(raw!.message.value!)).toThrow(/username/);
  });

  test('the registry refuses an incompatible schema: SCHEMA_REJECTED naming the registry', async () => {
    const topic = await renamed(client, users, 1);
    await setLevel(`${topic.name}-value`, 'BACKWARD');
    const reg = registry();
    const first = createProducer(client, topic, { registry: reg });
    stops.push(() => first.disconnect());
    await first.connect();
    const producer = createProducer(client, withValue<unknown, Record<string, unknown>, unknown>(topic, bad), { registry: reg });
    stops.push(() => producer.disconnect());
    const err = await producer.connect().catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'SCHEMA_REJECTED', retriable: false });
    expect(String((err as Error).message)).toContain(`schema registry ${schemaRegistryUrl()}: POST /subjects/${topic.name}-value/versions: HTTP 409`);
  });

  test('lookup-only: an unregistered schema fails naming subject and registry; once registered, the same id', async () => {
    const topic = await renamed(client, users, 1);
    const strict = createProducer(client, topic, { registry: registry({ policy: 'lookup-only' }) });
    stops.push(() => strict.disconnect());
    const err = await strict.connect().catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'SCHEMA_NOT_REGISTERED', retriable: false });
    expect(String((err as Error).message)).toMatch(new RegExp(`^schema registry ${schemaRegistryUrl().replace(/[.]/g, '\\.')}: subject '${topic.name}-(key|value)' does not exist`));

    const dev = registry();
    const registered = await dev.topicSerdes(topic).value.prepare();
    await dev.topicSerdes(topic).key.prepare();
    const prod = registry({ policy: 'lookup-only' });
    expect(await prod.topicSerdes(topic).value.prepare()).toBe(registered);
    const producer = createProducer(client, topic, { registry: prod });
    stops.push(() => producer.disconnect());
    const id = crypto.randomUUID();
    await producer.send({ key: userKey(id), value: userInput(id) });
  });

  test('TopicRecordNameStrategy registers under <topic>-<record full name>', async () => {
    const topic = await renamed(client, users, 1);
    const reg = registry({ subjectStrategy: 'TopicRecordNameStrategy' });
    const producer = createProducer(client, topic, { registry: reg });
    stops.push(() => producer.disconnect());
    const id = crypto.randomUUID();
    await producer.send({ key: userKey(id), value: userInput(id) });
    const subjects = (await (await fetch(`${schemaRegistryUrl()}/subjects`)).json()) as string[];
    expect(subjects).toEqual(expect.arrayContaining([`${topic.name}-com.state.users.User`, `${topic.name}-com.state.users.UserKey`]));
    expect(subjects).not.toContain(`${topic.name}-value`);
  });
});
