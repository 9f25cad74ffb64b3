/** Kafka layer: typed producer and consumer, dead letters, retry, replay, topic admin, Java-compatible partitioning. */
export { createProducer, type ProducerOptions, type ProducerRecord, type PartitionAck, type TypedProducer } from './producer.js';
export { createBytesProducer, type BytesProducer, type BytesProducerOptions, type BytesRecord, type RecordOffset } from './bytes-producer.js';
export type { PartitionOffset } from './acknowledged-send.js';
export { createConsumer, type ConsumerOptions, type TypedConsumer } from './consumer.js';
export type { ConsumedRecord, RecordHandler, DeadLetterEvent } from './consumed-record.js';
export { DEAD_LETTER_HEADERS, deadLetterTopicOf, deadLetterHeaders, type DeadLetterOptions } from './dead-letter.js';
export { DEFAULT_RETRY, backoffDelay, normaliseRetry, type RetryOptions, type RetryPolicy } from './backoff.js';
export { replay, type Replay, type ReplayOptions, type CaughtUp } from './replay.js';
export {
  ensureTopics,
  topicDrift,
  describeDrift,
  type TopicSpec,
  type TopicSpecs,
  type TopicDrift,
  type EnsureTopicsOptions,
  type EnsureTopicsResult,
} from './admin.js';
export { murmur2, toPositive, partitionForKey, JavaCompatiblePartitioner } from './partition.js';
export { stopOnSignals, type Stoppable, type StopOnSignalsOptions } from './signals.js';
