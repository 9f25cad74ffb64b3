/**
 * Typed stream joins (docs/joins.md): definitions that generated code states, and `createJoin`, which runs one on
 * Kafka with the function its owner writes.
 */
import type { Kafka } from 'kafkajs';
import type { Topic } from '../topic.js';
import type { JoinMode, StreamTableJoin, StreamTableJoinFunction, TableJoin, TableJoinFunction } from './define.js';
import { JoinEngine, type JoinRunner } from './join-engine.js';
import type { JoinOptions } from './options.js';
import { Rekeyer } from './rekey.js';
import { StreamJoinLogic } from './stream-join-logic.js';
import { TableJoinLogic } from './table-join-logic.js';
import { prefixed } from './topics.js';

export {
  defineTableJoin, defineStreamTableJoin, type JoinMode, type TableJoin, type TableJoinFunction, type StreamTableJoin,
  type StreamTableJoinFunction, type ViaTopic,
} from './define.js';
export type { JoinRunner } from './join-engine.js';
export { JOIN_GUARANTEES, type JoinGuarantee, type JoinOptions, type JoinStats, type RestoredEvent } from './options.js';
export { CoPartitionedAssigner, CO_PARTITIONED_ASSIGNER } from './assigner.js';

type Wide = Topic<unknown, never, unknown, never>;
const wide = <K, KI, V, VI>(t: Topic<K, KI, V, VI>): Wide => t as unknown as Wide;

/** Runs a table join: the re-key step for the related table, and the join itself. */
export function createJoin<TK, TKI, TV, TVI, RK, RKI, RV, RVI, Side extends string, OK, OV, OVI>(
  kafka: Kafka,
  join: TableJoin<TK, TKI, TV, TVI, RK, RKI, RV, RVI, Side, OK, OV, OVI>,
  fn: TableJoinFunction<TV, RV, Side, OVI>,
  options: JoinOptions,
): JoinRunner;
/** Runs a stream–table enrichment (with its re-key step when the stream is matched on a value field). */
export function createJoin<SK, SKI, SV, SVI, TK, TKI, TV, TVI, M extends JoinMode, OK, OV, OVI>(
  kafka: Kafka,
  join: StreamTableJoin<SK, SKI, SV, SVI, TK, TKI, TV, TVI, M, OK, OV, OVI>,
  fn: StreamTableJoinFunction<SK, SV, TV, M, OVI>,
  options: JoinOptions,
): JoinRunner;
export function createJoin(
  kafka: Kafka,
  join: TableJoin<unknown, unknown, unknown, unknown, unknown, unknown, unknown, unknown, string, unknown, unknown, unknown> | StreamTableJoin<unknown, unknown, unknown, unknown, unknown, unknown, unknown, unknown, JoinMode, unknown, unknown, unknown>,
  fn: TableJoinFunction<unknown, unknown, string, unknown> | StreamTableJoinFunction<unknown, unknown, unknown, JoinMode, unknown>,
  options: JoinOptions,
): JoinRunner {
  const prefix = options.topicPrefix ?? '';
  const groupId = options.groupId ?? join.name;
  const consumerConfig = options.consumerConfig ?? {};
  const onCrash = options.onCrash ?? (() => undefined);
  const table = prefixed(join.table, prefix);
  const output = prefixed(join.output, prefix) as Topic<unknown, unknown, unknown, unknown>;
  const via = join.via ? prefixed(join.via, prefix) : undefined;
  if (join.kind === 'table-table') {
    const related = prefixed(join.related, prefix);
    const def = { ...join, table, related, via: via!, output };
    const rekeyer = new Rekeyer(kafka, {
      source: wide(related),
      table,
      via: via!,
      targets: (key) => Object.entries(join.match(key) as Record<string, unknown>),
      needsValue: false,
    }, options.registry, `${groupId}.rekey`, consumerConfig, onCrash, options.guarantee);
    return new JoinEngine(kafka, {
      name: join.name, table: wide(table), other: wide(via!), otherIsTable: true, output,
      logic: new TableJoinLogic(def, fn as TableJoinFunction<unknown, unknown, string, unknown>, options.registry),
      rekeyer: { step: rekeyer, source: related.name },
    }, { ...options, groupId });
  }
  const stream = prefixed(join.stream, prefix);
  const def = { ...join, table, stream, output, ...(via ? { via } : {}) };
  const logic = new StreamJoinLogic(def, fn as StreamTableJoinFunction<unknown, unknown, unknown, JoinMode, unknown>, options.registry);
  const rekeyer = via
    ? new Rekeyer(kafka, {
        source: wide(stream), table, via,
        targets: (key, value) => (value === null ? [] : [['', join.match(key, value)] as const]),
        needsValue: true,
      }, options.registry, `${groupId}.rekey`, consumerConfig, onCrash, options.guarantee)
    : undefined;
  return new JoinEngine(kafka, {
    name: join.name, table: wide(table), other: wide(via ?? stream), otherIsTable: false, output, logic,
    ...(rekeyer ? { rekeyer: { step: rekeyer, source: stream.name } } : {}),
  }, { ...options, groupId });
}

/** A join paired with the function its owner wrote, ready to run: what a join service lists and starts. */
export interface BoundJoin {
  readonly name: string;
  create(kafka: Kafka, options: JoinOptions): JoinRunner;
}

/** Pairs a join with its function, type-checked against the join's declaration. */
export function bindJoin<TK, TKI, TV, TVI, RK, RKI, RV, RVI, Side extends string, OK, OV, OVI>(
  join: TableJoin<TK, TKI, TV, TVI, RK, RKI, RV, RVI, Side, OK, OV, OVI>,
  fn: TableJoinFunction<TV, RV, Side, OVI>,
): BoundJoin;
export function bindJoin<SK, SKI, SV, SVI, TK, TKI, TV, TVI, M extends JoinMode, OK, OV, OVI>(
  join: StreamTableJoin<SK, SKI, SV, SVI, TK, TKI, TV, TVI, M, OK, OV, OVI>,
  fn: StreamTableJoinFunction<SK, SV, TV, M, OVI>,
): BoundJoin;
export function bindJoin(join: { readonly name: string }, fn: unknown): BoundJoin {
  return { name: join.name, create: (kafka, options) => createJoin(kafka, join as never, fn as never, options) };
}
