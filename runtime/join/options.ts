/** How a join runs: the registry, its consumer groups, topic prefix and the hooks a service plugs metrics into. */
import type { ConsumerConfig } from 'kafkajs';
import type { SchemaRegistry } from '../registry/index.js';

/**
 * `at-least-once` (default): outputs are produced, then the input offsets committed; a crash writes the outputs of
 * the uncommitted input again. `exactly-once`: outputs and input offsets of each batch are one Kafka transaction per
 * input partition; read_committed readers see each output once (docs/joins.md § Guarantees).
 */
export type JoinGuarantee = 'at-least-once' | 'exactly-once';

export const JOIN_GUARANTEES: readonly JoinGuarantee[] = ['at-least-once', 'exactly-once'];

export interface JoinOptions {
  readonly registry: SchemaRegistry;
  /** Default `at-least-once`. */
  readonly guarantee?: JoinGuarantee;
  /** The join's consumer group; the re-key step uses `<groupId>.rekey`. Default: the join's name. */
  readonly groupId?: string;
  /** Put before every topic name, e.g. `staging.` (as a service's `kafka.topicPrefix`). */
  readonly topicPrefix?: string;
  /** Passed to `kafka.consumer()`; unilog sets the group, the assigner and manual commits. */
  readonly consumerConfig?: Omit<ConsumerConfig, 'groupId' | 'partitionAssigners'>;
  /** Called when a consumer of the join crashed; `restart` says whether kafkajs restarts it. */
  readonly onCrash?: (error: unknown, restart: boolean) => void;
  /** Called when a partition's state is restored and the join goes live on it. */
  readonly onRestored?: (event: RestoredEvent) => void;
}

export interface RestoredEvent {
  readonly partition: number;
  /** Input records applied while restoring this partition. */
  readonly records: number;
  readonly ms: number;
}

/** Figures for health checks and metrics, read when asked. */
export interface JoinStats {
  /** Partitions of the joined inputs this instance holds, and whether each is restoring or live. */
  readonly partitions: ReadonlyArray<{
    readonly partition: number;
    readonly phase: 'restoring' | 'live';
    /** Table rows held, and related rows (table join) or stream records waiting (enrichment). */
    readonly rows: number;
    readonly related: number;
    /** Records of both inputs of this partition not read yet, as of the last batch. */
    readonly lag: number;
  }>;
  readonly inputRecords: number;
  readonly restoredRecords: number;
  readonly outputRecords: number;
  readonly rekeyedRecords: number;
}
