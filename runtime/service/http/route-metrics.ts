/**
 * Request metrics, as a fastify plugin: from an `onResponse` hook, each response is counted and timed under its method,
 * its route's path template (or `unmatched`) and its status (metrics/http-metrics.ts keeps the series).
 */
import type { FastifyPluginCallback } from 'fastify';
import fp from 'fastify-plugin';
import type { HttpMetrics } from '../metrics/http-metrics.js';

export interface RouteMetricsOptions {
  readonly metrics: HttpMetrics;
}

const plugin: FastifyPluginCallback<RouteMetricsOptions> = (app, { metrics }, done) => {
  app.addHook('onResponse', (request, reply, next) => {
    metrics.route(request.method, request.routeOptions.url ?? 'unmatched')(reply.statusCode, reply.elapsedTime / 1000);
    next();
  });
  done();
};

export const routeMetrics = fp(plugin, { name: 'unilog-route-metrics', fastify: '5.x' });
