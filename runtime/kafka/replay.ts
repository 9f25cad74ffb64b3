/**
 * Replay: read a topic from its earliest offset up to the high-watermarks taken at the start ("caught up"), then keep
 * consuming live. A fresh consumer group that never commits makes every replay start at the earliest offset. Built for
 * rebuilding state from a compacted topic: tombstones reach the handler as `value: null`.
 */
import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import { errorCodeOf, messageOf, UnilogError } from '../errors.js';
import type { Topic } from '../topic.js';
import { backoffDelay, normaliseRetry, sleep } from './backoff.js';
import { createTopicConsumer, type ConsumerOptions } from './consumer.js';

export interface ReplayOptions<Key, Value> extends Omit<ConsumerOptions<Key, Value>, 'groupId' | 'fromBeginning' | 'deadLetter'> {
  /** Default `unilog-replay-<topic>-<uuid>`: a new group each time. Give a fresh one if you choose it. */
  readonly groupId?: string;
  /**
   * A record that cannot be decoded, or that the handler keeps failing on. Default `{}`: written to the dead-letter topic
   * (`<topic>.dlq`) and the replay goes on, so one bad record cannot stop every service that replays the topic (each
   * replay writes it there again; its headers name the original topic, partition and offset). `false`: the replay
   * stops there, for state that must not be built without it; `caughtUp` rejects with REPLAY_STOPPED.
   */
  readonly deadLetter?: ConsumerOptions<Key, Value>['deadLetter'];
  readonly onCaughtUp?: (info: CaughtUp) => void;
}

export interface CaughtUp {
  /** Records handled before every partition reached its start high-watermark. */
  readonly records: number;
  /** The high-watermark of each partition when the replay started. */
  readonly highWatermarks: ReadonlyMap<number, string>;
  readonly ms: number;
}

export interface Replay {
  readonly groupId: string;
  /** Resolves when every partition reached its start high-watermark; rejects (REPLAY_STOPPED) if stopped before. */
  readonly caughtUp: Promise<CaughtUp>;
  /** Stops the live consumer. */
  stop(): Promise<void>;
}

const OFFSET_ATTEMPTS = 10;
const OFFSET_RETRY = normaliseRetry({ attempts: OFFSET_ATTEMPTS, initialDelayMs: 50, maxDelayMs: 2000 });

/**
 * Low and high watermarks of every partition. Retried while the broker answers with a retriable error: right after a
 * topic is created, a KRaft broker can name a leader in metadata and still answer NOT_LEADER_FOR_PARTITION to
 * ListOffsets, which kafkajs's admin does not retry.
 */
async function topicOffsets(kafka: Kafka, topic: string): Promise<Array<{ partition: number; high: string; low: string }>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    for (let failures = 1; ; failures++) {
      try {
        return await admin.fetchTopicOffsets(topic);
      } catch (error) {
        if ((error as { retriable?: unknown }).retriable !== true || failures >= OFFSET_ATTEMPTS) throw error;
        await sleep(backoffDelay(OFFSET_RETRY, failures));
      }
    }
  } finally {
    await admin.disconnect();
  }
}

export async function replay<K, KI, V, VI>(kafka: Kafka, topic: Topic<K, KI, V, VI>, options: ReplayOptions<K, V>): Promise<Replay> {
  const started = Date.now();
  const groupId = options.groupId ?? `unilog-replay-${topic.name}-${randomUUID()}`;
  const offsets = await topicOffsets(kafka, topic.name);

  const highWatermarks = new Map(offsets.map((o) => [o.partition, o.high]));
  const pending = new Map<number, number>();
  for (const o of offsets) if (Number(o.high) > Number(o.low)) pending.set(o.partition, Number(o.high));

  let records = 0;
  let lastFailure: unknown;
  let settle: { resolve: (c: CaughtUp) => void; reject: (e: unknown) => void } | undefined;
  const caughtUp = new Promise<CaughtUp>((resolve, reject) => (settle = { resolve, reject }));
  caughtUp.catch(() => undefined); // a replay nobody awaits must not crash the process with an unhandled rejection
  const check = (): void => {
    if (pending.size > 0 || !settle) return;
    const info: CaughtUp = { records, highWatermarks, ms: Date.now() - started };
    settle.resolve(info);
    settle = undefined;
    options.onCaughtUp?.(info);
  };
  const reached = (partition: number, offset: string): void => {
    const high = pending.get(partition);
    if (high !== undefined && Number(offset) + 1 >= high) {
      pending.delete(partition);
      check();
    }
  };

  const consumer = createTopicConsumer(
    kafka,
    topic,
    {
      ...options,
      groupId,
      fromBeginning: true,
      deadLetter: options.deadLetter ?? {},
      onCrash: (error, restart) => {
        options.onCrash?.(error, restart);
        if (!restart) settle?.reject(stoppedBy(lastFailure ?? error, topic.name, groupId));
      },
    },
    {
      commit: false,
      resolved: (partition, offset) => {
        if (settle) records++;
        reached(partition, offset);
      },
      // The last offsets of a batch may be records the handler never sees (compacted away, control records).
      batchDone: reached,
      failed: (error) => (lastFailure = error),
    },
  );
  await consumer.start();
  check();
  return {
    groupId,
    caughtUp,
    async stop() {
      settle?.reject(new UnilogError('REPLAY_STOPPED', `replay of '${topic.name}' (group ${groupId}) stopped before it caught up`));
      settle = undefined;
      await consumer.stop();
    },
  };
}

/** Why a replay died, as REPLAY_STOPPED with the cause kept, and what to do about a record that stopped it. */
function stoppedBy(error: unknown, topic: string, groupId: string): UnilogError {
  const code = errorCodeOf(error, 'UNKNOWN');
  const hint =
    code === 'UNDECODABLE_RECORD' || code === 'HANDLER_FAILED'
      ? ' (this replay has deadLetter: false; remove that option to dead-letter such a record and go on, or fix the record)'
      : '';
  return new UnilogError('REPLAY_STOPPED', `replay of '${topic}' (group ${groupId}) stopped before it caught up: ${messageOf(error)}${hint}`, {
    cause: error,
  });
}
