/**
 * The state of one partition of a join and how each input record changes it. The engine (join-engine.ts) feeds records
 * in; `drain` gives the output records the changes since the last drain imply, computed from the state as it is then,
 * so a key changed several times in a batch is written once, from its latest state.
 */
import type { KafkaMessage } from 'kafkajs';

export type InputRole = 'table' | 'other';

export interface OutputRecord {
  readonly key: unknown;
  readonly value: unknown;
}

export interface JoinLogic<P> {
  newPartition(): P;
  /** Applies a record; `emit` false while restoring state that was already joined (before the committed offset). */
  apply(state: P, role: InputRole, message: KafkaMessage, emit: boolean): Promise<void>;
  drain(state: P): OutputRecord[];
  size(state: P): { rows: number; related: number };
}
