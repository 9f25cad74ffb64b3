/**
 * The dead-letter topic of a consumer (default `<topic>.dlq`, created when missing): a record the handler could not
 * process, or that could not be decoded, is written there with its original key and value bytes and headers, plus
 * headers saying why and where it came from.
 */
import type { IHeaders, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { messageOf, UnilogError } from '../errors.js';
import { ensureTopics } from './admin.js';

export const DEAD_LETTER_HEADERS = {
  error: 'unilog-error',
  errorCode: 'unilog-error-code',
  topic: 'unilog-original-topic',
  partition: 'unilog-original-partition',
  offset: 'unilog-original-offset',
  attempts: 'unilog-attempts',
} as const;

export interface DeadLetterOptions {
  /** Default `<topic>.dlq`. */
  readonly topic?: string;
}

export interface DeadLetter {
  readonly error: unknown;
  readonly code: string;
  /** Handler calls made (0 when the record could not be decoded). */
  readonly attempts: number;
}

export function deadLetterTopicOf(topic: string, options: DeadLetterOptions = {}): string {
  return options.topic ?? `${topic}.dlq`;
}

/** The headers of a dead letter: the original ones, then ours (which win over any of the same name). */
export function deadLetterHeaders(original: IHeaders | undefined, source: { topic: string; partition: number; offset: string }, letter: DeadLetter): IHeaders {
  return {
    ...original,
    [DEAD_LETTER_HEADERS.error]: messageOf(letter.error).slice(0, 4096),
    [DEAD_LETTER_HEADERS.errorCode]: letter.code,
    [DEAD_LETTER_HEADERS.topic]: source.topic,
    [DEAD_LETTER_HEADERS.partition]: String(source.partition),
    [DEAD_LETTER_HEADERS.offset]: source.offset,
    [DEAD_LETTER_HEADERS.attempts]: String(letter.attempts),
  };
}

export class DeadLetterWriter {
  private readonly producer: Producer;

  constructor(
    private readonly kafka: Kafka,
    readonly sourceTopic: string,
    readonly topic: string,
    private readonly partitions: number,
  ) {
    this.producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
  }

  /** Creates the topic when missing (same partition count as the source, cleanup delete) and connects. */
  async start(): Promise<void> {
    await ensureTopics(this.kafka, [{ name: this.topic, partitions: this.partitions, cleanupPolicy: 'delete' }]);
    await this.producer.connect();
  }

  async write(message: KafkaMessage, partition: number, letter: DeadLetter): Promise<void> {
    try {
      await this.producer.send({
        topic: this.topic,
        acks: -1,
        messages: [
          {
            key: message.key,
            value: message.value,
            headers: deadLetterHeaders(message.headers, { topic: this.sourceTopic, partition, offset: message.offset }, letter),
          },
        ],
      });
    } catch (error) {
      throw new UnilogError(
        'DEAD_LETTER_FAILED',
        `could not write ${this.sourceTopic}[${partition}]@${message.offset} to dead-letter topic '${this.topic}': ${messageOf(error)}`,
        { cause: error },
      );
    }
  }

  async stop(): Promise<void> {
    await this.producer.disconnect();
  }
}
