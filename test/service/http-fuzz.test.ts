/**
 * Hostile HTTP against a running service (bench/fuzz/http-fuzz.ts): deep nesting, huge arrays and bodies, many and
 * huge headers, long URLs, garbage, and slow clients, one seeded round on 127.0.0.1 with short slow-client deadlines.
 * Every case gets a 4xx or, for a slow client, a closed connection by its deadline; the service answers after each
 * one and its memory stays bounded. Longer runs: node bench/fuzz.mjs.
 */
import { afterAll, expect, test } from 'vitest';
import { fuzzHttp } from '../../bench/fuzz/http-fuzz.js';
import type { Service } from '../../runtime/service/index.js';
import { petsServiceFor } from './support/pets-service.js';

const timeouts = { headersTimeoutMs: 1_000, requestTimeoutMs: 2_000, connectionTimeoutMs: 5_000 };
let service: Service | undefined;
afterAll(() => service?.stop());

test('hostile requests get a 4xx or are cut at their deadline; the service stays up in bounded memory', { timeout: 120_000 }, async () => {
  service = await petsServiceFor({ server: { port: 0, host: '127.0.0.1', ...timeouts } });
  const { app } = await service.start();
  const url = new URL(app);
  const memory = (): number => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  const report = await fuzzHttp(
    { host: url.hostname, port: Number(url.port), okPath: '/pets', post: { path: '/pets', field: 'tags' }, ...timeouts, memory },
    { seed: 15, rounds: 1 },
  );
  expect(report.failures).toEqual([]);
  expect(report.cases).toBe(16);
  expect(report.outcomes['body-over-the-limit']).toEqual({ 413: 1 });
  expect(report.outcomes['deep-array-nesting']).toEqual({ 400: 1 });
  expect(report.memoryPeakBytes - report.memoryStartBytes).toBeLessThan(256 * 2 ** 20);
});

test('the slow-client deadlines default to bounded values (fastify leaves a request unbounded)', async () => {
  const s = await petsServiceFor();
  try {
    expect(s.app.server.requestTimeout).toBe(30_000);
    expect(s.app.server.headersTimeout).toBe(10_000);
    expect(s.app.server.timeout).toBe(60_000);
    expect(s.app.server.keepAliveTimeout).toBe(72_000);
  } finally {
    await s.stop();
  }
});
