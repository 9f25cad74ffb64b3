/**
 * The admin port, as in Dropwizard: `/healthcheck`, `/ping`, `/metrics` (Prometheus text or OpenMetrics) and `/threads` (the event
 * loop's equivalent of a thread dump). It is a separate listener from the application port, so it can stay on a
 * private interface and keeps answering while the application port drains on shutdown.
 */
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { IntervalHistogram } from 'node:perf_hooks';
import type { Registry } from 'prom-client';
import { renderMetrics } from '../metrics/exposition.js';
import type { HealthChecks } from './health.js';
import { threadsDump } from './threads.js';

export interface AdminDeps {
  readonly name: string;
  readonly health: HealthChecks;
  readonly metrics: Registry;
  readonly loop: IntervalHistogram;
  readonly log: FastifyBaseLogger;
}

const LINKS = ['/healthcheck', '/ping', '/metrics', '/threads'];

export function createAdminServer(deps: AdminDeps): FastifyInstance {
  const admin = Fastify({ loggerInstance: deps.log.child({ port: 'admin' }), logController: new LogController({ disableRequestLogging: true }), forceCloseConnections: true });
  admin.get('/', async () => ({ service: deps.name, links: LINKS }));
  admin.get('/ping', async (_req, reply) => reply.type('text/plain; charset=utf-8').send('pong\n'));
  admin.get('/healthcheck', async (_req, reply) => {
    const report = await deps.health.run();
    return reply.code(report.healthy ? 200 : 500).header('cache-control', 'no-store').send(report);
  });
  admin.get('/metrics', async (req, reply) => {
    const { contentType, body } = await renderMetrics(deps.metrics, req.headers.accept);
    return reply.type(contentType).header('vary', 'accept').send(body);
  });
  admin.get<{ Querystring: { report?: string } }>('/threads', async (req) => threadsDump(deps.loop, req.query.report !== '0' && req.query.report !== 'false'));
  admin.setNotFoundHandler(async (req, reply) =>
    reply.code(404).send({ error: { code: 'ROUTE_NOT_FOUND', message: `no admin endpoint ${req.method} ${req.url} (try ${LINKS.join(', ')})` }, requestId: req.id }),
  );
  return admin;
}
