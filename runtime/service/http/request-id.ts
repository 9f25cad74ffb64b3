/**
 * Request ids: the caller's `x-request-id` when it is a sane token, else one made here (fastify's `genReqId`). A made id
 * is this process's random prefix and a counter (`k3v9q2x1m0a7-1f`): unique across a fleet like a UUID, at a fraction
 * of the cost of one per request. The `requestIdEcho` plugin sends the id back (`onRequest` hook) when the caller sent
 * one; error responses always carry it (error-handler.ts).
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyPluginCallback } from 'fastify';
import fp from 'fastify-plugin';

export const REQUEST_ID_HEADER = 'x-request-id';
const SANE = /^[\w.:@/+=-]{1,128}$/;
const PREFIX = `${randomBytes(8).readBigUInt64BE().toString(36)}-`;
let counter = 0;

export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && SANE.test(given) ? given : PREFIX + (++counter).toString(36);
}

const plugin: FastifyPluginCallback = (app, _options, done) => {
  app.addHook('onRequest', (request, reply, next) => {
    if (request.headers[REQUEST_ID_HEADER] !== undefined) reply.header(REQUEST_ID_HEADER, request.id);
    next();
  });
  done();
};

export const requestIdEcho = fp(plugin, { name: 'unilog-request-id', fastify: '5.x' });
