/** Shared setup of the tailer tests: the generated `users` tailer on a renamed topic, and reading the topic back. */
import type { Kafka } from 'kafkajs';
import { defineTopic, ensureTopics } from '../../runtime/index.js';
import type { TailerDefinition } from '../../runtime/tailer/index.js';
import { usersTailer } from '../../generated/tailers/users.js';
import type { User, UserKey } from '../../generated/types/com.state.users.js';
import { readRaw, unique } from './runtime-support.js';

export type UsersTailer = typeof usersTailer;

/** The generated users tailer, writing to a topic of its own (created here); `slotOf` gives it a slot of its own. */
export async function usersTailerOnNewTopic(client: Kafka): Promise<UsersTailer> {
  const topic = defineTopic({ ...usersTailer.topic, name: unique('t-users'), partitions: 3 });
  await ensureTopics(client, [topic]);
  return { ...usersTailer, topic } satisfies TailerDefinition<UserKey, UserKey, User, unknown>;
}

export interface UserChange {
  readonly key: UserKey;
  readonly value: User | null;
  readonly partition: number;
  readonly offset: number;
}

/** The first `count` records of the tailer's topic, decoded, in offset order per partition. */
export async function readUsers(client: Kafka, tailer: UsersTailer, count: number, ms = 30_000): Promise<UserChange[]> {
  const raw = await readRaw(client, tailer.topic.name, count, ms);
  return raw
    .map(({ partition, message }) => ({
      key: tailer.topic.key.decodeFramed(message.key!),
      value: message.value === null ? null : tailer.topic.value.decodeFramed(message.value),
      partition,
      offset: Number(message.offset),
    }))
    .sort((a, b) => a.partition - b.partition || a.offset - b.offset);
}

/** The changes of one user id, in the order its partition holds them. */
export function ofUser(changes: readonly UserChange[], id: string): UserChange[] {
  return changes.filter((c) => c.key.userId === id);
}

/** A slot (and publication) name of the tailer's own: slot names are per cluster. */
export function slotOf(tailer: UsersTailer): string {
  return tailer.topic.name.replace(/-/g, '_');
}
