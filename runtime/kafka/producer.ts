/**
 * The typed producer of one topic: records typed by the topic's write types, keys and values framed with registry ids,
 * keys partitioned as the Java client does. Idempotent with acks=all by default. After the warm-up (`connect()`, or
 * the first send) encoding is synchronous: one `await` per send, the broker's acknowledgement.
 *
 * Each send is a `send <topic>` span (OpenTelemetry, a no-op without an SDK), child of the active context (the HTTP
 * request or the consumed record being handled), and its context goes with every record as `traceparent` headers.
 */
import { context, INVALID_SPAN_CONTEXT, SpanKind, trace as traceApi } from '@opentelemetry/api';
import type { IHeaders, Kafka, Message, Producer } from 'kafkajs';
import { isCodecError, UnilogError } from '../errors.js';
import type { SchemaRegistry, TopicSerdes } from '../registry/index.js';
import type { Topic } from '../topic.js';
import { traceHeaders } from '../tracing/kafka-headers.js';
import { MESSAGING, sendAttributes } from '../tracing/messaging.js';
import { failSpan, tracer } from '../tracing/tracer.js';
import { kafkaProducer, sendMessages, type BytesProducerOptions } from './bytes-producer.js';

export interface ProducerRecord<KeyInput, ValueInput> {
  readonly key: KeyInput;
  /** `null` is a tombstone, allowed on compacted topics only. */
  readonly value: ValueInput | null;
  readonly headers?: IHeaders;
  /** Overrides the key's partition. */
  readonly partition?: number;
  /** Default: the broker's or the producer's clock, per the topic's `message.timestamp.type`. */
  readonly timestamp?: Date | number;
}

/**
 * Where a send landed: for `sendBatch`, one entry per partition written (in partition order), with the offset of its
 * first record. A send resolves only once every partition written is acknowledged; otherwise it rejects
 * (`SEND_NOT_ACKNOWLEDGED` when some were). With acks 0 the broker acknowledges nothing: `send` answers partition -1,
 * offset '-1', and `sendBatch` [].
 */
export interface PartitionAck {
  readonly partition: number;
  readonly baseOffset: string;
}

const PRODUCER = { kind: SpanKind.PRODUCER } as const;

const NO_ACK: PartitionAck = Object.freeze({ partition: -1, baseOffset: '-1' });

export interface ProducerOptions extends BytesProducerOptions {
  readonly registry: SchemaRegistry;
}

export interface TypedProducer<KeyInput, ValueInput> {
  readonly topic: string;
  /** Connects to the broker and resolves the key and value schema ids. `send` calls it when needed. */
  connect(): Promise<void>;
  send(record: ProducerRecord<KeyInput, ValueInput>): Promise<PartitionAck>;
  /** All records, in order per partition (kafkajs sends of at most 2,000, one after another: send-chunks.ts). */
  sendBatch(records: readonly ProducerRecord<KeyInput, ValueInput>[]): Promise<PartitionAck[]>;
  disconnect(): Promise<void>;
}

class TopicProducer<K, KI, V, VI> implements TypedProducer<KI, VI> {
  readonly topic: string;
  private readonly producer: Producer;
  private readonly serdes: TopicSerdes<K, KI, V, VI>;
  private connecting: Promise<void> | undefined;
  private ready = false;

  constructor(
    kafka: Kafka,
    private readonly def: Topic<K, KI, V, VI>,
    private readonly options: ProducerOptions,
  ) {
    this.topic = def.name;
    this.producer = kafkaProducer(kafka, options, def.name);
    this.serdes = options.registry.topicSerdes(def);
  }

  connect(): Promise<void> {
    this.connecting ??= Promise.all([this.producer.connect(), this.serdes.key.prepare(), this.serdes.value.prepare()]).then(
      () => void (this.ready = true),
      (error: unknown) => {
        this.connecting = undefined;
        throw error;
      },
    );
    return this.connecting;
  }

  async send(record: ProducerRecord<KI, VI>): Promise<PartitionAck> {
    const acks = await this.sendBatch([record]);
    return acks[0] ?? NO_ACK;
  }

  async sendBatch(records: readonly ProducerRecord<KI, VI>[]): Promise<PartitionAck[]> {
    if (records.length === 0) return [];
    const span = tracer().startSpan(`send ${this.topic}`, PRODUCER);
    // Without an SDK the span is the API's no-op, with nothing to describe or pass on: a send allocates nothing here.
    if (span.isRecording()) span.setAttributes(sendAttributes(this.topic, records.length));
    const trace = span.isRecording() || span.spanContext() !== INVALID_SPAN_CONTEXT ? traceHeaders(traceApi.setSpan(context.active(), span)) : undefined;
    try {
      const acks = await this.sendRecords(records, trace);
      if (acks.length === 1 && span.isRecording()) {
        span.setAttribute(MESSAGING.partition, String(acks[0]!.partition));
        if (records.length === 1) span.setAttribute(MESSAGING.offset, Number(acks[0]!.baseOffset));
      }
      return acks;
    } catch (error) {
      failSpan(span, error);
      throw error;
    } finally {
      span.end();
    }
  }

  private async sendRecords(records: readonly ProducerRecord<KI, VI>[], trace: Record<string, string> | undefined): Promise<PartitionAck[]> {
    if (!this.ready) await this.connect();
    const messages = new Array<Message>(records.length);
    for (let i = 0; i < records.length; i++) messages[i] = this.message(records[i]!, i, records.length, trace);
    return sendMessages(this.producer, this.topic, messages, this.options);
  }

  private message(record: ProducerRecord<KI, VI>, index: number, count: number, trace: Record<string, string> | undefined): Message {
    const where = count > 1 ? `topic '${this.topic}', record ${index}` : `topic '${this.topic}'`;
    if (record.value === null && this.def.cleanupPolicy !== 'compact') {
      throw new UnilogError('TOMBSTONE_NOT_ALLOWED', `${where}: a null value (tombstone) needs cleanup policy 'compact', and this topic's is '${this.def.cleanupPolicy}'`);
    }
    let key: Buffer;
    let value: Buffer | null;
    try {
      key = this.serdes.key.encode(record.key);
    } catch (error) {
      throw invalid(`${where}: key`, error);
    }
    try {
      value = record.value === null ? null : this.serdes.value.encode(record.value);
    } catch (error) {
      throw invalid(`${where}: value`, error);
    }
    const ts = record.timestamp;
    return {
      key,
      value,
      // The record's own headers are the caller's object: copied, never changed.
      headers: trace ? { ...record.headers, ...trace } : record.headers,
      partition: record.partition,
      timestamp: ts === undefined ? undefined : String(typeof ts === 'number' ? ts : ts.getTime()),
    };
  }

  async disconnect(): Promise<void> {
    this.ready = false;
    this.connecting = undefined;
    await this.producer.disconnect();
  }
}

function invalid(where: string, error: unknown): unknown {
  return isCodecError(error) ? new UnilogError('INVALID_RECORD', `${where}: ${error.message}`, { cause: error }) : error;
}

export function createProducer<K, KI, V, VI>(kafka: Kafka, topic: Topic<K, KI, V, VI>, options: ProducerOptions): TypedProducer<KI, VI> {
  return new TopicProducer(kafka, topic, options);
}
