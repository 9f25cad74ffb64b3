// One produce request, whatever its API: the topic's partitions checked on the cluster, the schemas resolved, every
// record read and encoded, and only then one send, which resolves when Kafka acknowledged every record (idempotent,
// acks=all, unacknowledged partitions sent again: unilog's createBytesProducer).
import type { AnyTopic, BytesProducer, BytesRecord, RecordOffset } from 'unilog/runtime';
import type { CatalogTopics } from './catalog-topics.js';
import { ProxyError } from './errors.js';
import { encodeRecords, type RequestRecord } from './records.js';
import type { SchemaRef, TopicSchemas, WriterSchema } from './schemas.js';

export interface ProduceDeps {
  readonly topics: CatalogTopics;
  readonly schemas: TopicSchemas;
  readonly producer: BytesProducer;
}

export interface Produced {
  readonly key: WriterSchema;
  readonly value: WriterSchema;
  /** One per record, in request order. */
  readonly offsets: readonly RecordOffset[];
  /** What was written, in request order. */
  readonly records: readonly BytesRecord[];
}

export interface SchemaRefs {
  readonly key: SchemaRef;
  readonly value: SchemaRef;
  /** How the request calls them, for messages: `key_schema_id`, `key.schema_id` … */
  readonly keyField: string;
  readonly valueField: string;
}

export async function produce(deps: ProduceDeps, topic: AnyTopic, refs: SchemaRefs, records: readonly RequestRecord[]): Promise<Produced> {
  const partitions = records.flatMap((r) => (r.partition === undefined ? [] : [{ at: r.at || 'partition_id', partition: r.partition }]));
  await deps.topics.partitionCount(topic); // 40401 now, rather than kafkajs retrying a topic that is not there
  await deps.topics.checkPartitions(topic, partitions);
  const [key, value] = await Promise.all([
    deps.schemas.resolve(topic, 'key', refs.key, refs.keyField),
    deps.schemas.resolve(topic, 'value', refs.value, refs.valueField),
  ]);
  const encoded = encodeRecords(topic, records, key, value);
  try {
    return { key, value, records: encoded, offsets: await deps.producer.sendWithOffsets(topic.name, encoded) };
  } catch (error) {
    throw sendError(topic, error);
  }
}

function sendError(topic: AnyTopic, error: unknown): ProxyError {
  const e = error as { name?: unknown; retriable?: unknown; message?: unknown };
  const message = `topic ${topic.name}: ${typeof e.message === 'string' ? e.message : String(error)}`;
  // A protocol error the broker says retrying cannot fix (a record too large, a policy violation) is final.
  if (e.name === 'KafkaJSProtocolError' && e.retriable === false) return new ProxyError(50002, message, { cause: error });
  return new ProxyError(50302, message, { cause: error });
}
