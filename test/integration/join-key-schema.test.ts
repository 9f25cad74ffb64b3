/**
 * A stream read directly beside its table (match on the key, no via topic) must frame its keys with the table's key
 * schema id: the partition of a key is computed from its framed bytes. A stream whose key schema is another one (here
 * the same fields under another record name, so another registry id) is refused at start with JOIN_NOT_COPARTITIONED,
 * naming both topics, their subjects and ids, and the fix; the same join with the table's key schema starts.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { topics as catalog } from '../../generated/topics.js';
import { createCodec, createJoin, defineStreamTableJoin, defineTopic, ensureTopics, type Topic } from '../../runtime/index.js';
import { FAST, kafka, registry, unique } from './runtime-support.js';

const client = kafka();
const stops: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
});

const otherUserKey = createCodec<{ userId: string }>({ type: 'record', name: 'VisitKey', namespace: 'test.join', fields: [{ name: 'userId', type: 'string' }] });
const visitCodec = createCodec<{ page: string }>({ type: 'record', name: 'Visit', namespace: 'test.join', fields: [{ name: 'page', type: 'string' }] });

async function visitsJoin(key: typeof otherUserKey | (typeof catalog)['users']['key']): Promise<{ start: () => Promise<unknown>; prefix: string }> {
  const prefix = `${unique('join-keys')}.`;
  const on = <K, KI, V, VI>(t: Topic<K, KI, V, VI>): Topic<K, KI, V, VI> => defineTopic({ ...t, name: `${prefix}${t.name}`, partitions: 3 });
  const users = on(catalog['users']);
  const visits = defineTopic({ name: `${prefix}visits`, key, value: visitCodec, visibility: 'internal', owner: 'test', partitions: 3, cleanupPolicy: 'delete', compatibility: 'NONE' });
  const output = defineTopic({ name: `${prefix}visits-enriched`, key, value: visitCodec, visibility: 'internal', owner: 'test', partitions: 3, cleanupPolicy: 'delete', compatibility: 'NONE' });
  await ensureTopics(client, [users, visits, output]);
  const join = defineStreamTableJoin({
    name: 'visits-with-user', owner: 'test', mode: 'left', stream: visits, table: users, output,
    match: (k: { userId: string }) => ({ userId: k.userId }),
  });
  const runner = createJoin(client, join, (visit) => visit, { registry: registry(), groupId: unique('visits'), consumerConfig: FAST.consumerConfig });
  stops.push(() => runner.stop());
  return { prefix, start: () => runner.start().then(() => undefined, (e: unknown) => e) };
}

describe('co-partitioned inputs read directly: same key schema id', () => {
  test('a stream with another key schema is refused at start, naming both topics and the fix', { timeout: 60_000 }, async () => {
    const { prefix, start } = await visitsJoin(otherUserKey);
    const error = (await start()) as { code?: string; message?: string };
    expect(error.code).toBe('JOIN_NOT_COPARTITIONED');
    expect(error.message?.replace(/schema id \d+/, 'schema id A').replace(/with \d+ \(/, 'with B (')).toBe(
      `join visits-with-user: ${prefix}users frames its keys with schema id A (subject ${prefix}users-key) and ${prefix}visits with B (subject ${prefix}visits-key): ` +
        "a join reads partition p of both together and a key's partition comes from its framed bytes, so both need the same key schema, registered under the same id; " +
        `give ${prefix}visits the key schema of ${prefix}users in the catalog (or re-key it through a 'via' topic in schemas/joins.yaml)`,
    );
  });

  test('the same join with the table key schema starts', { timeout: 60_000 }, async () => {
    const { start } = await visitsJoin(catalog['users'].key);
    expect(await start()).toBeUndefined();
  });
});
