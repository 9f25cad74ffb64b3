/**
 * A topic of the unified log as generated code describes it: its name, the codecs of its key and value, and the
 * catalog facts the runtime needs (partitions and cleanup policy for topic creation, visibility and owner for checks).
 */
import type { Codec } from './codec/index.js';

export type Visibility = 'shared' | 'internal';
export type CleanupPolicy = 'compact' | 'delete';
export type CompatibilityLevel =
  | 'BACKWARD' | 'BACKWARD_TRANSITIVE' | 'FORWARD' | 'FORWARD_TRANSITIVE' | 'FULL' | 'FULL_TRANSITIVE' | 'NONE';

export interface Topic<Key, KeyInput, Value, ValueInput> {
  readonly name: string;
  readonly key: Codec<Key, KeyInput>;
  readonly value: Codec<Value, ValueInput>;
  readonly visibility: Visibility;
  /** The service that writes this topic. */
  readonly owner: string;
  readonly partitions: number;
  readonly cleanupPolicy: CleanupPolicy;
  readonly compatibility: CompatibilityLevel;
}

/** Any topic, whatever its types; for code that handles topics generically (admin, tools). */
export type AnyTopic = Topic<unknown, never, unknown, never>;

export type KeyOf<T> = T extends Topic<infer K, unknown, unknown, unknown> ? K : never;
export type KeyInputOf<T> = T extends Topic<unknown, infer K, unknown, unknown> ? K : never;
export type ValueOf<T> = T extends Topic<unknown, unknown, infer V, unknown> ? V : never;
export type ValueInputOf<T> = T extends Topic<unknown, unknown, unknown, infer V> ? V : never;

export function defineTopic<Key, KeyInput, Value, ValueInput>(
  topic: Topic<Key, KeyInput, Value, ValueInput>,
): Topic<Key, KeyInput, Value, ValueInput> {
  return Object.freeze(topic);
}
