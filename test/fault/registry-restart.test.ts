/**
 * The registry stopped and started again under load: producers and consumers that already hold their schema ids keep
 * working (encoding and decoding need no registry call once the ids are cached), during the outage and after the
 * registry came back (empty: the dev registry keeps schemas in memory).
 */
import { beforeAll, expect, test } from 'vitest';
import { clusterKafka, startMissing, stopRegistry } from './cluster.js';
import { idTopic, startLoad, until, type IdTopic } from './support.js';

const kafka = clusterKafka();
let topic: IdTopic;

beforeAll(async () => {
  topic = await idTopic(kafka, 'fault-registry', 3);
});

test('registry restarted under load: cached ids keep producer and consumer working', async () => {
  const load = await startLoad(kafka, topic);
  await until(() => load.acked >= 1000, 'load to run', 60_000);
  await stopRegistry();
  const atStop = load.acked;
  await until(() => load.acked >= atStop + 1000, 'sends during the registry outage', 60_000);
  await startMissing();
  const atStart = load.acked;
  await until(() => load.acked >= atStart + 1000, 'sends after the registry came back', 60_000);
  const r = await load.finish();
  console.log(
    `[fault] registry restart: sent ${r.sent}, acked ${r.acked} (${atStart - atStop} during the outage), rejected ${[...r.rejected].map(([c, n]) => `${c} ${n}`).join(', ') || 'none'}; ` +
      `consumer handled ${r.handled}, distinct ${r.distinct}, lost ${r.lost}, duplicated ${r.duplicated}, consumer crashes ${r.consumerErrors.join(', ') || 'none'}`,
  );
  expect(r.rejected.size).toBe(0);
  expect(r.lost).toBe(0);
  expect(r.consumerErrors).toEqual([]);
});
