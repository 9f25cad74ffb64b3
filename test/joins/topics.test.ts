/** The join's topic helpers (runtime/join/topics.ts): the deployment prefix and the co-partitioning refusals at start. */
import { describe, expect, test } from 'vitest';
import { checkCoPartitioned, checkKeySchemas, prefixed } from '../../runtime/join/topics.js';
import { FakeKafka } from '../runtime/fake-kafka.js';
import { opinions, preparedRegistry, userEvents, users } from './join-fixture.js';

describe('join topics', () => {
  test('a prefix goes before the name; no prefix keeps the topic itself', () => {
    expect(prefixed(users, 'staging.')).toMatchObject({ name: 'staging.users', key: users.key, partitions: 1 });
    expect(prefixed(users, '')).toBe(users);
  });

  test('missing topics are named, all of them, with the command that creates them', async () => {
    const kafka = new FakeKafka();
    kafka.topics.set('users', 3);
    const admin = kafka.admin() as never;
    await expect(checkCoPartitioned(admin, 'j', ['users', 'by-user'], ['out', 'users'])).rejects.toMatchObject({
      code: 'TOPIC_MISSING',
      message: 'join j: topics by-user, out missing on the cluster: create the catalog\'s topics first (`unilog topics --create`)',
    });
    await expect(checkCoPartitioned(admin, 'j', ['users', 'users'], ['out'])).rejects.toThrow('join j: topic out missing on the cluster');
  });

  test('co-partitioned inputs with different counts are refused, naming both and the fix; otherwise every count is given', async () => {
    const kafka = new FakeKafka();
    for (const [t, n] of [['users', 3], ['by-user', 4], ['out', 1]] as const) kafka.topics.set(t, n);
    const admin = kafka.admin() as never;
    await expect(checkCoPartitioned(admin, 'j', ['users', 'by-user'], ['out'])).rejects.toMatchObject({
      code: 'JOIN_NOT_COPARTITIONED',
      message: "join j: users has 3 partitions on the cluster and by-user has 4: a join reads partition p of both together, so they need the same count; recreate by-user with 3 partitions (or re-key it through a 'via' topic in schemas/joins.yaml)",
    });
    kafka.topics.set('by-user', 3);
    expect(await checkCoPartitioned(admin, 'j', ['users', 'by-user'], ['out'])).toEqual(new Map([['users', 3], ['by-user', 3], ['out', 1]]));
  });

  test('a stream read beside its table must frame its keys with the same schema id', async () => {
    const registry = await preparedRegistry(users as never, userEvents as never, opinions as never);
    const key = (t: { name: string }) => ({ topic: t.name, key: registry.topicSerdes(t as never).key });
    await expect(checkKeySchemas('j', key(users), key(userEvents))).resolves.toBeUndefined();
    const [a, b] = [await key(users).key.prepare(), await key(opinions).key.prepare()];
    await expect(checkKeySchemas('j', key(users), key(opinions))).rejects.toMatchObject({
      code: 'JOIN_NOT_COPARTITIONED',
      message: `join j: users frames its keys with schema id ${a} (subject users-key) and opinions with ${b} (subject opinions-key): a join reads partition p of both together and a key's partition comes from its framed bytes, so both need the same key schema, registered under the same id; give opinions the key schema of users in the catalog (or re-key it through a 'via' topic in schemas/joins.yaml)`,
    });
  });
});
