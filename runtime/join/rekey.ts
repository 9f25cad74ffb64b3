/**
 * The re-key step: reads a source topic (a table join's related table, or a stream matched on a value field) and writes
 * each record to the join's internal `via` topic under the table key it points at, into the partition that key has in
 * the table, so the join reads both co-partitioned. A related row's tombstone becomes one tombstone per side it was
 * written under (the match is on key fields, so the tombstone's key says which). Produce, then commit: at least once,
 * and a duplicate is an overwrite of the same via key.
 *
 * Each source record is a `process <topic>` span (OpenTelemetry, a no-op without an SDK); a batch's via records are
 * sent in the context of its last record, as the join engine sends its outputs.
 *
 * With the `exactly-once` guarantee each batch's via records and its source offset are one transaction of the source
 * partition's transactional producer (partition-transactions.ts). kafkajs reads the committed offset of a newly
 * assigned partition before this step can fence it, so the first batch of each assignment fences, reads the committed
 * offset again, and skips what an earlier holder's last transaction already covered.
 */
import { context, type Context } from '@opentelemetry/api';
import type { Admin, Consumer, Kafka, KafkaMessage } from 'kafkajs';
import { createProducer, type TypedProducer } from '../kafka/producer.js';
import { partitionForKey } from '../kafka/partition.js';
import { startProcessSpan } from '../tracing/process-span.js';
import { failSpan } from '../tracing/tracer.js';
import type { Serde, TopicSerdes } from '../registry/index.js';
import type { SchemaRegistry } from '../registry/index.js';
import type { Topic } from '../topic.js';
import type { ViaTopic } from './define.js';
import { encodeMessages } from './encode-messages.js';
import type { JoinGuarantee } from './options.js';
import { PartitionTransactions } from './partition-transactions.js';
import { viaKeyCodec } from './via-record.js';

export interface RekeySpec<SK, SV, TKI> {
  readonly source: Topic<SK, never, SV, never>;
  readonly table: Topic<unknown, TKI, unknown, unknown>;
  readonly via: ViaTopic;
  /** Each side the record goes to, with the table key it points at. `value` is null for a tombstone. */
  readonly targets: (key: SK, value: SV | null) => ReadonlyArray<readonly [side: string, tableKey: TKI]>;
  /** Whether `targets` reads the value (a stream's match on a value field): then values are decoded. */
  readonly needsValue: boolean;
}

export class Rekeyer<SK, SV, TKI> {
  private readonly consumer: Consumer;
  private readonly producer: TypedProducer<Uint8Array, Uint8Array> | undefined;
  /** exactly-once: the transactional producers, the via serdes, and per source partition of this assignment the
   * offset it resumes from (once fenced). */
  private readonly txns: PartitionTransactions | undefined;
  private readonly viaSerdes: TopicSerdes<unknown, unknown, unknown, unknown>;
  private admin: Admin | undefined;
  private resumes = new Map<number, Promise<bigint>>();
  private readonly keySerde: Serde<SK, never>;
  private readonly valueSerde: Serde<SV, never>;
  private readonly tableKeySerde: Serde<unknown, TKI>;
  records = 0;
  /** The table's partition count on the cluster (set at start, after the co-partitioning check). */
  private tablePartitions = 0;

  constructor(
    kafka: Kafka,
    private readonly spec: RekeySpec<SK, SV, TKI>,
    registry: SchemaRegistry,
    private readonly groupId: string,
    consumerConfig: object,
    onCrash: (error: unknown, restart: boolean) => void,
    guarantee: JoinGuarantee = 'at-least-once',
    transactionTimeoutMs = 60_000,
  ) {
    this.consumer = kafka.consumer({ ...consumerConfig, groupId });
    this.consumer.on(this.consumer.events.CRASH, (e) => onCrash(e.payload.error, e.payload.restart));
    this.viaSerdes = registry.topicSerdes(spec.via as never);
    if (guarantee === 'exactly-once') {
      this.txns = new PartitionTransactions(kafka, groupId, transactionTimeoutMs);
      this.admin = kafka.admin();
      this.consumer.on(this.consumer.events.GROUP_JOIN, () => {
        // A new assignment: every producer is dropped (synchronously) and each partition fenced at its first batch.
        this.resumes = new Map();
        void this.txns!.close();
      });
    } else {
      this.producer = createProducer(kafka, spec.via, { registry });
    }
    const source = registry.topicSerdes(spec.source);
    this.keySerde = source.key;
    this.valueSerde = source.value;
    this.tableKeySerde = registry.topicSerdes(spec.table).key;
  }

  async start(tablePartitions: number): Promise<void> {
    this.tablePartitions = tablePartitions;
    const ready = this.producer ? [this.producer.connect()] : [this.viaSerdes.key.prepare(), this.viaSerdes.value.prepare(), this.admin!.connect()];
    await Promise.all([...ready, this.tableKeySerde.prepare(), this.consumer.connect()]);
    await this.consumer.subscribe({ topics: [this.spec.source.name], fromBeginning: true });
    await this.consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch, heartbeat }) => {
        const out: Array<{ key: Buffer; value: Buffer | null; partition: number }> = [];
        let traced: Context | undefined;
        const from = this.txns ? await this.resumeOffset(batch.partition) : 0n;
        for (const m of batch.messages) {
          if (BigInt(m.offset) < from) continue;
          const { span, context: inSpan } = startProcessSpan(batch.topic, batch.partition, m, this.groupId);
          try {
            out.push(...(await this.rekey(m)));
          } catch (error) {
            failSpan(span, error);
            throw error;
          } finally {
            span.end();
          }
          traced = inSpan;
        }
        const next = String(Number(batch.lastOffset()) + 1);
        if (this.txns) {
          await context.with(traced ?? context.active(), () => this.commitTransaction(batch.partition, out, batch.topic, next));
        } else {
          await context.with(traced ?? context.active(), async () => {
            await this.producer!.sendBatch(out);
          });
          await this.consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: next }]);
        }
        this.records += batch.messages.length;
        await heartbeat();
      },
    });
  }

  /** exactly-once: fences the partition at its first batch of an assignment; the offset its committed input ends at. */
  private resumeOffset(partition: number): Promise<bigint> {
    let resume = this.resumes.get(partition);
    if (!resume) {
      const topic = this.spec.source.name;
      resume = this.txns!.fence(partition)
        .then(() => this.admin!.fetchOffsets({ groupId: this.groupId, topics: [topic] }))
        .then((offsets) => BigInt(Math.max(0, Number(offsets[0]?.partitions.find((x) => x.partition === partition)?.offset ?? -1))));
      this.resumes.set(partition, resume);
      // A failed fence is tried again at the next batch.
      resume.catch(() => this.resumes.get(partition) === resume && this.resumes.delete(partition));
    }
    return resume;
  }

  private async commitTransaction(partition: number, out: ReadonlyArray<{ key: Buffer; value: Buffer | null; partition: number }>, topic: string, next: string): Promise<void> {
    const via = this.spec.via.name;
    try {
      await this.txns!.commit(partition, [{ topic: via, messages: encodeMessages(this.viaSerdes, via, out) }], {
        consumerGroupId: this.groupId, topics: [{ topic, partitions: [{ partition, offset: next }] }],
      });
    } catch (error) {
      // Aborted: kafkajs fetches this batch again (it was not resolved); the partition is fenced anew first.
      this.resumes.delete(partition);
      throw error;
    }
  }

  private async rekey(m: KafkaMessage): Promise<Array<{ key: Buffer; value: Buffer | null; partition: number }>> {
    if (!m.key || (this.spec.needsValue && !m.value)) return [];
    const key = await this.keySerde.decodeAsync(m.key);
    const value = m.value && this.spec.needsValue ? await this.valueSerde.decodeAsync(m.value) : null;
    const keyBody = this.spec.source.key.encode(key as never);
    return this.spec.targets(key, m.value ? value : null).map(([side, tableKey]) => ({
      key: viaKeyCodec.encode({ tableKey: this.spec.table.key.encode(tableKey), side, key: keyBody }),
      value: m.value,
      // The partition the table's own producers put this key in: the key framed with the table's key schema id.
      partition: partitionForKey(this.tableKeySerde.encode(tableKey), this.tablePartitions),
    }));
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
    await this.producer?.disconnect();
    await this.txns?.close();
    await this.admin?.disconnect();
  }
}
