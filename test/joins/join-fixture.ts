/**
 * Topics, registry and messages for the join logic's unit tests: records are framed exactly as the join's inputs carry
 * them (registry-framed table and stream records; via records keyed by `{tableKey, side, key}` over the related
 * record's framed bytes), over the in-process registry fake.
 */
import type { KafkaMessage } from 'kafkajs';
import { createCodec, createSchemaRegistry, type SchemaRegistry } from '../../runtime/index.js';
import type { ViaTopic } from '../../runtime/join/define.js';
import { viaKeyCodec } from '../../runtime/join/via-record.js';
import { defineTopic, type Topic } from '../../runtime/topic.js';
import { FakeRegistry } from '../runtime/fake-registry.js';

export interface UserKey { userId: string }
export interface User { name: string }
export interface ConnectionKey { followerId: string; followeeId: string }
export interface Connection { since: number }
export interface Opinion { authorId: string; text: string }

const topic = <K, V>(name: string, key: unknown, value: unknown): Topic<K, K, V, V> =>
  defineTopic({ name, key: createCodec<K>(key as never), value: createCodec<V>(value as never), visibility: 'shared', owner: 'o', partitions: 1, cleanupPolicy: 'compact', compatibility: 'BACKWARD' });

const userKey = { type: 'record', name: 'UserKey', fields: [{ name: 'userId', type: 'string' }] };
export const users = topic<UserKey, User>('users', userKey, { type: 'record', name: 'User', fields: [{ name: 'name', type: 'string' }] });
export const connections = topic<ConnectionKey, Connection>(
  'connections',
  { type: 'record', name: 'ConnectionKey', fields: [{ name: 'followerId', type: 'string' }, { name: 'followeeId', type: 'string' }] },
  { type: 'record', name: 'Connection', fields: [{ name: 'since', type: 'int' }] },
);
export const opinions = topic<string, Opinion>('opinions', 'string', {
  type: 'record', name: 'Opinion', fields: [{ name: 'authorId', type: 'string' }, { name: 'text', type: 'string' }],
});
/** A stream keyed like the users table (read directly beside it). */
export const userEvents = topic<UserKey, Opinion>('user-events', userKey, {
  type: 'record', name: 'Opinion', fields: [{ name: 'authorId', type: 'string' }, { name: 'text', type: 'string' }],
});
export const via: ViaTopic = defineTopic({
  name: 'by-user', key: createCodec<Buffer, Uint8Array>('bytes'), value: createCodec<Buffer, Uint8Array>('bytes'),
  visibility: 'internal', owner: 'o', partitions: 1, cleanupPolicy: 'compact', compatibility: 'NONE',
});

export async function preparedRegistry(...topics: ReadonlyArray<Topic<unknown, never, unknown, never>>): Promise<SchemaRegistry> {
  const fake = new FakeRegistry();
  const registry = createSchemaRegistry({ url: fake.base, fetch: fake.fetch });
  for (const t of topics) {
    const s = registry.topicSerdes(t);
    await Promise.all([s.key.prepare(), s.value.prepare()]);
  }
  return registry;
}

let offset = 0;
export function message(key: Buffer | null, value: Buffer | null): KafkaMessage {
  return { key, value, offset: String(offset++), timestamp: '0', headers: {}, attributes: 0, size: 0 } as unknown as KafkaMessage;
}

/** A record of `t` as its producer frames it; `value` null: a tombstone. */
export function record<K, V>(registry: SchemaRegistry, t: Topic<K, K, V, V>, key: K, value: V | null): KafkaMessage {
  const s = registry.topicSerdes(t);
  return message(s.key.encode(key), value === null ? null : s.value.encode(value));
}

/** A via record as the re-key step writes it: `source`'s record under `tableKey` and `side`. */
export function viaRecord<K, V>(registry: SchemaRegistry, source: Topic<K, K, V, V>, tableKey: UserKey, side: string, key: K, value: V | null): KafkaMessage {
  const viaSerdes = registry.topicSerdes(via);
  const keyBytes = viaKeyCodec.encode({ tableKey: users.key.encode(tableKey), side, key: source.key.encode(key) });
  const framed = value === null ? null : registry.topicSerdes(source).value.encode(value);
  return message(viaSerdes.key.encode(keyBytes), framed === null ? null : viaSerdes.value.encode(framed));
}
