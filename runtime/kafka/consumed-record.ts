/** What a consumer handler receives: one record of a topic, decoded and typed by the topic's read types. */
import type { IHeaders } from 'kafkajs';

export interface ConsumedRecord<Key, Value> {
  readonly topic: string;
  readonly partition: number;
  /** int64 as a decimal string, as kafkajs gives it. */
  readonly offset: string;
  readonly timestamp: Date;
  readonly key: Key;
  /** `null` is a tombstone: the key was deleted (compacted topics). */
  readonly value: Value | null;
  readonly headers: IHeaders;
}

/** Returns (or resolves) when the record is done; throws (or rejects) to have it retried, then dead-lettered. */
export type RecordHandler<Key, Value> = (record: ConsumedRecord<Key, Value>) => void | Promise<void>;

/** Reported for every record written to the dead-letter topic. */
export interface DeadLetterEvent {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly deadLetterTopic: string;
  readonly code: string;
  readonly error: unknown;
  readonly attempts: number;
}
