/**
 * Shared by the join integration tests: the seed's topics under a random prefix, a deterministic workload of users and
 * connections with updates and deletes interleaved, the reference output computed in memory from the same workload,
 * and a reader of the output topic's latest value per key.
 */
import type { Kafka } from 'kafkajs';
import { topics as catalog } from '../../generated/topics.js';
import { UserWithConnections } from '../../generated/types/com.state.joined.js';
import { UserConnection } from '../../generated/types/com.state.graph.js';
import { User } from '../../generated/types/com.state.users.js';
import type { UserConnectionInput, UserConnectionKeyInput, UserInput, UserWithConnections as UWC } from '../../generated/index.js';
import { createConsumer, createProducer, defineTopic, ensureTopics, type Topic } from '../../runtime/index.js';
import { usersWithConnections as joinFunction } from '../../services/connections-joiner/src/joins/users-with-connections.js';
import { FAST, registry, unique, until } from './runtime-support.js';

export const SEED_TOPICS = ['users', 'user-connections', 'users-with-connections.by-user', 'users-with-connections'] as const;

/** Creates the seed join's topics under a fresh prefix (users and the via topic co-partitioned; connections not). */
export async function seedTopics(client: Kafka, partitions = 3): Promise<{ prefix: string; users: typeof catalog['users']; connections: typeof catalog['user-connections']; output: typeof catalog['users-with-connections'] }> {
  const prefix = `${unique('join')}.`;
  const p = <K, KI, V, VI>(t: Topic<K, KI, V, VI>, n: number): Topic<K, KI, V, VI> => defineTopic({ ...t, name: `${prefix}${t.name}`, partitions: n });
  const users = p(catalog['users'], partitions);
  const connections = p(catalog['user-connections'], partitions + 1);
  const output = p(catalog['users-with-connections'], partitions);
  await ensureTopics(client, [users, connections, output, p(catalog['users-with-connections.by-user'], partitions)]);
  return { prefix, users, connections, output };
}

/** A small deterministic PRNG (mulberry32), so a failing workload can be replayed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Op =
  | { readonly kind: 'user'; readonly id: string; readonly value: UserInput | null }
  | { readonly kind: 'edge'; readonly key: UserConnectionKeyInput; readonly value: UserConnectionInput | null };

/** Rounds of interleaved user and edge writes: creations, updates, deletes, edges before their users exist. */
export function workload(users: number, edges: number, rounds: number, seed = 7): { ids: string[]; rounds: Op[][] } {
  const rnd = prng(seed);
  const ids = Array.from({ length: users }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
  const pick = (): string => ids[Math.floor(rnd() * ids.length)]!;
  const at = (n: number): Date => new Date(Date.UTC(2025, 0, 1) + n * 1000);
  const user = (id: string, n: number): UserInput => ({ id, username: `u${id.slice(-6)}`, displayName: `User ${n}`, createdAt: at(0), updatedAt: at(n) });
  const kinds = ['FOLLOW', 'FOLLOW', 'FOLLOW', 'MUTE', 'BLOCK'] as const;
  const edge = (followerId: string, followeeId: string, n: number): UserConnectionInput => ({
    follower: { id: followerId, kind: 'USER' }, followee: { id: followeeId, kind: 'USER' }, kind: kinds[Math.floor(rnd() * kinds.length)]!, since: at(n),
  });
  const made: UserConnectionKeyInput[] = [];
  const out: Op[][] = [];
  let n = 1;
  for (let r = 0; r < rounds; r++) {
    const ops: Op[] = [];
    const userOps = Math.ceil((users * 1.5) / rounds);
    const edgeOps = Math.ceil((edges * 1.3) / rounds);
    for (let i = 0; i < Math.max(userOps, edgeOps); i++) {
      if (i < userOps) {
        const id = r === 0 && i < users ? ids[i]! : pick();
        ops.push({ kind: 'user', id, value: r > 0 && rnd() < 0.08 ? null : user(id, n++) });
      }
      if (i < edgeOps) {
        const x = rnd();
        if (made.length > 0 && x < 0.12) {
          ops.push({ kind: 'edge', key: made[Math.floor(rnd() * made.length)]!, value: null });
        } else if (made.length > 0 && x < 0.25) {
          const key = made[Math.floor(rnd() * made.length)]!;
          ops.push({ kind: 'edge', key, value: edge(key.followerId, key.followeeId, n++) });
        } else {
          const key = { followerId: pick(), followeeId: pick() };
          made.push(key);
          ops.push({ kind: 'edge', key, value: edge(key.followerId, key.followeeId, n++) });
        }
      }
    }
    out.push(ops);
  }
  return { ids, rounds: out };
}

/** Writes a round: users and edges each in one batch per topic, in the round's order. */
export async function writeRound(
  producers: { users: ReturnType<typeof createProducer<unknown, { userId: string }, unknown, UserInput>>; edges: ReturnType<typeof createProducer<unknown, UserConnectionKeyInput, unknown, UserConnectionInput>> },
  ops: readonly Op[],
): Promise<void> {
  const u = ops.filter((o) => o.kind === 'user').map((o) => ({ key: { userId: o.id }, value: o.value }));
  const e = ops.filter((o): o is Extract<Op, { kind: 'edge' }> => o.kind === 'edge').map((o) => ({ key: o.key, value: o.value }));
  await Promise.all([producers.users.sendBatch(u), producers.edges.sendBatch(e)]);
}

/** The join's output computed in memory: the latest user row and edges, joined by the service's own function. */
export function reference(rounds: readonly (readonly Op[])[]): Map<string, string> {
  const users = new Map<string, UserInput>();
  const edges = new Map<string, { key: UserConnectionKeyInput; value: UserConnectionInput }>();
  for (const ops of rounds) {
    for (const o of ops) {
      if (o.kind === 'user') {
        if (o.value) users.set(o.id, o.value);
        else users.delete(o.id);
      } else {
        const id = `${o.key.followerId}>${o.key.followeeId}`;
        if (o.value) edges.set(id, { key: o.key, value: o.value });
        else edges.delete(id);
      }
    }
  }
  const following = new Map<string, UserConnectionInput[]>();
  const followers = new Map<string, UserConnectionInput[]>();
  for (const { key, value } of edges.values()) {
    (following.get(key.followerId) ?? following.set(key.followerId, []).get(key.followerId)!).push(value);
    (followers.get(key.followeeId) ?? followers.set(key.followeeId, []).get(key.followeeId)!).push(value);
  }
  const out = new Map<string, string>();
  for (const [id, user] of users) {
    // Read types, as the runtime passes them: through the codecs.
    const read = (list: UserConnectionInput[] | undefined): UserConnection[] => (list ?? []).map((c) => UserConnection.decode(UserConnection.encode(c)));
    const value = joinFunction(User.decode(User.encode(user)), { following: read(following.get(id)), followers: read(followers.get(id)) });
    if (value) out.set(id, UserWithConnections.encode(value).toString('base64'));
  }
  return out;
}

/** Follows a topic from the start, keeping the latest value per key, as a compacted topic's reader sees it. */
export async function latestPerKey(client: Kafka, topic: Topic<{ userId: string }, unknown, UWC, unknown>): Promise<{ rows: Map<string, string>; records: () => number; stop: () => Promise<void> }> {
  const rows = new Map<string, string>();
  let records = 0;
  const consumer = createConsumer(client, topic, {
    groupId: unique('output-reader'), registry: registry(), deadLetter: false, ...FAST,
    handler: ({ key, value }) => {
      records++;
      if (value === null) rows.delete(key.userId);
      else rows.set(key.userId, UserWithConnections.encode(value).toString('base64'));
    },
  });
  await consumer.start();
  return { rows, records: () => records, stop: () => consumer.stop() };
}

/** Waits until `actual` equals `expected` key for key; on timeout, says how many keys differ. */
export async function converged(actual: Map<string, string>, expected: Map<string, string>, ms = 60_000): Promise<void> {
  const diff = (): number => {
    let n = 0;
    for (const [k, v] of expected) if (actual.get(k) !== v) n++;
    for (const k of actual.keys()) if (!expected.has(k)) n++;
    return n;
  };
  await until(() => diff() === 0, `the output to equal the reference (${expected.size} users)`, ms).catch((e: unknown) => {
    const k = [...expected.keys()].find((x) => actual.get(x) !== expected.get(x)) ?? [...actual.keys()].find((x) => !expected.has(x));
    const show = (b64: string | undefined): string => (b64 === undefined ? 'none' : JSON.stringify(UserWithConnections.decode(Buffer.from(b64, 'base64'))));
    throw new Error(`${(e as Error).message}: ${diff()} key(s) still differ, e.g. ${k}: expected ${show(k && expected.get(k))}, found ${show(k && actual.get(k))}`);
  });
}
