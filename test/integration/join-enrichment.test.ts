/**
 * Stream ⋈ table enrichment on the real broker and registry: opinions enriched with their author from users, matched on
 * value.author.id and re-keyed through a via topic. Left passes null for a record whose row does not exist yet; inner
 * drops it; a table update affects only records processed after it. The join reads the table and the re-keyed stream
 * as two inputs with no order between them, so the test waits until the join has committed past each row before
 * sending the record that must see it (a record sent after a row may otherwise overtake it, as the runtime allows).
 */
import { afterAll, describe, expect, test } from 'vitest';
import { topics as catalog } from '../../generated/topics.js';
import type { OpinionInput } from '../../generated/index.js';
import {
  createCodec, createJoin, createProducer, defineStreamTableJoin, defineTopic, ensureTopics, type JoinMode, type Topic,
} from '../../runtime/index.js';
import { FAST, kafka, registry, unique, until } from './runtime-support.js';

const client = kafka();
const stops: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
});

interface Enriched { opinionId: string; topic: string; author: string | null }
const enrichedCodec = createCodec<Enriched>({
  type: 'record', name: 'Enriched', namespace: 'test.join',
  fields: [{ name: 'opinionId', type: 'string' }, { name: 'topic', type: 'string' }, { name: 'author', type: ['null', 'string'] }],
});

interface Enrichment {
  send: (n: number, author: string) => Promise<void>;
  /** Writes a user row and resolves once the join has applied it (its group committed past the end of users). */
  user: (id: string, name: string) => Promise<void>;
  seen: Map<string, Enriched | null>;
}

async function run(mode: JoinMode): Promise<Enrichment> {
  const prefix = `${unique(`enrich-${mode}`)}.`;
  const p = <K, KI, V, VI>(t: Topic<K, KI, V, VI>): Topic<K, KI, V, VI> => defineTopic({ ...t, name: `${prefix}${t.name}`, partitions: 3 });
  const users = p(catalog['users']);
  const opinions = p(catalog['opinions']);
  const via = defineTopic({ ...catalog['users-with-connections.by-user'], name: `${prefix}opinions.by-author`, cleanupPolicy: 'delete', partitions: 3 });
  const output = defineTopic({ name: `${prefix}opinions-enriched`, key: catalog['opinions'].key, value: enrichedCodec, visibility: 'internal', owner: 'test', partitions: 3, cleanupPolicy: 'delete', compatibility: 'NONE' });
  await ensureTopics(client, [users, opinions, via, output]);
  const join = defineStreamTableJoin({
    name: `enrich-${mode}`, owner: 'test', mode, stream: opinions, table: users, via, output,
    match: (_key, value) => ({ userId: value.author.id }),
  });
  const groupId = unique('enrich');
  const runner = createJoin(client, join, (opinion, author) => ({ opinionId: opinion.id, topic: opinion.topic, author: author?.displayName ?? null }), {
    registry: registry(), groupId, consumerConfig: FAST.consumerConfig,
  });
  stops.push(() => runner.stop());
  await runner.start();
  const seen = new Map<string, Enriched | null>();
  const reader = client.consumer({ groupId: unique('enriched-reader'), maxWaitTimeInMs: 100 });
  await reader.connect();
  await reader.subscribe({ topics: [output.name], fromBeginning: true });
  const serde = registry().topicSerdes(output);
  await reader.run({ eachMessage: async ({ message }) => { const v = await serde.value.decodeAsync(message.value!); seen.set(v.opinionId, v); } });
  stops.push(() => reader.disconnect());
  const userProducer = createProducer(client, users, { registry: registry() });
  const opinionProducer = createProducer(client, opinions, { registry: registry() });
  stops.push(() => userProducer.disconnect(), () => opinionProducer.disconnect());
  const admin = client.admin();
  await admin.connect();
  stops.push(() => admin.disconnect());
  const applied = async (): Promise<void> => {
    const end = Date.now() + 30_000;
    for (;;) {
      const high = await admin.fetchTopicOffsets(users.name);
      const [done] = await admin.fetchOffsets({ groupId, topics: [users.name] });
      const at = new Map(done!.partitions.map((p) => [p.partition, Number(p.offset)]));
      if (high.every((h) => Number(h.high) === 0 || (at.get(h.partition) ?? -1) >= Number(h.high))) return;
      if (Date.now() > end) throw new Error('timed out after 30000 ms waiting for the join to apply the users row');
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const at = new Date(Date.UTC(2025, 0, 1));
  return {
    seen,
    user: async (id, name) => {
      await userProducer.send({ key: { userId: id }, value: { id, username: name, displayName: name, createdAt: at, updatedAt: at } });
      await applied();
    },
    send: async (n, author) => {
      const id = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
      const value: OpinionInput = { id, author: { id: author, kind: 'USER' }, topic: `t${n}`, stance: 'FOR', strength: '1.00', createdAt: at };
      await opinionProducer.send({ key: { opinionId: id }, value });
    },
  };
}

const id = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const ada = '10000000-0000-4000-8000-000000000001';

describe('opinions ⋈ users (stream–table enrichment)', () => {
  test.each<JoinMode>(['left', 'inner'])('%s: before the row, after it, after its update', { timeout: 120_000 }, async (mode) => {
    const j = await run(mode);
    await j.send(1, ada); // no row yet
    if (mode === 'left') await until(() => j.seen.has(id(1)), 'the record without its row');
    await j.user(ada, 'Ada');
    await j.send(2, ada);
    await until(() => j.seen.has(id(2)), 'the record after the row');
    await j.user(ada, 'Ada L.');
    await j.send(3, ada);
    await until(() => j.seen.has(id(3)), 'the record after the update');
    expect(j.seen.get(id(1))).toEqual(mode === 'left' ? { opinionId: id(1), topic: 't1', author: null } : undefined);
    expect(j.seen.get(id(2))).toEqual({ opinionId: id(2), topic: 't2', author: 'Ada' });
    expect(j.seen.get(id(3))).toEqual({ opinionId: id(3), topic: 't3', author: 'Ada L.' });
    expect(j.seen.size).toBe(mode === 'left' ? 3 : 2);
  });
});
