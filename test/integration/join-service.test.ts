/**
 * The scaffolded connections-joiner as it runs in production: compiled, started as its own process against the real
 * broker and registry, topics under a random prefix. Killed with SIGKILL mid-stream and started again, its output
 * converges to the reference; two instances split the partitions, and when one is killed the other takes its
 * partitions over (restoring them first) and the output still converges.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createProducer } from '../../runtime/index.js';
import { buildService, killAll, startService, type ServiceProcess } from '../support/service-process.js';
import { kafkaBrokers, schemaRegistryUrl } from './infra.js';
import { converged, latestPerKey, reference, seedTopics, workload, writeRound } from './join-support.js';
import { kafka, registry, until } from './runtime-support.js';

const client = kafka();
const stops: Array<() => Promise<void>> = [];

const startJoiner = (prefix: string): Promise<ServiceProcess> =>
  startService('connections-joiner', {
    TOPIC_PREFIX: prefix, JOIN_SESSION_TIMEOUT_MS: '6000', KAFKA_BROKERS: kafkaBrokers().join(','), SCHEMA_REGISTRY_URL: schemaRegistryUrl(),
  });

/** The partitions an instance holds, from its /metrics. */
async function partitionsOf(i: ServiceProcess): Promise<number[]> {
  const text = await (await fetch(`${i.admin}/metrics`)).text();
  return [...text.matchAll(/^unilog_join_state_rows\{join="users-with-connections",partition="(\d+)"\}/gm)].map((m) => Number(m[1])).sort();
}

beforeAll(() => buildService('connections-joiner'));

afterAll(async () => {
  killAll();
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
});

async function setup(): Promise<{ prefix: string; write: (ops: Parameters<typeof writeRound>[1]) => Promise<void>; output: Awaited<ReturnType<typeof latestPerKey>> }> {
  const t = await seedTopics(client);
  const producers = { users: createProducer(client, t.users, { registry: registry() }), edges: createProducer(client, t.connections, { registry: registry() }) };
  stops.push(() => producers.users.disconnect(), () => producers.edges.disconnect());
  const output = await latestPerKey(client, t.output);
  stops.push(output.stop);
  return { prefix: t.prefix, write: (ops) => writeRound(producers, ops), output };
}

// A join process killed with SIGKILL restores its partitions from the compacted inputs and converges; two processes
// split the partitions, and when one is killed the other takes them over once the group notices (the session timeout).
describe('connections-joiner as a process', () => {
  test('SIGKILL mid-stream, restart: the output converges to the reference', { timeout: 150_000 }, async () => {
    const { prefix, write, output } = await setup();
    const { rounds } = workload(600, 6_000, 6, 11);
    const a = await startJoiner(prefix);
    await write(rounds[0]!);
    await write(rounds[1]!);
    await until(() => output.records() > 0, 'the first output records');
    await write(rounds[2]!);
    a.child.kill('SIGKILL');
    await write(rounds[3]!);
    await write(rounds[4]!);
    await startJoiner(prefix);
    await write(rounds[5]!);
    await converged(output.rows, reference(rounds), 90_000);
  });

  test('two instances split the partitions; one is killed, the other takes over', { timeout: 180_000 }, async () => {
    const { prefix, write, output } = await setup();
    const { rounds } = workload(600, 6_000, 6, 23);
    const b = await startJoiner(prefix);
    const c = await startJoiner(prefix);
    await write(rounds[0]!);
    await write(rounds[1]!);
    // Both hold partitions once the group settled: poll their /metrics.
    let split: number[][] = [];
    for (const end = Date.now() + 60_000; Date.now() < end; await new Promise((r) => setTimeout(r, 500))) {
      split = [await partitionsOf(b), await partitionsOf(c)];
      if (split[0]!.length + split[1]!.length === 3 && split.every((p) => p.length > 0)) break;
    }
    expect([...split[0]!, ...split[1]!].sort(), `the instances' logs:\n${[...b.log, '---', ...c.log].slice(-80).join('\n')}`).toEqual([0, 1, 2]);
    b.child.kill('SIGKILL');
    for (const ops of rounds.slice(2)) await write(ops);
    await converged(output.rows, reference(rounds), 90_000);
    expect(await partitionsOf(c)).toEqual([0, 1, 2]);
  });
});
