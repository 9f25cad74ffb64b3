/**
 * How long the application port waits for a slow client, from `server.*TimeoutMs` in the config. fastify's defaults
 * leave the request unbounded (`requestTimeout` 0) and the socket never idle-closed (`connectionTimeout` 0), so one
 * client trickling its headers or body a byte at a time holds a connection forever; these bound both. Node checks the
 * header and request deadlines on a timer (default every 30 s): it runs every second here, so a slow client is cut
 * within a second of its deadline.
 */
import type { ServerOptions } from 'node:http';

export interface ServerTimeouts {
  /** The request line and headers must arrive within this (node `headersTimeout`). */
  readonly headersTimeoutMs: number;
  /** The whole request, headers and body, must arrive within this (fastify `requestTimeout`). */
  readonly requestTimeoutMs: number;
  /** A socket with no traffic either way is closed after this (fastify `connectionTimeout`). */
  readonly connectionTimeoutMs: number;
  /** An idle keep-alive connection is closed after this: keep it above a load balancer's idle timeout. */
  readonly keepAliveTimeoutMs: number;
}

export const DEFAULT_SERVER_TIMEOUTS: ServerTimeouts = { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, connectionTimeoutMs: 60_000, keepAliveTimeoutMs: 72_000 };

const CHECK_EVERY_MS = 1_000;

export interface TimeoutOptions {
  readonly connectionTimeout: number;
  readonly keepAliveTimeout: number;
  readonly requestTimeout: number;
  readonly http: ServerOptions;
}

/** fastify's options for `t`. */
export function serverTimeoutOptions(t: ServerTimeouts): TimeoutOptions {
  return {
    connectionTimeout: t.connectionTimeoutMs,
    keepAliveTimeout: t.keepAliveTimeoutMs,
    requestTimeout: t.requestTimeoutMs,
    // Node wants the header deadline within the request deadline.
    http: { headersTimeout: Math.min(t.headersTimeoutMs, t.requestTimeoutMs), connectionsCheckingInterval: Math.min(CHECK_EVERY_MS, t.headersTimeoutMs) },
  };
}
