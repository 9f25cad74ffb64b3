/**
 * `sendAcknowledged` with a scripted `send` (the typed producer through a kafkajs-like fake is in
 * producer-acks.test.ts): which result entries count as acknowledgements, and what the rejection says.
 */
import { describe, expect, test } from 'vitest';
import type { Message, RecordMetadata } from 'kafkajs';
import { sendAcknowledged } from '../../runtime/kafka/acknowledged-send.js';

const on = (...partitions: number[]): Message[] => partitions.map((partition) => ({ key: null, value: null, partition }));
const entry = (topicName: string, partition: number, baseOffset: string): RecordMetadata => ({ topicName, partition, errorCode: 0, baseOffset });

describe('sendAcknowledged', () => {
  test('an entry of another topic is no acknowledgement: its partition is sent again', async () => {
    const sends: Message[][] = [];
    const answers = [[entry('other', 1, '5'), entry('t', 0, '3')], [entry('t', 1, '9')]];
    const acks = await sendAcknowledged('t', on(0, 1), async (m) => (sends.push(m), answers.shift()!));
    expect(acks).toEqual([{ partition: 0, baseOffset: '3' }, { partition: 1, baseOffset: '9' }]);
    expect(sends.map((s) => s.map((m) => m.partition))).toEqual([[0, 1], [1]]);
  });

  test('nothing ever acknowledged: SEND_NOT_ACKNOWLEDGED names every partition, in numeric order', async () => {
    let calls = 0;
    const error = (await sendAcknowledged('t', on(10, 2, 9, 2), async () => (calls++, [])).catch((e: unknown) => e)) as Error & { code: string };
    expect(error).toMatchObject({
      code: 'SEND_NOT_ACKNOWLEDGED',
      message: "topic 't': 4 record(s) of partition(s) 2, 9, 10 not acknowledged (still missing from the result after 3 resends); no partition was acknowledged",
    });
    expect(error.cause).toBeUndefined();
    expect(calls).toBe(4);
  });

  test('a message left without a partition by a resolved send (the partitioner was not called) is a bug, and says so', async () => {
    await expect(sendAcknowledged('t', [{ key: null, value: null }], async () => [])).rejects.toThrow(
      'sendAcknowledged: a message has no partition after a resolved send (partitioner not called)',
    );
  });

  test('an entry without baseOffset: its offset, else -1', async () => {
    const answer: RecordMetadata[] = [{ topicName: 't', partition: 0, errorCode: 0, offset: '4' }, { topicName: 't', partition: 1, errorCode: 0 }];
    expect(await sendAcknowledged('t', on(0, 1), async () => answer)).toEqual([{ partition: 0, baseOffset: '4' }, { partition: 1, baseOffset: '-1' }]);
  });

  test('a message whose partition is null after a resolved send is the same bug', async () => {
    await expect(sendAcknowledged('t', [{ key: null, value: null, partition: null as unknown as number }], async () => [])).rejects.toThrow(
      'sendAcknowledged: a message has no partition after a resolved send',
    );
  });
});
