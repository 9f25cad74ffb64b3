/**
 * The dead-letter writer over the in-process kafkajs fake (test/runtime/fake-kafka.ts): the topic it creates, the
 * record it writes (original key, value and headers, plus why and where from), and a write that fails. Through a
 * consumer against a real broker: test/integration/runtime-consumer.test.ts.
 */
import { describe, expect, test } from 'vitest';
import { DEAD_LETTER_HEADERS, DeadLetterWriter, deadLetterHeaders, deadLetterTopicOf } from '../../runtime/kafka/dead-letter.js';
import { FakeKafka, message } from './fake-kafka.js';

function writer() {
  const kafka = new FakeKafka();
  kafka.metadataAnswers.push(1);
  const dlq = new DeadLetterWriter(kafka.asKafka(), 'orders', 'orders.dlq', 4);
  return { kafka, dlq, producer: kafka.producers[0]! };
}

describe('dead letters', () => {
  test('the topic: <topic>.dlq unless named', () => {
    expect([deadLetterTopicOf('orders'), deadLetterTopicOf('orders', { topic: 'poison' })]).toEqual(['orders.dlq', 'poison']);
  });

  test('start creates the topic (the source’s partition count, cleanup delete) and connects an idempotent producer that creates no topic', async () => {
    const { kafka, dlq, producer } = writer();
    await dlq.start();
    expect(kafka.topics.get('orders.dlq')).toBe(4);
    expect(kafka.topicConfigs.get('orders.dlq')).toMatchObject({ 'cleanup.policy': 'delete' });
    expect(producer.config).toEqual({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    expect(producer.connected).toBe(true);
    await dlq.stop();
    expect(producer.connected).toBe(false);
  });

  test('a dead letter: original key, value and headers, plus the error, its code, where it came from and the attempts; acks all', async () => {
    const { dlq, producer } = writer();
    await dlq.start();
    const original = message(41, Buffer.from('k'), Buffer.from('v'));
    original.headers = { traceparent: 'tp', [DEAD_LETTER_HEADERS.attempts]: 'old' };
    await dlq.write(original, 2, { error: new Error('poison'), code: 'E_POISON', attempts: 3 });
    expect(producer.sent).toEqual([
      {
        topic: 'orders.dlq',
        acks: -1,
        messages: [
          {
            key: Buffer.from('k'),
            value: Buffer.from('v'),
            headers: {
              traceparent: 'tp',
              'unilog-error': 'poison',
              'unilog-error-code': 'E_POISON',
              'unilog-original-topic': 'orders',
              'unilog-original-partition': '2',
              'unilog-original-offset': '41',
              'unilog-attempts': '3',
            },
          },
        ],
      },
    ]);
  });

  test('the error header keeps the first 4,096 characters of a long message', () => {
    const headers = deadLetterHeaders(undefined, { topic: 't', partition: 0, offset: '0' }, { error: new Error('x'.repeat(5000)), code: 'C', attempts: 1 });
    expect(headers[DEAD_LETTER_HEADERS.error]).toBe('x'.repeat(4096));
  });

  test('a write that fails: DEAD_LETTER_FAILED naming the record and the topic, with the cause', async () => {
    const { dlq, producer } = writer();
    await dlq.start();
    const down = new Error('broker down');
    producer.failSends.push(down);
    const error = (await dlq.write(message(7, null, null), 1, { error: 'e', code: 'C', attempts: 0 }).catch((e: unknown) => e)) as Error & { code: string };
    expect(error).toMatchObject({ code: 'DEAD_LETTER_FAILED', message: "could not write orders[1]@7 to dead-letter topic 'orders.dlq': broker down" });
    expect(error.cause).toBe(down);
  });
});
