/**
 * An indexer: keeps a search index equal to a keyed topic, in a consumer group, at least once. Each consumed batch
 * becomes one bulk request (records versioned by their offsets, tombstones as deletes: bulk-write.ts); its offsets are
 * committed only after the engine answered for every record in it, so a crash at any point re-sends what was not
 * confirmed, and the versions make that harmless. A record that cannot be decoded, or a document the engine refuses,
 * goes to the dead-letter topic and the indexer goes on.
 *
 * At start the index is made ready from the topic's schema (ensure-index.ts). When it had to be created (first start,
 * or someone deleted it to rebuild it) the group's offsets are reset to the beginning of the topic, so that a new index
 * is always filled with the whole topic.
 */
import type { Client } from '@opensearch-project/opensearch';
import type { Consumer, ConsumerConfig, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { UnilogError, messageOf } from '../errors.js';
import { backoffDelay, normaliseRetry, sleep, type RetryOptions, type RetryPolicy } from '../kafka/backoff.js';
import type { DeadLetterEvent } from '../kafka/consumed-record.js';
import { topicDrift, type TopicSpec } from '../kafka/admin.js';
import { DeadLetterWriter, deadLetterTopicOf, type DeadLetterOptions } from '../kafka/dead-letter.js';
import { RecordProcessor, STOPPED } from '../kafka/record-processor.js';
import type { SchemaRegistry } from '../registry/index.js';
import type { Topic } from '../topic.js';
import { writeBulk, type IndexOp } from './bulk-write.js';
import { documentIdOf } from './document-id.js';
import { ensureIndex } from './ensure-index.js';
import { indexSchemaOf, type IndexSchema, type IndexSchemaOptions } from './index-schema.js';

export interface IndexerOptions<Key> {
  /** The search engine (an `@opensearch-project/opensearch` Client). */
  readonly search: Client;
  /** The index written (and created, with the schema's mapping, when missing). */
  readonly index: string;
  readonly groupId: string;
  readonly registry: SchemaRegistry;
  /** Which string fields are full text, which fields are left out (index-schema.ts). */
  readonly fields?: IndexSchemaOptions;
  /** Settings of a new index (`number_of_shards`, `number_of_replicas`, analysis, …). */
  readonly settings?: Readonly<Record<string, unknown>>;
  /** A document's id from its record's key. Default: documentIdOf (a key record's only field, or the key's JSON). */
  readonly documentId?: (key: Key) => string;
  /** Default `{}` (topic `<topic>.dlq`). */
  readonly deadLetter?: DeadLetterOptions;
  /** Backoff while the engine is unreachable or busy; the indexer waits for it as long as it runs (attempts unused). */
  readonly retry?: RetryOptions;
  readonly consumerConfig?: Omit<ConsumerConfig, 'groupId'>;
  readonly onBulk?: (event: BulkEvent) => void;
  readonly onDeadLetter?: (event: DeadLetterEvent) => void;
  /** The engine failed a bulk request (it is sent again after a backoff). */
  readonly onRetry?: (event: { readonly failures: number; readonly cause: string }) => void;
  /** The indexer stopped for good (the index was deleted under it, the engine refused a request): its cause. */
  readonly onFailed?: (error: unknown) => void;
  /** kafkajs's consumer crashed; `restart`: kafkajs restarts it. */
  readonly onCrash?: (error: unknown, restart: boolean) => void;
}

export interface BulkEvent {
  readonly partition: number;
  readonly records: number;
  readonly indexed: number;
  readonly deleted: number;
  readonly stale: number;
  readonly rejected: number;
  readonly requests: number;
  readonly ms: number;
}

export interface IndexerStats {
  readonly index: string;
  /** The index was created at this start (and is being filled from the beginning of the topic). */
  readonly created: boolean;
  /** Per partition that delivered a batch: records behind its high-watermark after that batch. */
  readonly lag: ReadonlyMap<number, number>;
  /** Why the indexer stopped for good, if it did. */
  readonly failure: unknown;
}

export interface Indexer {
  readonly topic: string;
  readonly index: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  stats(): IndexerStats;
}

interface BatchState {
  ops: IndexOp<KafkaMessage>[];
  current: KafkaMessage | undefined;
}

class TopicIndexer<K, KI, V, VI> implements Indexer {
  readonly topic: string;
  readonly index: string;
  private readonly consumer: Consumer;
  private readonly deadLetter: DeadLetterWriter;
  private readonly processor: RecordProcessor<K, KI, V, VI>;
  private readonly abort = new AbortController();
  private readonly batches = new Map<number, BatchState>();
  private readonly lag = new Map<number, number>();
  private readonly retry: RetryPolicy;
  private readonly schema: IndexSchema;
  private readonly documentId: (key: K) => string;
  private readonly topicSpec: TopicSpec;
  private created = false;
  private failure: unknown;
  private stopping: Promise<void> | undefined;

  constructor(
    private readonly kafka: Kafka,
    topic: Topic<K, KI, V, VI>,
    private readonly options: IndexerOptions<K>,
  ) {
    this.topic = topic.name;
    this.topicSpec = topic;
    this.index = options.index;
    this.schema = indexSchemaOf(topic.value.standaloneSchema(), options.fields);
    this.retry = normaliseRetry(options.retry);
    this.documentId = options.documentId ?? documentIdOf;
    this.consumer = kafka.consumer({ ...options.consumerConfig, groupId: options.groupId });
    this.deadLetter = new DeadLetterWriter(kafka, topic.name, deadLetterTopicOf(topic.name, options.deadLetter), topic.partitions);
    this.processor = new RecordProcessor({
      topic: topic.name,
      serdes: options.registry.topicSerdes(topic),
      // Only collects: the batch is written in one request once every record of it is decoded.
      handler: (record) => {
        const batch = this.batches.get(record.partition)!;
        batch.ops.push({
          id: this.documentId(record.key),
          version: Number(record.offset),
          document: record.value === null ? null : this.schema.toDocument(record.value),
          ref: batch.current!,
        });
      },
      // A value that cannot become a document will not become one on a second try.
      retry: normaliseRetry({ attempts: 1 }),
      deadLetter: this.deadLetter,
      onDeadLetter: options.onDeadLetter,
      signal: this.abort.signal,
    });
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => options.onCrash?.(payload.error, payload.restart));
  }

  async start(): Promise<void> {
    // Before the index is touched: a new index would otherwise be created for a topic that is not there.
    if ((await topicDrift(this.kafka, [this.topicSpec])).some((d) => d.kind === 'missing')) {
      throw new UnilogError('TOPIC_MISSING', `topic ${this.topic} does not exist: create the catalog's topics first (\`unilog topics --create\` in the project)`);
    }
    const { created } = await ensureIndex(this.options.search, this.index, this.schema.mapping, this.options.settings);
    this.created = created;
    if (created) await this.rewindGroup();
    await this.deadLetter.start();
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [this.topic], fromBeginning: true });
    await this.consumer.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch: (p) => this.eachBatch(p) });
  }

  /** A new index starts empty: the group reads the topic again from its beginning, whatever it committed before. */
  private async rewindGroup(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const committed = await admin.fetchOffsets({ groupId: this.options.groupId, topics: [this.topic] });
      if (committed.every((t) => t.partitions.every((p) => p.offset === '-1'))) return;
      await admin.resetOffsets({ groupId: this.options.groupId, topic: this.topic, earliest: true });
    } catch (error) {
      throw new UnilogError(
        'INVALID_CONFIG',
        `index '${this.index}' was created, but group '${this.options.groupId}' could not be rewound to the beginning of '${this.topic}' (${messageOf(error)}); stop every instance of the indexer, then start one`,
        { cause: error },
      );
    } finally {
      await admin.disconnect();
    }
  }

  private async eachBatch(p: EachBatchPayload): Promise<void> {
    const { batch } = p;
    const state: BatchState = { ops: [], current: undefined };
    this.batches.set(batch.partition, state);
    let last: string | undefined;
    const started = Date.now();
    try {
      for (const message of batch.messages) {
        if (!p.isRunning() || p.isStale() || this.abort.signal.aborted) return;
        state.current = message;
        let outcome = this.processor.process(message, batch.partition, p.heartbeat);
        if (typeof outcome !== 'string') outcome = await outcome;
        if (outcome === STOPPED) return;
        last = message.offset;
      }
      if (state.ops.length) {
        const result = await writeBulk(this.options.search, this.index, state.ops, (failures, cause) => this.backoff(failures, cause, p));
        if (!result) return;
        for (const r of result.rejected) await this.rejected(r.op.ref, batch.partition, r.reason);
        this.options.onBulk?.({
          partition: batch.partition, records: state.ops.length, indexed: result.indexed, deleted: result.deleted, stale: result.stale,
          rejected: result.rejected.length, requests: result.requests, ms: Date.now() - started,
        });
      }
    } catch (error) {
      if (error instanceof UnilogError && !error.retriable) return this.fail(error);
      throw error;
    } finally {
      this.batches.delete(batch.partition);
    }
    if (last === undefined) return;
    p.resolveOffset(last);
    // With autoCommit off, kafkajs commits only the offsets it is given: without them it waits for an autoCommitInterval
    // or autoCommitThreshold, which are unset, and nothing is ever committed.
    await p.commitOffsetsIfNecessary(p.uncommittedOffsets());
    this.lag.set(batch.partition, Math.max(0, Number(batch.highWatermark) - Number(last) - 1));
  }

  private async backoff(failures: number, cause: string, p: EachBatchPayload): Promise<boolean> {
    this.options.onRetry?.({ failures, cause });
    if (!(await sleep(backoffDelay(this.retry, failures), this.abort.signal))) return false;
    await p.heartbeat();
    return p.isRunning();
  }

  private async rejected(message: KafkaMessage, partition: number, reason: string): Promise<void> {
    const error = new UnilogError('DOCUMENT_REJECTED', `index '${this.index}' refused the document of ${this.topic}[${partition}]@${message.offset}: ${reason}`);
    await this.deadLetter.write(message, partition, { error, code: error.code, attempts: 1 });
    this.options.onDeadLetter?.({
      topic: this.topic, partition, offset: message.offset, deadLetterTopic: this.deadLetter.topic, code: error.code, error, attempts: 1,
    });
  }

  /** Stops consuming for good; nothing of the batch in hand is committed. Called from inside a batch, so not awaited. */
  private fail(error: unknown): void {
    this.failure ??= error;
    this.options.onFailed?.(error);
    setImmediate(() => void this.stop());
  }

  stats(): IndexerStats {
    return { index: this.index, created: this.created, lag: this.lag, failure: this.failure };
  }

  stop(): Promise<void> {
    this.stopping ??= (async () => {
      this.abort.abort();
      await this.consumer.stop();
      await this.consumer.disconnect();
      await this.deadLetter.stop();
    })();
    return this.stopping;
  }
}

export function createIndexer<K, KI, V, VI>(kafka: Kafka, topic: Topic<K, KI, V, VI>, options: IndexerOptions<K>): Indexer {
  return new TopicIndexer(kafka, topic, options);
}
