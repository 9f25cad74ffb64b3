/**
 * A send resolves only for records the broker acknowledged. kafkajs 2.2.4 can resolve a send without some of its
 * partitions (`src/producer/sendMessages.js`, tulios/kafkajs#1303, open): its retries go only to brokers that have not
 * answered yet, so a partition whose leader moved to a broker that already answered is left out of the result, with
 * no error. Seen on a 3-broker cluster with `kill -9` of a leader: a send resolved while 34 of its records were never
 * written. Here the partitions in the result are compared with the partitions written, and the records of the missing
 * ones are sent again, to the same partitions (the idempotent producer keeps a resend from writing a record twice);
 * what still has no acknowledgement after that rejects with `SEND_NOT_ACKNOWLEDGED`.
 */
import type { ICustomPartitioner, Message, RecordMetadata } from 'kafkajs';
import { UnilogError } from '../errors.js';

/** How many times the records of unacknowledged partitions are sent again before the send rejects. */
export const ACK_RESENDS = 3;

export interface PartitionOffset {
  readonly partition: number;
  readonly baseOffset: string;
}

/**
 * Wraps a partitioner so that the partition it picks is written on the message: a message sent again (by kafkajs's
 * retry or by `sendAcknowledged`) goes to the partition it was first given, even if the partition count or the set of
 * partitions with a leader changed in between, and `sendAcknowledged` knows where every message went.
 */
export function pinningPartitioner(inner: ICustomPartitioner): ICustomPartitioner {
  return () => {
    const pick = inner();
    return (args) => {
      const message = args.message;
      if (message.partition === undefined || message.partition === null) message.partition = pick(args);
      return message.partition;
    };
  };
}

/**
 * Sends `messages` (which `send` routes through a `pinningPartitioner`) until every partition written has an
 * acknowledgement; resolves with one entry per partition, in partition order. An error of the first attempt passes
 * through unchanged (nothing is known to be written); an error or a still missing partition after a partial
 * acknowledgement rejects with `SEND_NOT_ACKNOWLEDGED`, naming what was and was not acknowledged. `onResend` hears of
 * every resend (a service counts them in `unilog_producer_resends_total`: kafkajs's bug at work, worth seeing).
 */
export async function sendAcknowledged(
  topic: string,
  messages: readonly Message[],
  send: (messages: Message[]) => Promise<RecordMetadata[]>,
  resends = ACK_RESENDS,
  onResend?: (topic: string, records: number) => void,
): Promise<PartitionOffset[]> {
  const acked = new Map<number, string>();
  let pending = [...messages];
  for (let attempt = 0; ; attempt++) {
    let results: RecordMetadata[];
    try {
      results = await send(pending);
    } catch (error) {
      if (attempt === 0) throw error;
      throw notAcknowledged(topic, acked, pending, `the resend failed: ${error instanceof Error ? error.message : String(error)}`, error);
    }
    for (const r of results) {
      if (r.topicName === topic && !acked.has(r.partition)) acked.set(r.partition, r.baseOffset ?? r.offset ?? '-1');
    }
    pending = pending.filter((m) => !acked.has(partitionOf(m)));
    if (pending.length === 0) {
      return [...acked].sort(([a], [b]) => a - b).map(([partition, baseOffset]) => ({ partition, baseOffset }));
    }
    if (attempt >= resends) throw notAcknowledged(topic, acked, pending, `still missing from the result after ${resends} resends`);
    onResend?.(topic, pending.length);
  }
}

function partitionOf(message: Message): number {
  const p = message.partition;
  // kafkajs calls the partitioner for every message it sends; a resolved send without one is a bug here or there.
  if (p === undefined || p === null) throw new Error('sendAcknowledged: a message has no partition after a resolved send (partitioner not called)');
  return p;
}

function notAcknowledged(topic: string, acked: Map<number, string>, pending: readonly Message[], why: string, cause?: unknown): UnilogError {
  const missing = [...new Set(pending.map(partitionOf))].sort((a, b) => a - b);
  const done = [...acked.keys()].sort((a, b) => a - b);
  return new UnilogError(
    'SEND_NOT_ACKNOWLEDGED',
    `topic '${topic}': ${pending.length} record(s) of partition(s) ${missing.join(', ')} not acknowledged (${why}); ` +
      (done.length > 0 ? `partition(s) ${done.join(', ')} were acknowledged, and their records written` : 'no partition was acknowledged'),
    cause === undefined ? {} : { cause },
  );
}
