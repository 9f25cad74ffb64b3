/**
 * The indexer's start (runtime/indexer/indexer.ts) over the kafkajs fake and an OpenSearch stand-in: the topic must
 * exist, the index is made ready from the schema, and a new index is filled from the beginning of the topic.
 * Against a real OpenSearch and broker: test/search.
 */
import { afterEach, describe, expect, test, vi } from 'vitest';
import { MAPPING, existing, setup } from './indexer-fixture.js';

afterEach(() => vi.restoreAllMocks());

describe('indexer: start', () => {
  test('a topic that does not exist: TOPIC_MISSING, and the index is not touched', async () => {
    const t = await setup({}, (kafka) => kafka.topics.delete('users'));
    await expect(t.indexer.start()).rejects.toMatchObject({
      code: 'TOPIC_MISSING',
      message: 'topic users does not exist: create the catalog\'s topics first (`unilog topics --create` in the project)',
    });
    expect(t.search.calls).toEqual([]);
  });

  test('before start: no index created yet', async () => {
    const t = await setup();
    expect(t.indexer.stats()).toEqual({ index: 'users-v1', created: false, lag: new Map(), failure: undefined });
  });

  test('a new index: created with the mapping and settings, the group rewound to the beginning of the topic', async () => {
    const t = await setup({ settings: { number_of_shards: 1 }, consumerConfig: { sessionTimeout: 9000 } }, (kafka) => kafka.committed.set('users', [{ partition: 0, offset: '-1' }, { partition: 1, offset: '7' }]));
    await t.indexer.start();
    expect(t.search.indices.get('users-v1')).toMatchObject({ settings: { number_of_shards: 1 }, mappings: MAPPING });
    expect(t.resets).toEqual([{ groupId: 'g1', topic: 'users', earliest: true }]);
    const rewind = t.kafka.adminCalls.indexOf('fetchOffsets g1 users');
    expect(t.kafka.adminCalls.slice(rewind - 1, rewind + 2)).toEqual(['connect', 'fetchOffsets g1 users', 'disconnect']);
    expect(t.indexer.stats()).toEqual({ index: 'users-v1', created: true, lag: new Map(), failure: undefined });
    expect(t.consumer().config).toEqual({ sessionTimeout: 9000, groupId: 'g1' });
    expect(t.consumer().subscribed).toEqual({ topics: ['users'], fromBeginning: true });
    expect(t.consumer().runConfig).toMatchObject({ autoCommit: false, eachBatchAutoResolve: false });
    expect(t.kafka.createRequests.flatMap((r) => r.topics.map((x) => [x.topic, x.numPartitions]))).toEqual([['users.dlq', 2]]);
  });

  test('a topic that differs from the catalog in other ways is the operator\'s to fix: the indexer starts', async () => {
    const t = await setup({}, (kafka) => kafka.topics.set('users', 3));
    await t.indexer.start();
    expect(t.consumer().calls).toEqual(['connect', 'subscribe', 'run']);
  });

  test('a new index for a group that never committed: nothing to rewind', async () => {
    for (const committed of [[], [{ partition: 0, offset: '-1' }, { partition: 1, offset: '-1' }]]) {
      const t = await setup({}, (kafka) => kafka.committed.set('users', committed));
      await t.indexer.start();
      expect(t.resets).toEqual([]);
    }
  });

  test('an existing index: not created, the group not rewound, fields the schema gained put into its mapping', async () => {
    const t = await setup({}, (kafka, search) => {
      existing(kafka, search);
      delete (search.indices.get('users-v1')!.mappings as { properties: Record<string, unknown> }).properties['age'];
      kafka.committed.set('users', [{ partition: 0, offset: '7' }]);
    });
    await t.indexer.start();
    expect(t.indexer.stats().created).toBe(false);
    expect(t.resets).toEqual([]);
    expect(t.search.calls).toEqual(['exists users-v1', 'getMapping users-v1', 'putMapping users-v1']);
    expect(t.search.indices.get('users-v1')!.mappings).toEqual(MAPPING);
  });

  test('a group that cannot be rewound: INVALID_CONFIG naming the index, group and topic', async () => {
    const t = await setup({}, (kafka) => {
      kafka.committed.set('users', [{ partition: 0, offset: '7' }]);
      const admin = kafka.admin.bind(kafka);
      kafka.admin = () => Object.assign(admin(), { resetOffsets: async () => { throw new Error('The consumer group must have no running instances'); } });
    });
    await expect(t.indexer.start()).rejects.toMatchObject({
      code: 'INVALID_CONFIG',
      message: "index 'users-v1' was created, but group 'g1' could not be rewound to the beginning of 'users' (The consumer group must have no running instances); stop every instance of the indexer, then start one",
      cause: expect.objectContaining({ message: 'The consumer group must have no running instances' }),
    });
    expect(t.kafka.adminCalls.at(-1)).toBe('disconnect');
  });
});
