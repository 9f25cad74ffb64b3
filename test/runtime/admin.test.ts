/**
 * Topic admin from the catalog over the in-process kafkajs fake (test/runtime/fake-kafka.ts): `ensureTopics` creates
 * only what is missing, with the catalog's partitions and cleanup policy, and waits until every new partition has a
 * leader; `topicDrift` says where the cluster differs from the catalog. Against a real broker: test/integration.
 */
import type { Admin } from 'kafkajs';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { ensureTopics, topicDrift } from '../../runtime/index.js';
import { FakeKafka } from './fake-kafka.js';

const USERS = { name: 'users', partitions: 6, cleanupPolicy: 'compact' } as const;
const ORDERS = { name: 'orders', partitions: 3, cleanupPolicy: 'delete' } as const;

/** kafkajs's error for a topic whose metadata has not spread yet. */
const notReady = (type: string): Error => Object.assign(new Error(type), { type });

describe('ensureTopics', () => {
  test('creates only the missing topics, with partitions, cleanup policy and extra configs; a short-lived admin', async () => {
    const kafka = new FakeKafka();
    kafka.topics.set('orders', 3);
    const result = await ensureTopics(kafka.asKafka(), { users: USERS, orders: ORDERS }, { configs: { 'min.insync.replicas': '2' } });
    expect(result).toEqual({ created: ['users'], existing: ['orders'] });
    expect(kafka.createRequests).toEqual([
      {
        waitForLeaders: false,
        topics: [
          {
            topic: 'users',
            numPartitions: 6,
            replicationFactor: -1,
            configEntries: [
              { name: 'min.insync.replicas', value: '2' },
              { name: 'cleanup.policy', value: 'compact' },
            ],
          },
        ],
      },
    ]);
    expect(kafka.adminCalls).toEqual(['connect', 'createTopics users', 'fetchTopicMetadata users', 'disconnect']);
  });

  test('a replication factor given is used; the catalog\'s cleanup policy wins over a configs entry', async () => {
    const kafka = new FakeKafka();
    await ensureTopics(kafka.asKafka(), [ORDERS], { replicationFactor: 3, configs: { 'cleanup.policy': 'compact' } });
    expect(kafka.createRequests[0]!.topics[0]).toMatchObject({ replicationFactor: 3, configEntries: [{ name: 'cleanup.policy', value: 'delete' }] });
  });

  test('nothing missing: nothing created, no wait', async () => {
    const kafka = new FakeKafka();
    kafka.topics.set('users', 6);
    expect(await ensureTopics(kafka.asKafka(), [USERS])).toEqual({ created: [], existing: ['users'] });
    expect(kafka.adminCalls).toEqual(['connect', 'disconnect']);
  });

  test('waits while the broker does not know the new topic yet or its partitions have no leader', async () => {
    const kafka = new FakeKafka();
    kafka.metadataAnswers.push(notReady('UNKNOWN_TOPIC_OR_PARTITION'), notReady('LEADER_NOT_AVAILABLE'), 'no-partitions', -1, 0);
    await ensureTopics(kafka.asKafka(), [USERS]);
    // broker 0 is a leader like any other
    expect(kafka.adminCalls.filter((c) => c.startsWith('fetchTopicMetadata'))).toHaveLength(5);
    expect(kafka.metadataAnswers).toEqual([]);
  });

  test('waits until every new topic, and every partition of it, has a leader', async () => {
    const kafka = new FakeKafka();
    kafka.metadataAnswers.push({ users: 'no-partitions' }, { users: [1, 1, -1, 1, 1, 1] });
    await ensureTopics(kafka.asKafka(), [ORDERS, USERS]);
    expect(kafka.adminCalls.filter((c) => c.startsWith('fetchTopicMetadata'))).toEqual(Array.from({ length: 3 }, () => 'fetchTopicMetadata orders,users'));
  });

  test('any other metadata error is thrown at once, and the admin is still disconnected', async () => {
    const kafka = new FakeKafka();
    const denied = notReady('TOPIC_AUTHORIZATION_FAILED');
    kafka.metadataAnswers.push(denied);
    await expect(ensureTopics(kafka.asKafka(), [USERS])).rejects.toBe(denied);
    expect(kafka.adminCalls.at(-1)).toBe('disconnect');
  });

  test('partitions still without a leader after timeoutMs: TOPIC_NOT_READY naming the topics', async () => {
    const kafka = new FakeKafka();
    kafka.metadataAnswers.push(...Array.from({ length: 1000 }, () => -1));
    const started = Date.now();
    await expect(ensureTopics(kafka.asKafka(), [USERS, ORDERS], { timeoutMs: 120 })).rejects.toMatchObject({
      code: 'TOPIC_NOT_READY',
      message: 'topics users, orders have no leader after 120 ms',
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(120);
    // one look about every 50 ms, not a busy loop
    expect(kafka.adminCalls.filter((c) => c.startsWith('fetchTopicMetadata')).length).toBeLessThan(10);
  });

  test('a broker still not ready after timeoutMs: its error is thrown', async () => {
    const kafka = new FakeKafka();
    kafka.metadataAnswers.push(...Array.from({ length: 1000 }, () => notReady('LEADER_NOT_AVAILABLE')));
    await expect(ensureTopics(kafka.asKafka(), [USERS], { timeoutMs: 60 })).rejects.toMatchObject({ type: 'LEADER_NOT_AVAILABLE' });
  });
});

describe('ensureTopics: the deadline, on a fake clock', () => {
  afterEach(() => void vi.useRealTimers());

  /** Metadata fetches until ensureTopics gave up, each `answer` (no leader or a not-ready error) 50 ms apart. */
  async function fetchesUntilGivenUp(answer: () => number | Error, timeoutMs: number): Promise<number> {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout'] });
    const kafka = new FakeKafka();
    kafka.metadataAnswers.push(...Array.from({ length: 20 }, answer));
    const done = ensureTopics(kafka.asKafka(), [USERS], { timeoutMs }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await done).toBeInstanceOf(Error);
    return kafka.adminCalls.filter((c) => c.startsWith('fetchTopicMetadata')).length;
  }

  test('still looking at the deadline itself: a look at 0, 50 and 100 ms, and the last one at 150 ms', async () => {
    expect(await fetchesUntilGivenUp(() => -1, 100)).toBe(4);
    expect(await fetchesUntilGivenUp(() => notReady('LEADER_NOT_AVAILABLE'), 100)).toBe(4);
  });
});

describe('topicDrift', () => {
  test('missing topics, partition counts and cleanup policies that differ from the catalog', async () => {
    const kafka = new FakeKafka();
    kafka.topics.set('users', 3);
    kafka.topicConfigs.set('users', { 'cleanup.policy': 'delete' });
    kafka.topics.set('events', 1);
    const EVENTS = { name: 'events', partitions: 1, cleanupPolicy: 'delete' } as const;
    expect(await topicDrift(kafka.asKafka(), [USERS, ORDERS, EVENTS])).toEqual([
      { topic: 'orders', kind: 'missing' },
      { topic: 'users', kind: 'partitions', expected: 6, actual: 3 },
      { topic: 'users', kind: 'cleanup-policy', expected: 'compact', actual: 'delete' },
      { topic: 'events', kind: 'cleanup-policy', expected: 'delete', actual: '' },
    ]);
    expect(kafka.adminCalls).toEqual(['connect', 'fetchTopicMetadata users,events', 'describeConfigs users,events', 'disconnect']);
  });

  test('a topic as the catalog says has no drift; when every topic is missing the broker is asked nothing more', async () => {
    const kafka = new FakeKafka();
    kafka.topics.set('users', 6);
    kafka.topicConfigs.set('users', { 'cleanup.policy': 'compact' });
    expect(await topicDrift(kafka.asKafka(), { users: USERS })).toEqual([]);
    const empty = new FakeKafka();
    expect(await topicDrift(empty.asKafka(), [USERS])).toEqual([{ topic: 'users', kind: 'missing' }]);
    expect(empty.adminCalls).toEqual(['connect', 'disconnect']);
  });

  test('a connected admin is used as it is: not connected or disconnected again', async () => {
    const kafka = new FakeKafka();
    kafka.topics.set('users', 6);
    kafka.topicConfigs.set('users', { 'cleanup.policy': 'compact' });
    const admin = kafka.admin() as unknown as Admin;
    expect(await topicDrift(admin, [USERS])).toEqual([]);
    expect(kafka.adminCalls).toEqual(['fetchTopicMetadata users', 'describeConfigs users']);
  });
});
