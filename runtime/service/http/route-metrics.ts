/**
 * Request metrics, as a fastify plugin: each response is timed under its method, its route's path template (or
 * `unmatched`) and its status (metrics/http-metrics.ts keeps the series). Each route gets its own `onResponse` hook
 * when it is added (fastify's `onRoute`), bound to its route's series, so a request pays for the recording alone, not
 * for `request.routeOptions` (which fastify builds anew on every read) nor for finding its series by name. Responses
 * of the not-found handler, which has no route, are recorded by one app-wide hook.
 */
import type { FastifyPluginCallback, onResponseHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import type { HttpMetrics } from '../metrics/http-metrics.js';

export interface RouteMetricsOptions {
  readonly metrics: HttpMetrics;
}

const plugin: FastifyPluginCallback<RouteMetricsOptions> = (app, { metrics }, done) => {
  app.addHook('onRoute', (route) => {
    const url = route.url;
    const method = typeof route.method === 'string' ? route.method : undefined;
    const bound = method === undefined ? undefined : metrics.route(method, url);
    const hook: onResponseHookHandler = (request, reply, next) => {
      (bound ?? metrics.route(request.method, url))(reply.statusCode, reply.elapsedTime / 1000);
      next();
    };
    const own = route.onResponse;
    route.onResponse = own === undefined ? [hook] : [...(Array.isArray(own) ? own : [own]), hook];
  });
  app.addHook('onResponse', (request, reply, next) => {
    if (request.is404) metrics.route(request.method, 'unmatched')(reply.statusCode, reply.elapsedTime / 1000);
    next();
  });
  done();
};

export const routeMetrics = fp(plugin, { name: 'unilog-route-metrics', fastify: '5.x' });
