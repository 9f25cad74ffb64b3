/**
 * The catalog's compatibility level reaches the registry: a topic's serde that creates a subject (auto-register) sets
 * the topic's level on it before its first schema; an existing subject keeps its level; lookup-only changes nothing.
 */
import { describe, expect, test } from 'vitest';
import { createCodec, createSchemaRegistry, defineTopic, type AvroRecordSchema } from '../../runtime/index.js';
import { FakeRegistry } from './fake-registry.js';

const KEY: AvroRecordSchema = { type: 'record', name: 'com.acme.OpinionKey', fields: [{ name: 'id', type: 'string' }] };
const VALUE: AvroRecordSchema = { type: 'record', name: 'com.acme.Opinion', fields: [{ name: 'text', type: 'string' }] };

const opinions = defineTopic({
  name: 'opinions',
  key: createCodec<{ id: string }>(KEY),
  value: createCodec<{ text: string }>(VALUE),
  visibility: 'shared',
  owner: 'opinion-service',
  partitions: 6,
  cleanupPolicy: 'delete',
  compatibility: 'FULL',
});

function setup(policy: 'auto-register' | 'lookup-only' = 'auto-register') {
  const fake = new FakeRegistry();
  return { fake, registry: createSchemaRegistry({ url: fake.base, fetch: fake.fetch, policy }) };
}

const calls = (fake: FakeRegistry): string[] => fake.requests.map((r) => `${r.method} ${r.path}`);

describe('subject compatibility levels', () => {
  test("a subject created by auto-registration gets the topic's level before its first schema", async () => {
    const { fake, registry } = setup();
    await registry.topicSerdes(opinions).value.prepare();
    expect(fake.levels.get('opinions-value')).toBe('FULL');
    expect(calls(fake)).toEqual(['POST /subjects/opinions-value', 'PUT /config/opinions-value', 'POST /subjects/opinions-value/versions']);
  });

  test('an existing subject keeps its own level', async () => {
    const { fake, registry } = setup();
    fake.put('opinions-value', { type: 'record', name: 'com.acme.Opinion', fields: [] });
    fake.levels.set('opinions-value', 'NONE');
    await registry.topicSerdes(opinions).value.prepare();
    expect(fake.levels.get('opinions-value')).toBe('NONE');
    expect(calls(fake)).not.toContain('PUT /config/opinions-value');
  });

  test('lookup-only never changes a level', async () => {
    const { fake, registry } = setup('lookup-only');
    fake.put('opinions-key', opinions.key.standaloneSchema());
    await registry.topicSerdes(opinions).key.prepare();
    expect(fake.levels.size).toBe(0);
  });

  test('a serde made without a topic registers without touching the level', async () => {
    const { fake, registry } = setup();
    await registry.serde(opinions.value, 'other-value').prepare();
    expect(calls(fake)).toEqual(['POST /subjects/other-value/versions']);
  });

  test('the client reads and sets a level; a subject without its own level reads as undefined', async () => {
    const { fake, registry } = setup();
    expect(await registry.client.compatibility('users-value')).toBeUndefined();
    await registry.client.setCompatibility('users-value', 'BACKWARD_TRANSITIVE');
    expect(await registry.client.compatibility('users-value')).toBe('BACKWARD_TRANSITIVE');
    expect(fake.requests.at(-2)?.body).toEqual({ compatibility: 'BACKWARD_TRANSITIVE' });
  });
});
