// A service run the way a scaffolded main runs one (compiled runtime, runService, real signals), for the shutdown test.
import { setTimeout as sleep } from 'node:timers/promises';
import { defineContract, runService } from '../../../dist/runtime/service/index.js';

const contract = defineContract({
  name: 'slow',
  title: 'Slow',
  version: '1',
  schemas: {},
  operations: {
    slow: {
      operationId: 'slow',
      method: 'GET',
      path: '/slow',
      query: { type: 'object', required: ['ms'], properties: { ms: { type: 'integer' } } },
      responses: { 200: { json: true } },
    },
  },
});

await runService(
  {
    contract,
    setup(env) {
      env.manage('first', { start: () => env.log.info('first started'), stop: () => env.log.info('first stopped') });
      env.manage('second', { start: () => env.log.info('second started'), stop: async () => { await sleep(50); env.log.info('second stopped'); } });
    },
    handlers: {
      slow: async ({ query }) => {
        await sleep(query.ms);
        return { waited: query.ms };
      },
    },
  },
  { config: { server: { host: '127.0.0.1', port: 0 }, admin: { port: 0 }, shutdown: { graceMs: Number(process.env.GRACE_MS ?? 5000) } } },
);
