/**
 * Runs a join on kafkajs: one consumer group reads the table and the other input (the via topic, or a co-partitioned
 * stream) with the co-partitioned assigner, so partition p of both is handled by one member and its state is one
 * partition's. On every assignment the member restores each newly assigned partition from the compacted inputs, from
 * the earliest offset to the high-watermark of that moment (a partition it keeps keeps its state, at least once). Records before the group's committed offset
 * only rebuild state; records after it also mark their keys, whose output is written once the partition is restored.
 * Then each batch is applied, the outputs it implies are produced (unilog's producer: acks=all, idempotent), and only
 * then its offsets are committed: at least once, and a duplicate output is an overwrite of the same key. With the
 * `exactly-once` guarantee the outputs and offsets of a batch are one transaction of partition p's own transactional
 * producer (partition-transactions.ts), fenced before p's committed offsets are read; a failed transaction leaves the
 * state ahead of what was committed, so the engine refuses every batch until the group is joined again and the state
 * restored.
 *
 * Traces (OpenTelemetry, no-ops without an SDK): each input record read while live is a `process <topic>` span under
 * the context its headers carry. Outputs are computed from state, not from one record, so a batch's outputs are sent
 * in the context of the batch's last live record: with one record per batch, as at low traffic, its exact trace.
 */
import { context, type Context } from '@opentelemetry/api';
import type { Admin, Consumer, Kafka, KafkaMessage } from 'kafkajs';
import { UnilogError } from '../errors.js';
import { createProducer, type TypedProducer } from '../kafka/producer.js';
import { startProcessSpan } from '../tracing/process-span.js';
import { failSpan } from '../tracing/tracer.js';
import type { TopicSerdes } from '../registry/index.js';
import type { Topic } from '../topic.js';
import { CoPartitionedAssigner } from './assigner.js';
import { encodeMessages } from './encode-messages.js';
import type { InputRole, JoinLogic } from './join-logic.js';
import type { JoinOptions, JoinStats } from './options.js';
import { PartitionTransactions } from './partition-transactions.js';
import type { Rekeyer } from './rekey.js';
import { checkCoPartitioned, checkKeySchemas } from './topics.js';

/** How long a transaction may stay open before the broker aborts it (kafkajs's default). */
const TRANSACTION_TIMEOUT_MS = 60_000;

export interface JoinRunner {
  readonly name: string;
  /** Checks the topics (missing, not co-partitioned), starts the re-key step and joins the group. */
  start(): Promise<void>;
  /** Finishes the batch in hand, then leaves the group and disconnects. */
  stop(): Promise<void>;
  stats(): JoinStats;
}

interface PartitionRun<P> {
  readonly partition: number;
  readonly state: P;
  phase: 'restoring' | 'live';
  /** Per input: the group's committed offset when assigned (-1: none), the offset to restore up to, the next to read. */
  readonly committed: Map<InputRole, number>;
  readonly target: Map<InputRole, number>;
  readonly position: Map<InputRole, number>;
  /** Per input: the high-watermark of the last batch minus the next offset to read. */
  readonly lag: Map<InputRole, number>;
  readonly started: number;
  restored: number;
}

export interface EngineSpec<P> {
  readonly name: string;
  readonly table: Topic<unknown, never, unknown, never>;
  readonly other: Topic<unknown, never, unknown, never>;
  /** Whether the other input is state too (a via topic of a table join), restored from earliest like the table. */
  readonly otherIsTable: boolean;
  readonly output: Topic<unknown, unknown, unknown, unknown>;
  readonly logic: JoinLogic<P>;
  /** The re-key step, and the topic it reads (checked to exist at start). */
  readonly rekeyer?: { readonly step: Rekeyer<unknown, unknown, unknown>; readonly source: string };
}

export class JoinEngine<P> implements JoinRunner {
  readonly name: string;
  private readonly groupId: string;
  private readonly consumer: Consumer;
  /** at-least-once: one idempotent producer; exactly-once: a transactional producer per partition, and the serdes. */
  private readonly producer: TypedProducer<unknown, unknown> | undefined;
  private readonly txns: PartitionTransactions | undefined;
  private readonly outputSerdes: TopicSerdes<unknown, unknown, unknown, unknown>;
  /**
   * A failure that left the state ahead of what was written (an exactly-once transaction, or the outputs of a restore):
   * no batch is taken until the next assignment, which restores every partition.
   */
  private failed: Error | undefined;
  private admin: Admin | undefined;
  private parts = new Map<number, PartitionRun<P>>();
  private ready: Promise<void> = Promise.resolve();
  private generation = 0;
  private counts = { input: 0, restored: 0, output: 0 };

  constructor(
    private readonly kafka: Kafka,
    private readonly spec: EngineSpec<P>,
    private readonly options: JoinOptions,
  ) {
    this.name = spec.name;
    this.groupId = options.groupId ?? spec.name;
    this.consumer = kafka.consumer({ ...options.consumerConfig, groupId: this.groupId, partitionAssigners: [CoPartitionedAssigner] });
    this.outputSerdes = options.registry.topicSerdes(spec.output);
    if (options.guarantee === 'exactly-once') this.txns = new PartitionTransactions(kafka, this.groupId, TRANSACTION_TIMEOUT_MS);
    else this.producer = createProducer(kafka, spec.output, { registry: options.registry });
    const { GROUP_JOIN, CRASH, END_BATCH_PROCESS } = this.consumer.events;
    this.consumer.on(GROUP_JOIN, (e) => this.assigned(e.payload.memberAssignment));
    // A batch whose records were all removed by compaction (a deleted tombstone at the end of a partition) never
    // reaches eachBatch, but kafkajs moves past it: it still counts towards the restore target.
    this.consumer.on(END_BATCH_PROCESS, (e) => {
      const { topic, partition, batchSize, lastOffset } = e.payload;
      const part = this.parts.get(partition);
      if (batchSize !== 0 || !part || part.phase !== 'restoring') return;
      part.position.set(topic === spec.table.name ? 'table' : 'other', Number(lastOffset) + 1);
      this.ready = this.ready.then(() => this.goLiveIfRestored(part)).catch((error: unknown) => options.onCrash?.(error, false));
    });
    this.consumer.on(CRASH, (e) => options.onCrash?.(e.payload.error, e.payload.restart));
  }

  async start(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    this.admin = admin;
    const { table, other, output } = this.spec;
    const counts = await checkCoPartitioned(admin, this.name, [table.name, other.name], [output.name, ...(this.spec.rekeyer ? [this.spec.rekeyer.source] : [])]);
    // A via topic is partitioned by the table key (the re-key step computes it); a stream read directly by its own key.
    if (!this.spec.rekeyer) {
      const serdes = this.options.registry;
      await checkKeySchemas(this.name, { topic: table.name, key: serdes.topicSerdes(table).key }, { topic: other.name, key: serdes.topicSerdes(other).key });
    }
    await (this.producer ? this.producer.connect() : Promise.all([this.outputSerdes.key.prepare(), this.outputSerdes.value.prepare()]));
    await this.spec.rekeyer?.step.start(counts.get(table.name)!);
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [table.name, other.name], fromBeginning: true });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isStale }) => {
        await this.ready;
        if (this.failed) throw this.failed;
        const part = this.parts.get(batch.partition);
        if (!part || isStale()) return;
        const role: InputRole = batch.topic === table.name ? 'table' : 'other';
        const committed = part.committed.get(role) ?? -1;
        const messages = batch.messages;
        let traced: Context | undefined;
        for (let i = 0; i < messages.length; i++) {
          const m = messages[i]!;
          const emit = part.phase === 'live' || Number(m.offset) >= committed;
          if (part.phase === 'live') traced = await this.applyTraced(part, role, m, batch.topic);
          else await this.spec.logic.apply(part.state, role, m, emit);
          if (part.phase === 'restoring') part.restored++;
          // kafkajs heartbeats only when asked: a long restore batch on a busy machine must not cost the assignment.
          if ((i & 511) === 511) await heartbeat();
        }
        this.counts.input += batch.messages.length;
        part.position.set(role, Number(batch.lastOffset()) + 1);
        part.lag.set(role, Math.max(0, Number(batch.highWatermark) - Number(batch.lastOffset()) - 1));
        if (part.phase === 'restoring') await this.goLiveIfRestored(part);
        else await context.with(traced ?? context.active(), () => this.flush(part, [role]));
        // Resolved only once its outputs are acknowledged: after a failed send kafkajs fetches again from the last
        // resolved offset, so the batch is applied (and its keys marked) again rather than skipped.
        resolveOffset(batch.lastOffset());
        await heartbeat();
      },
    });
  }

  /** Applies a live record in its `process` span; returns the span's context, for the outputs it leads to. */
  private async applyTraced(part: PartitionRun<P>, role: InputRole, m: KafkaMessage, topic: string): Promise<Context> {
    const { span, context: inSpan } = startProcessSpan(topic, part.partition, m, this.groupId);
    try {
      await this.spec.logic.apply(part.state, role, m, true);
    } catch (error) {
      failSpan(span, error);
      throw error;
    } finally {
      span.end();
    }
    return inSpan;
  }

  /**
   * A new assignment. A partition this member holds live and keeps (at-least-once) keeps its state: kafkajs resumes it
   * from its committed offset, and what it reads again from there is applied again (the same values) and written
   * again, as after any redelivery. Every other assigned partition is restored from the earliest offset. Exactly-once
   * restores them all: a batch whose transaction was in flight across the rebalance may have been applied without
   * being committed, and reading it again would write its outputs twice.
   */
  private assigned(assignment: Record<string, number[]>): void {
    const generation = ++this.generation;
    const { table, other, otherIsTable } = this.spec;
    const partitions = [...new Set([...(assignment[table.name] ?? []), ...(assignment[other.name] ?? [])])].sort((a, b) => a - b);
    const kept = new Map<number, PartitionRun<P>>();
    if (!this.txns && !this.failed) for (const p of partitions) if (this.parts.get(p)?.phase === 'live') kept.set(p, this.parts.get(p)!);
    this.parts = kept;
    this.failed = undefined;
    const restore = partitions.filter((p) => !kept.has(p));
    for (const p of restore) {
      this.consumer.seek({ topic: table.name, partition: p, offset: '0' });
      if (otherIsTable) this.consumer.seek({ topic: other.name, partition: p, offset: '0' });
    }
    this.ready = this.plan(generation, restore).catch((error: unknown) => {
      this.options.onCrash?.(error, false);
      throw error;
    });
    // Batches await `ready` and fail with its error; until one does, the rejection is handled here, not left to
    // crash the process as unhandled.
    this.ready.catch(() => undefined);
  }

  private async plan(generation: number, partitions: readonly number[]): Promise<void> {
    if (partitions.length === 0) return;
    const admin = this.admin!;
    const { table, other, otherIsTable } = this.spec;
    // Before the committed offsets are read: a transaction an earlier holder of p left open is aborted (or finished).
    await this.txns?.holdOnly(partitions);
    if (generation !== this.generation) return;
    const [committed, tableHigh, otherHigh] = await Promise.all([
      admin.fetchOffsets({ groupId: this.groupId, topics: [table.name, other.name] }),
      admin.fetchTopicOffsets(table.name),
      otherIsTable ? admin.fetchTopicOffsets(other.name) : Promise.resolve([]),
    ]);
    if (generation !== this.generation) return;
    const commitOf = (topic: string, p: number): number =>
      Number(committed.find((t) => t.topic === topic)?.partitions.find((x) => x.partition === p)?.offset ?? -1);
    for (const p of partitions) {
      const target = new Map<InputRole, number>();
      const t = tableHigh.find((x) => x.partition === p);
      if (t && Number(t.high) > Number(t.low)) target.set('table', Number(t.high));
      const o = otherHigh.find((x) => x.partition === p);
      if (o && Number(o.high) > Number(o.low)) target.set('other', Number(o.high));
      const part: PartitionRun<P> = {
        partition: p,
        state: this.spec.logic.newPartition(),
        phase: 'restoring',
        committed: new Map([['table', commitOf(table.name, p)], ['other', commitOf(other.name, p)]]),
        target,
        position: new Map(),
        lag: new Map(),
        started: Date.now(),
        restored: 0,
      };
      this.parts.set(p, part);
      await this.goLiveIfRestored(part);
    }
  }

  private async goLiveIfRestored(part: PartitionRun<P>): Promise<void> {
    for (const [role, high] of part.target) if ((part.position.get(role) ?? 0) < high) return;
    part.phase = 'live';
    this.counts.restored += part.restored;
    this.options.onRestored?.({ partition: part.partition, records: part.restored, ms: Date.now() - part.started });
    try {
      await this.flush(part, ['table', 'other']);
    } catch (error) {
      // The outputs of the whole restore were drained from the state: reading the last batch again would not bring them
      // back, only restoring the partition does.
      this.failed ??= new UnilogError('JOIN_RESTORE_OUTPUT_FAILED', `join ${this.name}: the outputs of partition ${part.partition}'s restore could not be written (${error instanceof Error ? error.message : String(error)}); the join restores its partitions when the group is joined again`, { cause: error });
      throw error;
    }
  }

  /** Produces what the changes since the last flush imply, then commits the inputs' positions. */
  private async flush(part: PartitionRun<P>, roles: readonly InputRole[]): Promise<void> {
    const out = this.spec.logic.drain(part.state);
    if (this.txns) return this.flushTransaction(part, roles, out);
    if (out.length > 0) {
      await this.producer!.sendBatch(out);
      this.counts.output += out.length;
    }
    const offsets = this.offsetsOf(part, roles);
    if (offsets.length > 0) await this.consumer.commitOffsets(offsets);
  }

  private offsetsOf(part: PartitionRun<P>, roles: readonly InputRole[]): Array<{ topic: string; partition: number; offset: string }> {
    return roles.flatMap((role) => {
      const at = part.position.get(role);
      return at === undefined ? [] : [{ topic: role === 'table' ? this.spec.table.name : this.spec.other.name, partition: part.partition, offset: String(at) }];
    });
  }

  /** exactly-once: the outputs and the offsets in one transaction of the partition's producer. */
  private async flushTransaction(part: PartitionRun<P>, roles: readonly InputRole[], out: ReturnType<JoinLogic<P>['drain']>): Promise<void> {
    const offsets = this.offsetsOf(part, roles);
    if (out.length === 0 && offsets.length === 0) return;
    const generation = this.generation;
    const output = this.spec.output.name;
    try {
      await this.txns!.commit(part.partition, [{ topic: output, messages: encodeMessages(this.outputSerdes, output, out) }], {
        consumerGroupId: this.groupId,
        topics: offsets.map(({ topic, partition, offset }) => ({ topic, partitions: [{ partition, offset }] })),
      });
    } catch (error) {
      // The state already holds this batch: only a restore makes it match the committed offsets again.
      if (generation === this.generation) {
        this.failed = new UnilogError('JOIN_TRANSACTION_FAILED', `join ${this.name}: the transaction of partition ${part.partition} failed (${error instanceof Error ? error.message : String(error)}): aborted; the join restores its partitions when the group is joined again`, { cause: error });
      }
      throw error;
    }
    this.counts.output += out.length;
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
    await this.spec.rekeyer?.step.stop();
    await this.producer?.disconnect();
    await this.txns?.close();
    await this.admin?.disconnect();
    this.admin = undefined;
  }

  stats(): JoinStats {
    return {
      partitions: [...this.parts.values()].map((p) => ({
        partition: p.partition, phase: p.phase, ...this.spec.logic.size(p.state), lag: (p.lag.get('table') ?? 0) + (p.lag.get('other') ?? 0),
      })),
      inputRecords: this.counts.input,
      restoredRecords: this.counts.restored,
      outputRecords: this.counts.output,
      rekeyedRecords: this.spec.rekeyer?.step.records ?? 0,
    };
  }
}
