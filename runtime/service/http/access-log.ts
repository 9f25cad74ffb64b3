/**
 * One access-log line per response: `{"level":30,"time":…,"pid":…,"hostname":…,"name":…,"reqId":…,"method":…,"url":…,
 * "status":…,"ms":…,"msg":"request"}`. For the framework's own logger the line is written straight to its destination,
 * in exactly the form pino would give it (its bindings are already serialised); pino's general path costs about twice
 * as much, and the access log is most of what the framework adds to a request. Any other logger gets a normal
 * `info` call.
 */
import type { FastifyBaseLogger } from 'fastify';
import { directLineOf } from '../logger.js';

/** `reqId` is a token from request-id.ts and `method` an HTTP token: neither holds anything JSON escapes. */
export type AccessLog = (reqId: string, method: string, url: string, status: number, ms: number) => void;

const INFO = 30;
/** What JSON must escape in a string; request ids (request-id.ts) and methods (HTTP tokens) never hold any. */
const NEEDS_ESCAPE = /["\\\u0000-\u001f]/;

export function accessLog(log: FastifyBaseLogger): AccessLog {
  const direct = directLineOf(log);
  if (!direct) {
    return (reqId, method, url, status, ms) => log.info({ reqId, method, url, status, ms: Math.round(ms * 100) / 100 }, 'request');
  }
  const { destination, bindings, levelOf } = direct;
  return (reqId, method, url, status, ms) => {
    if (levelOf() > INFO) return;
    destination.write(
      `{"level":${INFO},"time":${Date.now()}${bindings},"reqId":"${reqId}","method":"${method}",` +
        `"url":${NEEDS_ESCAPE.test(url) ? JSON.stringify(url) : `"${url}"`},"status":${status},"ms":${Math.round(ms * 100) / 100},"msg":"request"}\n`,
    );
  };
}
