/**
 * `unilog/runtime`: what generated code, services and users' own code import at run time. Only the names below are
 * public (pinned by api/unilog.api.md); the layer folders' index files hold more, for the runtime itself and its tests.
 * Layers import downward only: codec → topic → errors → registry → kafka (→ service).
 */
export { createCodec, CodecError, CODEC_ERROR_CODES, avroJsonReader, AVRO_JSON_CODEC_OPTIONS } from './codec/index.js';
export type {
  Codec,
  Decoder,
  CodecErrorCode,
  CodecIssue,
  CodecOptions,
  LongMode,
  LogicalTypeName,
  LogicalMapping,
  NamedSchemaLookup,
  AvroJsonReader,
  AvroJsonResult,
  AvroPrimitiveName,
  AvroField,
  AvroRecordSchema,
  AvroEnumSchema,
  AvroFixedSchema,
  AvroArraySchema,
  AvroMapSchema,
  AvroAnnotatedSchema,
  AvroSchema,
} from './codec/index.js';
export {
  defineTopic,
  type Topic,
  type AnyTopic,
  type KeyOf,
  type KeyInputOf,
  type ValueOf,
  type ValueInputOf,
  type Visibility,
  type CleanupPolicy,
  type CompatibilityLevel,
} from './topic.js';
export { UnilogError, RUNTIME_ERROR_CODES, type RuntimeErrorCode } from './errors.js';
export { createSchemaRegistry } from './registry/index.js';
export type {
  SchemaRegistry,
  TopicSerdes,
  Serde,
  RegistryOptions,
  SchemaPolicy,
  SubjectContext,
  SubjectNameStrategy,
  SubjectRole,
  SubjectStrategyName,
} from './registry/index.js';
export {
  createProducer,
  createBytesProducer,
  createConsumer,
  replay,
  ensureTopics,
  topicDrift,
  describeDrift,
  stopOnSignals,
  partitionForKey,
  JavaCompatiblePartitioner,
  DEAD_LETTER_HEADERS,
  DEFAULT_RETRY,
} from './kafka/index.js';
export type {
  ProducerOptions,
  BytesProducer,
  BytesProducerOptions,
  BytesRecord,
  RecordOffset,
  PartitionOffset,
  ProducerRecord,
  PartitionAck,
  TypedProducer,
  ConsumerOptions,
  TypedConsumer,
  ConsumedRecord,
  RecordHandler,
  DeadLetterEvent,
  DeadLetterOptions,
  RetryOptions,
  Replay,
  ReplayOptions,
  CaughtUp,
  TopicSpec,
  TopicSpecs,
  TopicDrift,
  EnsureTopicsOptions,
  EnsureTopicsResult,
  Stoppable,
  StopOnSignalsOptions,
} from './kafka/index.js';
export {
  createJoin,
  bindJoin,
  defineTableJoin,
  defineStreamTableJoin,
  CoPartitionedAssigner,
  CO_PARTITIONED_ASSIGNER,
  JOIN_GUARANTEES,
} from './join/index.js';
export type { JoinGuarantee, JoinMode, TableJoin, TableJoinFunction, StreamTableJoin, StreamTableJoinFunction, ViaTopic, JoinRunner, JoinOptions, JoinStats, RestoredEvent, BoundJoin } from './join/index.js';
