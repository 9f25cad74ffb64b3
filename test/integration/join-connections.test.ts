/**
 * The seed's join, users ⋈ user-connections → users-with-connections, on the real broker and registry: a workload of
 * thousands of users and tens of thousands of edges, with updates and deletes interleaved while the join runs, ends
 * with an output topic equal, key for key, to the reference computed in memory by the same function.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { usersWithConnectionsJoin } from '../../generated/joins/users-with-connections.js';
import { createJoin, createProducer, type JoinRunner } from '../../runtime/index.js';
import { usersWithConnections } from '../../services/connections-joiner/src/joins/users-with-connections.js';
import { converged, latestPerKey, reference, seedTopics, workload, writeRound } from './join-support.js';
import { FAST, kafka, registry } from './runtime-support.js';

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
});
