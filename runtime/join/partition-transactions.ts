/**
 * Exactly-once for a join (docs/joins.md § Guarantees): one transactional producer per input partition, so what a
 * batch of partition p implies (its output records) and its input offsets are committed together or not at all.
 *
 * kafkajs 2.2.4 speaks the v0–1 transaction APIs (FIELD-NOTES: Kafka 4.1 accepts them). Their TxnOffsetCommit carries
 * no group generation (KIP-447 is v3), so a member that lost partition p could still commit offsets for it; the
 * transactional id `<prefix>.<p>` is what fences it: the member that takes p over registers the same id
 * (InitProducerId), which bumps the epoch (the old producer's next request fails with a fencing error) and aborts a
 * transaction the old one left open, or waits until one it was committing is complete. So the taker must `fence(p)`
 * before it reads p's committed offsets.
 */
import type { Kafka, Message, Producer } from 'kafkajs';
import { sendAcknowledged } from '../kafka/acknowledged-send.js';
import { kafkaProducer } from '../kafka/bytes-producer.js';
import { chunks } from '../kafka/send-chunks.js';

export interface TransactionSend {
  readonly topic: string;
  readonly messages: Message[];
}

export interface TransactionOffsets {
  readonly consumerGroupId: string;
  readonly topics: Array<{ topic: string; partitions: Array<{ partition: number; offset: string }> }>;
}

export class PartitionTransactions {
  private readonly producers = new Map<number, Producer>();

  constructor(
    private readonly kafka: Kafka,
    /** Transactional ids are `<idPrefix>.<partition>`: unique per join, group and topic prefix. */
    private readonly idPrefix: string,
    private readonly transactionTimeoutMs: number,
  ) {}

  transactionalId(partition: number): string {
    return `${this.idPrefix}.${partition}`;
  }

  /**
   * A fresh producer for partition p, its transactional id registered: a producer an earlier holder of p (another
   * member, or this process before a crash) has is fenced, and its open transaction is aborted.
   */
  async fence(partition: number): Promise<void> {
    await this.drop(partition);
    const producer = kafkaProducer(this.kafka, { producerConfig: { transactionalId: this.transactionalId(partition), transactionTimeout: this.transactionTimeoutMs } }, this.transactionalId(partition));
    await producer.connect();
    // kafkajs sends InitProducerId for the transactional id at the first transaction(), not at connect().
    await (await producer.transaction()).abort();
    this.producers.set(partition, producer);
  }

  /** Fences every partition given (in parallel) and drops the producers of the others. */
  async holdOnly(partitions: readonly number[]): Promise<void> {
    const keep = new Set(partitions);
    await Promise.all([...this.producers.keys()].filter((p) => !keep.has(p)).map((p) => this.drop(p)));
    await Promise.all(partitions.map((p) => this.fence(p)));
  }

  has(partition: number): boolean {
    return this.producers.has(partition);
  }

  /**
   * One transaction on partition p's producer: the records, then the input offsets, then commit. On any failure the
   * transaction is aborted (nothing of it is visible to read_committed readers, and the offsets stay where they
   * were) and the producer is dropped: the caller fences p again before using it.
   */
  async commit(partition: number, sends: readonly TransactionSend[], offsets: TransactionOffsets): Promise<void> {
    const producer = this.producers.get(partition);
    if (!producer) throw new Error(`no transactional producer for partition ${partition}: fence it first`);
    const txn = await producer.transaction();
    try {
      for (const { topic, messages } of sends) {
        for (const chunk of chunks(messages)) await sendAcknowledged(topic, chunk, (batch) => txn.send({ topic, messages: batch, acks: -1 }));
      }
      await txn.sendOffsets(offsets);
      await txn.commit();
    } catch (error) {
      await txn.abort().catch(() => undefined);
      // Unless a new assignment fenced p again meanwhile (then the producer there is the new one).
      if (this.producers.get(partition) === producer) await this.drop(partition);
      throw error;
    }
  }

  private async drop(partition: number): Promise<void> {
    const producer = this.producers.get(partition);
    this.producers.delete(partition);
    await producer?.disconnect().catch(() => undefined);
  }

  async close(): Promise<void> {
    await Promise.all([...this.producers.keys()].map((p) => this.drop(p)));
  }
}
