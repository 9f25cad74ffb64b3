/**
 * kill -9 of a broker while a consumer group of two reads: nothing is lost; records handled twice (at least once:
 * offsets are committed after a batch, so a batch in hand when a partition moves is handled again) are counted.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createConsumer, type TypedConsumer } from '../../runtime/index.js';
import { busiestLeader, clusterKafka, fullyReplicated, killNode, startNode, unique, type NodeId } from './cluster.js';
import { clusterRegistry, idTopic, produceIds, until, type IdTopic } from './support.js';

const TOTAL = 30_000;
const kafka = clusterKafka();
const admin = kafka.admin();
let topic: IdTopic;

beforeAll(async () => {
  await admin.connect();
  topic = await idTopic(kafka, 'fault-group-read', 6);
  await produceIds(kafka, topic, TOTAL);
});
afterAll(async () => {
  await admin.disconnect();
});

test('kill -9 of the busiest leader while a group of two consumers reads 30,000 records: none lost, duplicates counted', async () => {
  const seen = new Map<number, number>();
  let handled = 0;
  const groupId = unique('fault-group');
  const crashes: string[] = [];
  const member = (): TypedConsumer =>
    createConsumer(kafka, topic, {
      groupId,
      registry: clusterRegistry(),
      deadLetter: false,
      consumerConfig: { sessionTimeout: 10_000, heartbeatInterval: 1000, rebalanceTimeout: 10_000, maxWaitTimeInMs: 100, maxBytesPerPartition: 16_384 },
      onCrash: (error, restart) => void crashes.push(`${(error as Error).name}${restart ? ' (restarted)' : ''}`),
      handler: async (record) => {
        seen.set(record.value!, (seen.get(record.value!) ?? 0) + 1);
        // ~1 ms per 10 records: the read lasts well beyond the ~10 s a failover takes.
        if (++handled % 10 === 0) await new Promise((r) => setTimeout(r, 1));
      },
    });
  const members = [member(), member()];
  let victim: NodeId | undefined;
  try {
    await Promise.all(members.map((m) => m.start()));
    await until(() => seen.size >= TOTAL * 0.3, '30 % of the records read', 120_000);
    victim = await busiestLeader(admin, topic.name);
    await killNode(victim);
    const killedAt = seen.size;
    await until(() => seen.size >= TOTAL, `all ${TOTAL} records read after the kill`, 180_000);
    const duplicated = handled - seen.size;
    console.log(
      `[fault] consumer group, broker ${victim} killed after ${killedAt} records: ${TOTAL} written, handled ${handled}, distinct ${seen.size}, ` +
        `lost ${TOTAL - seen.size}, duplicated ${duplicated}, consumer crashes: ${crashes.join(', ') || 'none'}`,
    );
    expect(seen.size).toBe(TOTAL);
    expect([...seen.keys()].every((id) => id >= 0 && id < TOTAL)).toBe(true);
  } finally {
    await Promise.all(members.map((m) => m.stop().catch(() => undefined)));
    if (victim !== undefined) {
      await startNode(victim);
      await fullyReplicated(admin, [topic.name]);
    }
  }
});
