/**
 * The typed consumer of one topic, at least once: kafkajs auto-commit is off, and the offsets of a batch are committed
 * after its records were handled (or dead-lettered). A stop finishes the record in hand, commits, leaves the group and
 * disconnects; a record not finished by then is consumed again after a restart.
 */
import type { Consumer, ConsumerConfig, EachBatchPayload, Kafka } from 'kafkajs';
import { UnilogError } from '../errors.js';
import type { SchemaRegistry } from '../registry/index.js';
import type { Topic } from '../topic.js';
import { normaliseRetry, type RetryOptions } from './backoff.js';
import type { DeadLetterEvent, RecordHandler } from './consumed-record.js';
import { DeadLetterWriter, deadLetterTopicOf, type DeadLetterOptions } from './dead-letter.js';
import { DONE, RecordProcessor, STOPPED, type Outcome } from './record-processor.js';

export interface ConsumerOptions<Key, Value> {
  readonly groupId: string;
  readonly registry: SchemaRegistry;
  readonly handler: RecordHandler<Key, Value>;
  /** Where a group without committed offsets starts: true (default) the earliest offset, false the latest. */
  readonly fromBeginning?: boolean;
  /** Handler attempts and backoff; defaults in `DEFAULT_RETRY`. */
  readonly retry?: RetryOptions;
  /** Default `{}` (topic `<topic>.dlq`); `false`: no dead-letter topic, a record that keeps failing stops the consumer. */
  readonly deadLetter?: DeadLetterOptions | false;
  /** Partitions handled at the same time (order is kept within a partition), default 1. */
  readonly partitionsConsumedConcurrently?: number;
  /** Passed to `kafka.consumer()` (session timeout, fetch sizes, …). */
  readonly consumerConfig?: Omit<ConsumerConfig, 'groupId'>;
  readonly onDeadLetter?: (event: DeadLetterEvent) => void;
  /** The kafkajs consumer crashed (error unwrapped from kafkajs's retries-exceeded); `restart`: kafkajs restarts it. */
  readonly onCrash?: (error: unknown, restart: boolean) => void;
}

export interface TypedConsumer {
  readonly topic: string;
  readonly groupId: string;
  /** Connects, joins the group and starts consuming; resolves once the group is joined. */
  start(): Promise<void>;
  /** Stops fetching, finishes the record in hand, commits, leaves the group, disconnects. Idempotent. */
  stop(): Promise<void>;
}

/** Internal hooks for replay: no commits, and a look at each finished record and batch. */
export interface ConsumerHooks {
  readonly commit: boolean;
  readonly resolved?: (partition: number, offset: string) => void;
  readonly batchDone?: (partition: number, lastOffset: string) => void;
  /** A batch failed with `error`, before kafkajs wraps it (its wrappers keep only the message). */
  readonly failed?: (error: unknown) => void;
}

class TopicConsumer<K, KI, V, VI> implements TypedConsumer {
  readonly topic: string;
  readonly groupId: string;
  private readonly consumer: Consumer;
  private readonly deadLetter: DeadLetterWriter | undefined;
  private readonly processor: RecordProcessor<K, KI, V, VI>;
  private readonly abort = new AbortController();
  private stopping: Promise<void> | undefined;

  constructor(
    kafka: Kafka,
    topic: Topic<K, KI, V, VI>,
    private readonly options: ConsumerOptions<K, V>,
    private readonly hooks: ConsumerHooks,
  ) {
    if (!options.groupId) throw new UnilogError('INVALID_CONFIG', `consumer '${topic.name}': groupId is required`);
    this.topic = topic.name;
    this.groupId = options.groupId;
    this.consumer = kafka.consumer({ ...options.consumerConfig, groupId: options.groupId });
    this.deadLetter =
      options.deadLetter === false
        ? undefined
        : new DeadLetterWriter(kafka, topic.name, deadLetterTopicOf(topic.name, options.deadLetter), topic.partitions);
    this.processor = new RecordProcessor({
      topic: topic.name,
      groupId: options.groupId,
      serdes: options.registry.topicSerdes(topic),
      handler: options.handler,
      retry: normaliseRetry(options.retry),
      deadLetter: this.deadLetter,
      onDeadLetter: options.onDeadLetter,
      signal: this.abort.signal,
    });
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => options.onCrash?.(rootCause(payload.error), payload.restart));
  }

  async start(): Promise<void> {
    if (this.stopping) throw new UnilogError('INVALID_CONFIG', `consumer '${this.topic}' (group ${this.groupId}) was stopped; create a new one`);
    await this.deadLetter?.start();
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [this.topic], fromBeginning: this.options.fromBeginning ?? true });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
      eachBatch: (payload) => this.eachBatch(payload),
    });
  }

  private async eachBatch(p: EachBatchPayload): Promise<void> {
    const { batch } = p;
    const partition = batch.partition;
    // Nothing in unilog seeks, so a batch cannot go stale while it runs: checked once, not per message.
    let finished = !p.isStale();
    try {
      let beat = Date.now();
      let n = 0;
      for (const message of batch.messages) {
        if (!finished || !p.isRunning() || this.abort.signal.aborted) {
          finished = false;
          break;
        }
        let outcome: Outcome | Promise<Outcome> = this.processor.process(message, partition, p.heartbeat);
        const waited = outcome !== DONE;
        if (waited) outcome = await outcome;
        if (outcome === STOPPED) {
          finished = false;
          break;
        }
        p.resolveOffset(message.offset);
        this.hooks.resolved?.(partition, message.offset);
        // A record that was awaited may have taken long: look at the clock after it, else every 256 records.
        if ((waited || (++n & 255) === 0) && Date.now() - beat > 1000) {
          await p.heartbeat();
          beat = Date.now();
        }
      }
    } catch (error) {
      // Keep what was handled before the failure, then let kafkajs retry or crash.
      this.hooks.failed?.(error);
      if (this.hooks.commit) await p.commitOffsetsIfNecessary(p.uncommittedOffsets()).catch(() => undefined);
      throw error;
    }
    if (this.hooks.commit) await p.commitOffsetsIfNecessary(p.uncommittedOffsets());
    if (finished) this.hooks.batchDone?.(partition, batch.lastOffset());
  }

  stop(): Promise<void> {
    this.stopping ??= (async () => {
      this.abort.abort();
      await this.consumer.stop();
      await this.consumer.disconnect();
      await this.deadLetter?.stop();
    })();
    return this.stopping;
  }
}

/** The error under kafkajs's "retries exceeded" wrapper, which is what says what went wrong. */
function rootCause(error: unknown): unknown {
  let e = error;
  while (e instanceof Error && e.name === 'KafkaJSNumberOfRetriesExceeded' && e.cause !== undefined) e = e.cause;
  return e;
}

export function createTopicConsumer<K, KI, V, VI>(
  kafka: Kafka,
  topic: Topic<K, KI, V, VI>,
  options: ConsumerOptions<K, V>,
  hooks: ConsumerHooks,
): TypedConsumer {
  return new TopicConsumer(kafka, topic, options, hooks);
}

export function createConsumer<K, KI, V, VI>(kafka: Kafka, topic: Topic<K, KI, V, VI>, options: ConsumerOptions<K, V>): TypedConsumer {
  return new TopicConsumer(kafka, topic, options, { commit: true });
}
