/**
 * The indexer over the kafkajs fake (test/runtime/fake-kafka.ts) and an OpenSearch stand-in (fake-search.ts), for
 * test/indexer/indexer*.test.ts: a topic `users` of two partitions, a registry, an engine.
 */
import { createCodec, createSchemaRegistry } from '../../runtime/index.js';
import { createIndexer, type IndexerOptions } from '../../runtime/indexer/index.js';
import { defineTopic } from '../../runtime/topic.js';
import { FakeAdmin, FakeKafka, message } from '../runtime/fake-kafka.js';
import { FakeRegistry } from '../runtime/fake-registry.js';
import { FakeSearch } from './fake-search.js';

interface User { id: string; name: string; age: number }
export const users = defineTopic({
  name: 'users',
  key: createCodec<string>('string'),
  value: createCodec<User>({ type: 'record', name: 'User', fields: [{ name: 'id', type: 'string' }, { name: 'name', type: 'string' }, { name: 'age', type: 'int' }] }),
  visibility: 'shared', owner: 'o', partitions: 2, cleanupPolicy: 'compact', compatibility: 'BACKWARD',
});
export const MAPPING = { dynamic: 'strict', properties: { id: { type: 'keyword' }, name: { type: 'keyword' }, age: { type: 'integer' } } };

/** A broker with the topic, a registry, an engine; `resets` records the admin's resetOffsets calls. */
export async function setup(options: Partial<IndexerOptions<string>> = {}, prepare: (kafka: FakeKafka, search: FakeSearch) => void = () => undefined) {
  const kafka = new FakeKafka();
  kafka.topics.set('users', 2);
  kafka.topicConfigs.set('users', { 'cleanup.policy': 'compact' });
  const resets: unknown[] = [];
  const admin = kafka.admin.bind(kafka);
  kafka.admin = () => Object.assign(admin(), { resetOffsets: async (r: unknown) => void resets.push(r) }) as FakeAdmin;
  const search = new FakeSearch();
  prepare(kafka, search);
  const fake = new FakeRegistry();
  const writer = createSchemaRegistry({ url: fake.base, fetch: fake.fetch }).topicSerdes(users);
  await Promise.all([writer.key.prepare(), writer.value.prepare()]);
  const indexer = createIndexer(kafka.asKafka(), users, {
    search: search.asClient(), index: 'users-v1', groupId: 'g1', registry: createSchemaRegistry({ url: fake.base, fetch: fake.fetch }),
    retry: { initialDelayMs: 1, maxDelayMs: 2 }, ...options,
  });
  const user = (offset: number, id: string, age = 30) => message(offset, writer.key.encode(id), writer.value.encode({ id, name: `n-${id}`, age }));
  const tombstone = (offset: number, id: string) => message(offset, writer.key.encode(id), null);
  return { kafka, search, indexer, resets, user, tombstone, consumer: () => kafka.theConsumer, dlq: () => kafka.producers.flatMap((p) => p.sent).filter((s) => s.topic === 'users.dlq').flatMap((s) => s.messages) };
}

/** The index there already, with the schema's mapping. */
export const existing = (_: FakeKafka, search: FakeSearch) => search.indices.set('users-v1', { settings: {}, mappings: structuredClone(MAPPING), docs: new Map() });

