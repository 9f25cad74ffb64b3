// A consumer process for test/fault/consumer-process-kill.test.ts, killed with SIGKILL mid-batch and started again.
// It runs the built runtime (dist/, from `npm run build`) and appends each record's id to a file as its side effect,
// synchronously, so that what the file holds is exactly what was handled before the kill.
//   node consumer-child.mjs <brokers> <registry url> <topic> <partitions> <group id> <out file>
import { appendFileSync } from 'node:fs';
import { Kafka, logLevel } from 'kafkajs';
import { createCodec, createConsumer, createSchemaRegistry, defineTopic } from '../../dist/runtime/index.js';

const [brokers, url, name, partitions, groupId, out] = process.argv.slice(2);
const topic = defineTopic({
  name,
  key: createCodec('string'),
  value: createCodec('int'),
  visibility: 'shared',
  owner: 'fault-tests',
  partitions: Number(partitions),
  cleanupPolicy: 'delete',
  compatibility: 'BACKWARD',
});
const kafka = new Kafka({ clientId: `fault-child-${process.pid}`, brokers: brokers.split(','), logLevel: logLevel.NOTHING });
const consumer = createConsumer(kafka, topic, {
  groupId,
  registry: createSchemaRegistry({ url, policy: 'auto-register', timeoutMs: 5000 }),
  deadLetter: false,
  consumerConfig: { sessionTimeout: 6000, heartbeatInterval: 500, rebalanceTimeout: 6000, maxWaitTimeInMs: 100 },
  handler: async (record) => {
    appendFileSync(out, `${record.value}\n`);
    await new Promise((r) => setTimeout(r, 1));
  },
});
await consumer.start();
process.stdout.write('started\n');
process.once('SIGTERM', () => void consumer.stop().then(() => process.exit(0)));
