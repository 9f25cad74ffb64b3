/**
 * One access-log line per response: `{"level":30,"time":…,"pid":…,"hostname":…,"name":…,"reqId":…,"method":…,"url":…,
 * "status":…,"ms":…,"msg":"request"}`. For the framework's own logger the line is written straight to its destination,
 * in exactly the form pino would give it (its bindings are already serialised); pino's general path costs about twice
 * as much, and the access log is most of what the framework adds to a request. Any other logger gets a normal
 * `info` call.
 */
import type { FastifyBaseLogger } from 'fastify';
import { directLineOf } from '../logger.js';

/**
 * `reqId` is a token from request-id.ts and `method` an HTTP token: neither holds anything JSON escapes. `url` is a
 * request target as node's HTTP parser accepts it (printable ASCII).
 */
export type AccessLog = (reqId: string, method: string, url: string, status: number, ms: number) => void;

const INFO = 30;

export function accessLog(log: FastifyBaseLogger): AccessLog {
  const direct = directLineOf(log);
  if (!direct) {
    return (reqId, method, url, status, ms) => log.info({ reqId, method, url, status, ms: Math.round(ms * 100) / 100 }, 'request');
  }
  const { destination, bindings, levelOf } = direct;
  // The line up to the request id changes once a millisecond; about thirty requests share it under load, and turning
  // a 13-digit time into text is one of the dearer steps of a line.
  let prefixTime = -1;
  let prefix = '';
  return (reqId, method, url, status, ms) => {
    if (levelOf() > INFO) return;
    const time = Date.now();
    if (time !== prefixTime) {
      prefixTime = time;
      prefix = `{"level":${INFO},"time":${time}${bindings},"reqId":"`;
    }
    destination.write(
      `${prefix}${reqId}","method":"${method}","url":${jsonUrl(url)},"status":${status},"ms":${hundredths(ms)},"msg":"request"}\n`,
    );
  };
}

/**
 * A URL as a JSON string. Node's HTTP parser refuses control characters, DEL and non-ASCII bytes in a request target
 * (and `inject()` percent-encodes them), so a quote and a backslash are all that JSON would escape in one; two
 * `indexOf`s cost half of a regular expression's test.
 */
function jsonUrl(url: string): string {
  return url.indexOf('"') >= 0 || url.indexOf('\\') >= 0 ? JSON.stringify(url) : `"${url}"`;
}

/** Durations under 100 ms, by hundredths, as text: printing a fraction is one of the dearer steps of a line. */
const HUNDREDTHS: (string | undefined)[] = new Array<string | undefined>(10_000).fill(undefined);

/** `Math.round(ms * 100) / 100` as JavaScript prints it (`2`, `1.5`, `0.05`), as pino would print it. */
function hundredths(ms: number): string {
  const c = Math.round(ms * 100);
  return c >= 0 && c < HUNDREDTHS.length ? (HUNDREDTHS[c] ??= String(c / 100)) : String(c / 100);
}
