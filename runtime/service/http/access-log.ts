/**
 * The access log, as a fastify plugin: one `info` line per response from an `onResponse` hook (fastify's own request
 * log and Dropwizard's request log work the same way), written through the service logger's public API:
 * `{"level":30,"time":…,"pid":…,"hostname":…,"name":…,"reqId":…,"method":…,"url":…,"status":…,"ms":…,"msg":"request"}`.
 * `ms` is fastify's `reply.elapsedTime` (from the request's routing to the response's last byte handed to the socket),
 * rounded to hundredths.
 */
import type { FastifyBaseLogger, FastifyPluginCallback } from 'fastify';
import fp from 'fastify-plugin';

export interface AccessLogOptions {
  /** The service logger; the line carries the request id itself, so no request logger is made for it. */
  readonly log: FastifyBaseLogger;
}

const plugin: FastifyPluginCallback<AccessLogOptions> = (app, { log }, done) => {
  app.addHook('onResponse', (request, reply, next) => {
    log.info({ reqId: request.id, method: request.method, url: request.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime * 100) / 100 }, 'request');
    next();
  });
  done();
};

export const accessLog = fp(plugin, { name: 'unilog-access-log', fastify: '5.x' });
