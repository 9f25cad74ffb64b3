/**
 * What happens to one consumed message: decode (loading unknown writer schemas first), call the handler, retry it with
 * backoff, and dead-letter it when every attempt failed or it cannot be decoded. Shared by the consumer and replay.
 *
 * `process` answers synchronously when it can (decoded with cached schemas, handler returned without a promise), so a
 * batch of such records costs no `await` per message.
 *
 * Each record is a `process <topic>` span (OpenTelemetry, a no-op without an SDK), child of the context its
 * `traceparent` header carries; the handler runs in it, so what the handler produces or calls continues the trace.
 */
import { context, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { KafkaMessage } from 'kafkajs';
import { errorCodeOf, messageOf, UnilogError } from '../errors.js';
import type { TopicSerdes } from '../registry/index.js';
import { backoffDelay, sleep, type RetryPolicy } from './backoff.js';
import type { ConsumedRecord, DeadLetterEvent, RecordHandler } from './consumed-record.js';
import type { DeadLetter, DeadLetterWriter } from './dead-letter.js';
import { startProcessSpan } from '../tracing/process-span.js';
import { failSpan } from '../tracing/tracer.js';

export const DONE = 'done';
/** The consumer is stopping: the record was not finished and must not be committed. */
export const STOPPED = 'stopped';
export type Outcome = typeof DONE | typeof STOPPED;

export interface ProcessorSettings<K, KI, V, VI> {
  readonly topic: string;
  /** The consumer group, for the spans' `messaging.consumer.group.name`. */
  readonly groupId?: string;
  readonly serdes: TopicSerdes<K, KI, V, VI>;
  readonly handler: RecordHandler<K, V>;
  readonly retry: RetryPolicy;
  readonly deadLetter: DeadLetterWriter | undefined;
  readonly onDeadLetter: ((event: DeadLetterEvent) => void) | undefined;
  /** Aborted when the consumer stops: backoff waits end at once. */
  readonly signal: AbortSignal;
}

type Heartbeat = () => Promise<void>;

function isThenable(x: unknown): x is PromiseLike<unknown> {
  return typeof x === 'object' && x !== null && typeof (x as { then?: unknown }).then === 'function';
}

export class RecordProcessor<K, KI, V, VI> {
  constructor(private readonly s: ProcessorSettings<K, KI, V, VI>) {}

  process(message: KafkaMessage, partition: number, heartbeat: Heartbeat): Outcome | Promise<Outcome> {
    const { span, context: inSpan } = startProcessSpan(this.s.topic, partition, message, this.s.groupId);
    let outcome: Outcome | Promise<Outcome>;
    try {
      outcome = context.with(inSpan, () => this.processInSpan(message, partition, heartbeat));
    } catch (error) {
      endSpan(span, error);
      throw error;
    }
    if (outcome === DONE || outcome === STOPPED) {
      span.end();
      return outcome;
    }
    return outcome.then(
      (o) => (span.end(), o),
      (error: unknown) => {
        endSpan(span, error);
        throw error;
      },
    );
  }

  private processInSpan(message: KafkaMessage, partition: number, heartbeat: Heartbeat): Outcome | Promise<Outcome> {
    let record: ConsumedRecord<K, V>;
    try {
      record = this.decode(message, partition);
    } catch (error) {
      // Met once per new writer id: fetch its schema, then decode again.
      if (error instanceof UnilogError && error.code === 'WRITER_SCHEMA_NOT_LOADED') return this.loadThenProcess(message, partition, heartbeat);
      return this.reject(message, partition, { error, code: errorCodeOf(error, 'UNDECODABLE_RECORD'), attempts: 0 });
    }
    let result: unknown;
    try {
      result = this.s.handler(record);
    } catch (error) {
      return this.retry(record, message, partition, heartbeat, error);
    }
    if (isThenable(result)) {
      return Promise.resolve(result).then(
        () => DONE,
        (error: unknown) => this.retry(record, message, partition, heartbeat, error),
      );
    }
    return DONE;
  }

  private decode(message: KafkaMessage, partition: number): ConsumedRecord<K, V> {
    if (message.key === null) {
      throw new UnilogError('KEY_MISSING', `${this.where(partition, message)}: the record has no key`);
    }
    const key = this.s.serdes.key.decode(message.key);
    const value = message.value === null ? null : this.s.serdes.value.decode(message.value);
    return {
      topic: this.s.topic,
      partition,
      offset: message.offset,
      timestamp: new Date(Number(message.timestamp)),
      key,
      value,
      headers: message.headers ?? {},
    };
  }

  /** Fetches the writer schemas a message needs; a registry outage is retried, an unknown or foreign schema is a dead letter. */
  private async loadThenProcess(message: KafkaMessage, partition: number, heartbeat: Heartbeat): Promise<Outcome> {
    const { key, value } = this.s.serdes;
    for (let failures = 1; ; failures++) {
      try {
        const k = message.key === null ? undefined : key.missingWriter(message.key);
        if (k !== undefined) await key.loadWriter(k);
        const v = message.value === null ? undefined : value.missingWriter(message.value);
        if (v !== undefined) await value.loadWriter(v);
        break;
      } catch (error) {
        if ((error as { retriable?: unknown }).retriable !== true) {
          return this.reject(message, partition, { error, code: errorCodeOf(error, 'UNDECODABLE_RECORD'), attempts: 0 });
        }
        if (failures >= this.s.retry.attempts) throw error;
        if (!(await sleep(backoffDelay(this.s.retry, failures), this.s.signal))) return STOPPED;
        await heartbeat();
      }
    }
    return this.processInSpan(message, partition, heartbeat);
  }

  private async retry(record: ConsumedRecord<K, V>, message: KafkaMessage, partition: number, heartbeat: Heartbeat, first: unknown): Promise<Outcome> {
    let error = first;
    for (let failures = 1; failures < this.s.retry.attempts; failures++) {
      if (!(await sleep(backoffDelay(this.s.retry, failures), this.s.signal))) return STOPPED;
      await heartbeat();
      try {
        await this.s.handler(record);
        return DONE;
      } catch (e) {
        error = e;
      }
    }
    return this.reject(message, partition, { error, code: errorCodeOf(error, 'HANDLER_FAILED'), attempts: this.s.retry.attempts });
  }

  private async reject(message: KafkaMessage, partition: number, letter: DeadLetter): Promise<Outcome> {
    const dlq = this.s.deadLetter;
    if (!dlq) {
      const where = this.where(partition, message);
      throw letter.attempts === 0
        ? new UnilogError('UNDECODABLE_RECORD', `${where}: cannot decode (${letter.code}): ${messageOf(letter.error)}`, { cause: letter.error })
        : new UnilogError('HANDLER_FAILED', `${where}: the handler failed ${letter.attempts} time(s): ${messageOf(letter.error)}`, { cause: letter.error });
    }
    // The span of this record says why it failed; the dead letter keeps the record's headers, its trace context too.
    const span = trace.getActiveSpan();
    if (span?.isRecording()) {
      span.recordException(letter.error instanceof Error ? letter.error : String(letter.error));
      span.setStatus({ code: SpanStatusCode.ERROR, message: `dead-lettered to ${dlq.topic} (${letter.code})` });
    }
    await dlq.write(message, partition, letter);
    this.s.onDeadLetter?.({
      topic: this.s.topic,
      partition,
      offset: message.offset,
      deadLetterTopic: dlq.topic,
      code: letter.code,
      error: letter.error,
      attempts: letter.attempts,
    });
    return DONE;
  }

  private where(partition: number, message: KafkaMessage): string {
    return `${this.s.topic}[${partition}]@${message.offset}`;
  }
}

function endSpan(span: Span, error: unknown): void {
  failSpan(span, error);
  span.end();
}
