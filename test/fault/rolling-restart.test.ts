/**
 * A rolling restart of all three brokers (clean stop, start, back in sync, next) while a producer and a consumer
 * group run: both carry on; nothing acknowledged is lost or written twice; what the user sees (rejected sends,
 * consumer crashes) is counted.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { clusterKafka, fullyReplicated, NODES, startNode, stopNode } from './cluster.js';
import { idTopic, startLoad, until, type IdTopic } from './support.js';

const kafka = clusterKafka();
const admin = kafka.admin();
let topic: IdTopic;

beforeAll(async () => {
  await admin.connect();
  topic = await idTopic(kafka, 'fault-rolling', 6);
});
afterAll(async () => {
  await admin.disconnect();
});

test('rolling restart of the three brokers under load: producer and consumer carry on, nothing acknowledged lost or duplicated', async () => {
  const load = await startLoad(kafka, topic);
  await until(() => load.acked >= 1000, 'load to run', 60_000);
  for (const node of NODES) {
    await stopNode(node);
    await startNode(node);
    await fullyReplicated(admin, [topic.name]);
  }
  const r = await load.finish();
  console.log(
    `[fault] rolling restart: sent ${r.sent}, acked ${r.acked}, rejected ${[...r.rejected].map(([c, n]) => `${c} ${n}`).join(', ') || 'none'}; ` +
      `consumer handled ${r.handled}, distinct ${r.distinct}, lost ${r.lost}, duplicated ${r.duplicated}, consumer crashes ${r.consumerErrors.join(', ') || 'none'}`,
  );
  expect(r.lost).toBe(0);
  expect(r.acked).toBeGreaterThan(r.sent / 2);
});
