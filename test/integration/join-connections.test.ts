/**
 * The seed's join, users ⋈ user-connections → users-with-connections, on the real broker and registry: a workload of
 * thousands of users and tens of thousands of edges, with updates and deletes interleaved while the join runs, ends
 * with an output topic equal, key for key, to the reference computed in memory by the same function.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { usersWithConnectionsJoin } from '../../generated/joins/users-with-connections.js';
import { topics as catalog } from '../../generated/topics.js';
import { createJoin, createProducer, defineTopic, ensureTopics, type JoinRunner, type Topic } from '../../runtime/index.js';
import { usersWithConnections } from '../../services/connections-joiner/src/joins/users-with-connections.js';
import { converged, latestPerKey, reference, seedTopics, workload, writeRound } from './join-support.js';
import { FAST, kafka, registry, unique } from './runtime-support.js';

const client = kafka();
const stops: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
});

describe('users-with-connections (table ⋈ table, one-to-many)', () => {
  test('equals the in-memory reference record for record, after interleaved creates, updates and deletes', { timeout: 120_000 }, async () => {
    const t = await seedTopics(client);
    const producers = {
      users: createProducer(client, t.users, { registry: registry() }),
      edges: createProducer(client, t.connections, { registry: registry() }),
    };
    stops.push(() => producers.users.disconnect(), () => producers.edges.disconnect());
    const { rounds } = workload(2_000, 20_000, 8);

    // Two rounds exist before the join starts (it restores them), the rest arrive while it runs.
    await writeRound(producers, rounds[0]!);
    await writeRound(producers, rounds[1]!);
    const runner: JoinRunner = createJoin(client, usersWithConnectionsJoin, usersWithConnections, {
      registry: registry(), topicPrefix: t.prefix, consumerConfig: FAST.consumerConfig
    });
    stops.push(() => runner.stop());
    await runner.start();
    for (const ops of rounds.slice(2)) await writeRound(producers, ops);

    const expected = reference(rounds);
    expect(expected.size).toBeGreaterThan(1_000);
    const out = await latestPerKey(client, t.output);
    stops.push(out.stop);
    await converged(out.rows, expected, 90_000);
    const stats = runner.stats();
    expect(stats.partitions.map((p) => [p.partition, p.phase])).toEqual([[0, 'live'], [1, 'live'], [2, 'live']]);
    expect(stats.rekeyedRecords).toBe(rounds.flat().filter((o) => o.kind === 'edge').length);
  });

  test('refuses to start when its co-partitioned inputs differ in partition count on the cluster', async () => {
    const prefix = `${unique('join-bad')}.`;
    const on = <K, KI, V, VI>(t: Topic<K, KI, V, VI>, partitions: number): Topic<K, KI, V, VI> => defineTopic({ ...t, name: `${prefix}${t.name}`, partitions });
    await ensureTopics(client, [on(catalog['users'], 3), on(catalog['user-connections'], 3), on(catalog['users-with-connections.by-user'], 2), on(catalog['users-with-connections'], 3)]);
    const runner = createJoin(client, usersWithConnectionsJoin, usersWithConnections, { registry: registry(), topicPrefix: prefix });
    stops.push(() => runner.stop());
    const error = await runner.start().then(() => undefined, (e: unknown) => e);
    expect(error).toMatchObject({
      code: 'JOIN_NOT_COPARTITIONED',
      message: `join users-with-connections: ${prefix}users has 3 partitions on the cluster and ${prefix}users-with-connections.by-user has 2: a join reads partition p of both together, so they need the same count; recreate ${prefix}users-with-connections.by-user with 3 partitions (or re-key it through a 'via' topic in schemas/joins.yaml)`,
    });
  });
});
