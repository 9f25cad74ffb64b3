/**
 * A producer of records already serialised (framed Avro keys and values), to any topic: what a typed producer sends
 * through, and what a proxy uses when its callers bring their own schema ids. One kafkajs producer, idempotent with
 * acks=all by default, keys partitioned as the Java client does, every send resolved only for acknowledged records
 * (acknowledged-send.ts).
 */
import type { CompressionTypes, IHeaders, Kafka, Message, Producer, ProducerConfig } from 'kafkajs';
import { UnilogError } from '../errors.js';
import { ACK_RESENDS, pinningPartitioner, sendAcknowledged, type PartitionOffset } from './acknowledged-send.js';
import { JavaCompatiblePartitioner } from './partition.js';
import { chunks, SEND_CHUNK } from './send-chunks.js';

export interface BytesProducerOptions {
  /** -1 (all in-sync replicas, default), 1 (leader) or 0 (none). An idempotent producer needs -1. */
  readonly acks?: -1 | 0 | 1;
  /** Default true: the broker drops duplicates of a retried batch. */
  readonly idempotent?: boolean;
  readonly compression?: CompressionTypes;
  /** How long the broker may take to acknowledge, default 30,000 ms (kafkajs `timeout`). */
  readonly ackTimeoutMs?: number;
  /**
   * Called before records are sent again because a resolved send left their partitions out of its result (kafkajs's
   * lost-acknowledgement bug, acknowledged-send.ts), with the topic and the number of records; a service counts these.
   */
  readonly onResend?: (topic: string, records: number) => void;
  /** Passed to `kafka.producer()`; unilog sets `idempotent` and the partitioner. */
  readonly producerConfig?: Omit<ProducerConfig, 'idempotent' | 'createPartitioner'>;
}

export interface BytesRecord {
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers?: IHeaders;
  /** Overrides the key's partition. */
  readonly partition?: number;
  /** Milliseconds since the epoch; default: the broker's or the producer's clock. */
  readonly timestamp?: number;
}

/** Where one record of a batch landed. */
export interface RecordOffset {
  readonly partition: number;
  /** The record's offset, as a decimal string (offsets are int64). */
  readonly offset: string;
}

export interface BytesProducer {
  connect(): Promise<void>;
  /**
   * Sends the records (in kafkajs sends of at most 2,000, one after another); resolves once all are acknowledged, with
   * each partition's first offset written (acks 0: []).
   */
  send(topic: string, records: readonly BytesRecord[]): Promise<PartitionOffset[]>;
  /** As `send`, and says where each record landed (acks -1 or 1 only), in the order given. */
  sendWithOffsets(topic: string, records: readonly BytesRecord[]): Promise<RecordOffset[]>;
  disconnect(): Promise<void>;
}

/** The kafkajs producer every unilog producer is: idempotent, one request in flight, pinned partitions. */
export function kafkaProducer(kafka: Kafka, options: BytesProducerOptions, what: string): Producer {
  const idempotent = options.idempotent ?? true;
  const acks = options.acks ?? -1;
  if (idempotent && acks !== -1) {
    throw new UnilogError('INVALID_CONFIG', `producer '${what}': an idempotent producer needs acks -1 (all), found ${acks}`);
  }
  return kafka.producer({
    allowAutoTopicCreation: false,
    maxInFlightRequests: idempotent ? 1 : undefined,
    ...options.producerConfig,
    idempotent,
    // Pinned: a record sent again goes to the partition it was first given (see acknowledged-send.ts).
    createPartitioner: pinningPartitioner(JavaCompatiblePartitioner),
  });
}

/**
 * Sends `messages` to `topic` through `producer`, acknowledged as acknowledged-send.ts says, in kafkajs sends of at
 * most SEND_CHUNK records (send-chunks.ts), one after another; resolves with each partition's first offset written.
 */
export async function sendMessages(producer: Producer, topic: string, messages: Message[], options: BytesProducerOptions): Promise<PartitionOffset[]> {
  if (messages.length <= SEND_CHUNK) return sendChunk(producer, topic, messages, options);
  const first = new Map<number, string>();
  for (const chunk of chunks(messages)) {
    for (const a of await sendChunk(producer, topic, chunk, options)) if (!first.has(a.partition)) first.set(a.partition, a.baseOffset);
  }
  return [...first].sort(([a], [b]) => a - b).map(([partition, baseOffset]) => ({ partition, baseOffset }));
}

/** One kafkajs send: a partition's records in it are written together and in order. */
function sendChunk(producer: Producer, topic: string, messages: Message[], options: BytesProducerOptions): Promise<PartitionOffset[]> {
  const acks = options.acks ?? -1;
  const send = (batch: Message[]) => producer.send({ topic, messages: batch, acks, compression: options.compression, timeout: options.ackTimeoutMs });
  // With acks 0 there is no acknowledgement to check.
  if (acks === 0) return send(messages).then(() => []);
  return sendAcknowledged(topic, messages, send, ACK_RESENDS, options.onResend);
}

export function toMessage(record: BytesRecord): Message {
  return {
    key: record.key,
    value: record.value,
    headers: record.headers,
    partition: record.partition,
    timestamp: record.timestamp === undefined ? undefined : String(record.timestamp),
  };
}

export function createBytesProducer(kafka: Kafka, options: BytesProducerOptions = {}): BytesProducer {
  const producer = kafkaProducer(kafka, options, 'bytes');
  let connecting: Promise<void> | undefined;
  const connect = (): Promise<void> => {
    connecting ??= producer.connect().catch((error: unknown) => {
      connecting = undefined;
      throw error;
    });
    return connecting;
  };
  return {
    connect,
    async send(topic, records) {
      if (records.length === 0) return [];
      await connect();
      return sendMessages(producer, topic, records.map(toMessage), options);
    },
    async sendWithOffsets(topic, records) {
      if ((options.acks ?? -1) === 0) throw new UnilogError('INVALID_CONFIG', 'sendWithOffsets needs acks -1 or 1: with acks 0 nothing says where a record landed');
      if (records.length === 0) return [];
      await connect();
      const out: Array<{ partition: number; offset: string }> = [];
      for (const messages of chunks(records.map(toMessage))) {
        const acked = await sendChunk(producer, topic, messages, options);
        // A partition's records of one kafkajs send are written together and in order (one request in flight, and a
        // resend sends all of a partition's records again), so record i is its partition's base offset plus its rank.
        const next = new Map(acked.map((a) => [a.partition, BigInt(a.baseOffset)]));
        for (const m of messages) {
          const partition = m.partition!;
          const offset = next.get(partition)!;
          next.set(partition, offset + 1n);
          out.push({ partition, offset: offset.toString() });
        }
      }
      return out;
    },
    async disconnect() {
      connecting = undefined;
      await producer.disconnect();
    },
  };
}
