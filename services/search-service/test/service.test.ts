// search-service in-process: every operation of the contract has a route, and the admin port answers. No Kafka needed:
// nothing connects until `start()`.
import { createService, type Service } from 'unilog/runtime/service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppConfig } from '../src/config.js';
import { service } from '../src/service.js';

let running: Service<AppConfig>;

beforeAll(async () => {
  running = await createService(service, { config: 'config.yaml', env: { ...process.env, LOG_LEVEL: 'warn' } });
});

afterAll(() => running.stop());

describe('search-service', () => {
  it('routes every operation of its contract', async () => {
    for (const op of Object.values(service.contract.operations)) {
      const res = await running.app.inject({ method: op.method, url: op.path.replace(/\{[^}]+\}/g, 'example') });
      const body = res.body ? (res.json() as { error?: { code: string } }) : {};
      expect(body.error?.code, `${op.method} ${op.path}`).not.toBe('ROUTE_NOT_FOUND');
    }
  });

  it('answers /ping on the admin port', async () => {
    const res = await running.admin.inject('/ping');
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('pong\n');
  });
});
