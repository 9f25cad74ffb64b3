/** The admin port: /ping, /healthcheck (200 only when every check is healthy), /metrics, /threads. */
import { Counter, Histogram } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unhealthy, type Service } from '../../runtime/service/index.js';
import { petsServiceFor } from './support/pets-service.js';

let service: Service;
beforeAll(async () => {
  service = await petsServiceFor();
  await service.app.inject({ method: 'GET', url: '/pets' });
  await service.app.inject({ method: 'GET', url: '/pets?limit=0' });
  await service.app.inject({ method: 'GET', url: '/nowhere' });
  await service.app.inject({ method: 'GET', url: '/pets/9b2c6a1e-3f4d-4e5a-8b7c-1d2e3f4a5b6c' });
});
afterAll(() => service.stop());

describe('admin port', () => {
  it('/ping answers pong', async () => {
    const res = await service.admin.inject('/ping');
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('pong\n');
  });

  it('/healthcheck is 200 while every check is healthy and 500 once one is not', async () => {
    service.health.register('always', () => ({ healthy: true, message: 'fine' }));
    const ok = await service.admin.inject('/healthcheck');
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ healthy: true, checks: { always: { healthy: true, message: 'fine', durationMs: expect.any(Number) } } });
    service.health.register('database', () => unhealthy('connection refused'));
    service.health.register('throws', () => {
      throw new Error('boom');
    });
    const bad = await service.admin.inject('/healthcheck');
    expect(bad.statusCode).toBe(500);
    expect(bad.json()).toMatchObject({
      healthy: false,
      checks: { always: { healthy: true }, database: { healthy: false, message: 'connection refused' }, throws: { healthy: false, message: 'boom' } },
    });
  });

  it('/metrics has request counts and latency by route and status, and process metrics', async () => {
    const res = await service.admin.inject('/metrics');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = res.body;
    expect(text).toContain('# TYPE http_requests_total counter');
    expect(text).toContain('http_requests_total{method="GET",route="/pets",status="200"} 1');
    expect(text).toContain('http_requests_total{method="GET",route="/pets",status="400"} 1');
    expect(text).toContain('http_requests_total{method="GET",route="unmatched",status="404"} 1');
    // The route label is the contract's path template, as the docs and the contract write it.
    expect(text).toContain('http_requests_total{method="GET",route="/pets/{id}",status="404"} 1');
    expect(text).toContain('http_request_duration_seconds_bucket{le="+Inf",method="GET",route="/pets",status="200"} 1');
    expect(text).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/pets",status="200"\} 1/);
    for (const name of ['process_cpu_seconds_total', 'process_resident_memory_bytes', 'nodejs_heap_size_used_bytes', 'nodejs_eventloop_lag_p99_seconds', 'nodejs_active_resources']) {
      expect(text).toMatch(new RegExp(`^${name}(\\{[^}]*\\})? [0-9.e+-]+$`, 'm'));
    }
    expect(text).toContain('# TYPE nodejs_gc_duration_seconds histogram');
  });

  it("/metrics shows the user's own prom-client metrics, registered in `service.metrics` (setup's `env.metrics`)", async () => {
    const orders = new Counter({ name: 'pets_orders_total', help: 'Orders placed.', labelNames: ['kind'], registers: [service.metrics] });
    const wait = new Histogram({ name: 'pets_wait_seconds', help: 'Wait.', buckets: [0.1, 1], registers: [service.metrics] });
    orders.inc({ kind: 'cat' }, 2);
    wait.observe(0.5);
    const text = (await service.admin.inject('/metrics')).body;
    expect(text).toContain('# HELP pets_orders_total Orders placed.\n# TYPE pets_orders_total counter\npets_orders_total{kind="cat"} 2');
    expect(text).toContain('pets_wait_seconds_bucket{le="1"} 1');
    expect(text).toContain('http_requests_total{method="GET",route="/pets",status="200"} 1');
  });

  it('/metrics answers OpenMetrics when the scraper prefers it, and the text format again afterwards', async () => {
    // What Prometheus 2.x sends.
    const accept = 'application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1';
    const om = await service.admin.inject({ url: '/metrics', headers: { accept } });
    expect(om.headers['content-type']).toBe('application/openmetrics-text; version=1.0.0; charset=utf-8');
    expect(om.body).toContain('# TYPE http_requests counter\n');
    expect(om.body).toContain('http_requests_total{method="GET",route="/pets",status="200"} 1');
    expect(om.body).toContain('# TYPE http_request_duration_seconds histogram');
    expect(om.body.endsWith('\n# EOF\n')).toBe(true);
    expect(om.body).not.toContain('_total_total');
    for (const a of [undefined, 'text/plain', '*/*', 'text/plain;version=0.0.4,application/openmetrics-text;version=1.0.0;q=0.5']) {
      const res = await service.admin.inject({ url: '/metrics', headers: a === undefined ? {} : { accept: a } });
      expect(res.headers['content-type'], String(a)).toBe('text/plain; version=0.0.4; charset=utf-8');
      expect(res.body).toContain('# TYPE http_requests_total counter\nhttp_requests_total{');
    }
  });

  it('/threads reports the event loop, active resources, memory and the diagnostic report without the environment', async () => {
    const res = await service.admin.inject('/threads');
    expect(res.statusCode).toBe(200);
    const dump = res.json();
    expect(dump).toMatchObject({ pid: process.pid, eventLoopDelayMs: { mean: expect.any(Number), p99: expect.any(Number) } });
    expect(dump.memory.rss).toBeGreaterThan(0);
    expect(typeof dump.activeResources).toBe('object');
    expect(dump.report.header.nodejsVersion).toBe(process.version);
    expect(dump.report.javascriptStack).toBeDefined();
    expect(dump.report.environmentVariables).toBeUndefined();
    const light = (await service.admin.inject('/threads?report=0')).json();
    expect(light.report).toBeUndefined();
  });

  it('answers an unknown admin path in the error shape', async () => {
    const res = await service.admin.inject('/nope');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('ROUTE_NOT_FOUND');
  });
});
