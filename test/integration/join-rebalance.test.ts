/**
 * A rebalance keeps the state of the partitions a member keeps: instance A holds all three partitions, B joins the
 * group, and A (which keeps some of them) restores none of those again; B restores the ones it is given. The output
 * still converges to the reference as more rounds arrive.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { usersWithConnectionsJoin } from '../../generated/joins/users-with-connections.js';
import { createJoin, createProducer, type JoinRunner } from '../../runtime/index.js';
import { usersWithConnections } from '../../services/connections-joiner/src/joins/users-with-connections.js';
import { converged, latestPerKey, reference, seedTopics, workload, writeRound } from './join-support.js';
import { FAST, kafka, registry, unique, until } from './runtime-support.js';

const client = kafka();
const stops: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
});

describe('a rebalance', () => {
  test('keeps the state of the partitions a member keeps: they are not restored again', { timeout: 120_000 }, async () => {
    const t = await seedTopics(client);
    const producers = { users: createProducer(client, t.users, { registry: registry() }), edges: createProducer(client, t.connections, { registry: registry() }) };
    stops.push(() => producers.users.disconnect(), () => producers.edges.disconnect());
    const { rounds } = workload(600, 6_000, 4, 41);
    await writeRound(producers, rounds[0]!);
    await writeRound(producers, rounds[1]!);

    const groupId = unique('rebalance');
    const instance = (restored: number[]): JoinRunner => {
      const runner = createJoin(client, usersWithConnectionsJoin, usersWithConnections, {
        registry: registry(), topicPrefix: t.prefix, groupId, consumerConfig: FAST.consumerConfig, onRestored: (e) => restored.push(e.partition),
      });
      stops.push(() => runner.stop());
      return runner;
    };
    const live = (r: JoinRunner): number[] => r.stats().partitions.filter((p) => p.phase === 'live').map((p) => p.partition);
    const restoredA: number[] = [];
    const restoredB: number[] = [];
    const a = instance(restoredA);
    await a.start();
    await until(() => live(a).length === 3, 'A live on all three partitions');
    expect(restoredA.sort()).toEqual([0, 1, 2]);

    const b = instance(restoredB);
    await b.start();
    await until(() => live(a).length > 0 && live(b).length > 0 && live(a).length + live(b).length === 3 && a.stats().partitions.length + b.stats().partitions.length === 3, 'A and B splitting the partitions, all live', 60_000);
    const keptByA = live(a);
    // A restored each partition once, when it first got it; B restored what it was given.
    expect(restoredA.sort()).toEqual([0, 1, 2]);
    expect(restoredB.sort()).toEqual(live(b));
    expect(keptByA.length).toBeGreaterThan(0);

    await writeRound(producers, rounds[2]!);
    await writeRound(producers, rounds[3]!);
    const out = await latestPerKey(client, t.output);
    stops.push(out.stop);
    await converged(out.rows, reference(rounds), 90_000);
  });
});
