/**
 * Hostile HTTP into a running service on 127.0.0.1, over raw sockets (so nothing on the client side tidies a request
 * up): deeply nested JSON, huge arrays, bodies over the limit, many and huge headers, long URLs, garbage request lines,
 * and slow clients that stall or trickle their headers or body. Each case must get a 4xx (or, for a slow client, a
 * closed connection within its deadline), the service must still answer a plain request after it, and its memory must
 * stay bounded. Sizes vary with the seed.
 */
import { connect, type Socket } from 'node:net';
import { seededRandom } from './fuzz-random.js';

export interface HttpFuzzTarget {
  /** host:port of the application port. */
  readonly host: string;
  readonly port: number;
  /** A request that must answer 200, to show the service is still up: `GET <okPath>`. */
  readonly okPath: string;
  /** A JSON operation to send bodies to; `field` is a property of its body the fuzzer fills. */
  readonly post: { readonly path: string; readonly field: string };
  /** The server's slow-client deadlines, as configured (server-timeouts.ts). */
  readonly headersTimeoutMs: number;
  readonly requestTimeoutMs: number;
  /** The bytes the server holds (heap + array buffers), or its RSS; called between rounds. */
  memory(): number;
}

export interface HttpFuzzReport {
  readonly cases: number;
  /** What each kind of case got, e.g. `deep-array-nesting: 400`. */
  readonly outcomes: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly memoryStartBytes: number;
  readonly memoryPeakBytes: number;
  readonly failures: readonly string[];
}

interface Answer {
  /** The status code, or 'closed' when the server closed without answering. */
  readonly status: number | 'closed';
  readonly ms: number;
}

/** Writes `chunks` (with `gapMs` between them) and reads until the server closes; resolves with its status. */
function exchange(target: HttpFuzzTarget, chunks: readonly (string | Buffer)[], gapMs = 0, giveUpMs = 120_000): Promise<Answer> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const socket: Socket = connect({ host: target.host, port: target.port });
    let received = '';
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      clearTimeout(giveUp);
      socket.destroy();
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(received);
      resolve({ status: m ? Number(m[1]) : 'closed', ms: performance.now() - t0 });
    };
    const giveUp = setTimeout(finish, giveUpMs);
    socket.on('data', (d: Buffer) => {
      received += d.toString('latin1', 0, Math.min(d.length, 64));
      if (received.length > 12) finish();
    });
    socket.on('close', finish);
    socket.on('error', finish);
    socket.on('connect', async () => {
      for (const [i, c] of chunks.entries()) {
        if (done) return;
        if (i > 0 && gapMs > 0) await new Promise((r) => setTimeout(r, gapMs));
        if (!socket.destroyed) socket.write(c);
      }
    });
  });
}

const post = (target: HttpFuzzTarget, body: string | Buffer, contentType = 'application/json'): string =>
  `POST ${target.post.path} HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\ncontent-type: ${contentType}\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n`;

export async function fuzzHttp(target: HttpFuzzTarget, options: { seed: number; rounds: number; slowClients?: boolean }): Promise<HttpFuzzReport> {
  const r = seededRandom(options.seed);
  const outcomes: Record<string, Record<string, number>> = {};
  const failures: string[] = [];
  const memoryStart = target.memory();
  let memoryPeak = memoryStart;
  let cases = 0;
  const field = JSON.stringify(target.post.field);
  const slack = 2_000; // the server checks deadlines every second; a loaded machine adds some

  const check = async (kind: string, chunks: readonly (string | Buffer)[], ok: (a: Answer) => boolean, gapMs = 0): Promise<void> => {
    const answer = await exchange(target, chunks, gapMs);
    cases++;
    const key = String(answer.status);
    (outcomes[kind] ??= {})[key] = (outcomes[kind]![key] ?? 0) + 1;
    if (!ok(answer) && failures.length < 20) failures.push(`${kind}: got ${answer.status} after ${answer.ms.toFixed(0)} ms`);
    const alive = await exchange(target, [`GET ${target.okPath} HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n\r\n`], 0, 10_000);
    if (alive.status !== 200 && failures.length < 20) failures.push(`after ${kind}: GET ${target.okPath} answered ${alive.status}`);
    memoryPeak = Math.max(memoryPeak, target.memory());
  };
  const is4xx = (a: Answer): boolean => typeof a.status === 'number' && a.status >= 400 && a.status < 500;

  for (let round = 0; round < options.rounds; round++) {
    const depth = 50_000 + r.int(150_000);
    await check('deep-array-nesting', [post(target, `{${field}:${'['.repeat(depth)}${']'.repeat(depth)}}`), `{${field}:${'['.repeat(depth)}${']'.repeat(depth)}}`], is4xx);
    const objects = `${'{"a":'.repeat(depth / 2)}1${'}'.repeat(depth / 2)}`;
    await check('deep-object-nesting', [post(target, `{${field}:${objects}}`), `{${field}:${objects}}`], is4xx);
    const items = `[${new Array(100_000 + r.int(100_000)).fill(r.pick(['1', 'null', '{}', '[]', 'true'])).join(',')}]`;
    await check('huge-array-of-wrong-items', [post(target, `{${field}:${items}}`), `{${field}:${items}}`], is4xx);
    const big = Buffer.alloc(2 * 1024 * 1024 + r.int(1024 * 1024), 0x20);
    await check('body-over-the-limit', [post(target, big), big], (a) => a.status === 413 || a.status === 'closed');
    await check('invalid-json', [post(target, '{"a": [1, 2'), '{"a": [1, 2'], is4xx);
    await check('proto-poisoning', [post(target, '{"__proto__":{"polluted":1}}'), '{"__proto__":{"polluted":1}}'], is4xx);
    await check('constructor-poisoning', [post(target, '{"constructor":{"prototype":{"polluted":1}}}'), '{"constructor":{"prototype":{"polluted":1}}}'], is4xx);
    await check('wrong-content-type', [post(target, 'name=x', 'text/plain'), 'name=x'], is4xx);
    // Past Node's 16 KB header limit however short each header is.
    const many = Array.from({ length: 2_000 + r.int(3000) }, (_, i) => `x-h${i}: ${'v'.repeat(1 + r.int(20))}\r\n`).join('');
    await check('many-headers', [`GET ${target.okPath} HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n${many}\r\n`], is4xx);
    await check('one-huge-header', [`GET ${target.okPath} HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\nx-big: ${'a'.repeat(20_000 + r.int(50_000))}\r\n\r\n`], is4xx);
    await check('long-url', [`GET ${target.okPath}?q=${'a'.repeat(20_000 + r.int(50_000))} HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n\r\n`], is4xx);
    await check('garbage-request', [Buffer.from(r.bytes(64 + r.int(1024)))], (a) => is4xx(a) || a.status === 'closed');
    await check('bad-content-length', [`POST ${target.post.path} HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: -5\r\n\r\n{}`], is4xx);
    if (options.slowClients ?? true) {
      // Stalls after part of its headers: cut at the header deadline.
      await check('stalled-headers', [`GET ${target.okPath} HTTP/1.1\r\nhost: 127.0.0.1\r\nx-slow: `], (a) => a.ms < target.headersTimeoutMs + slack);
      // Sends a header byte at a time, each well inside any idle timeout: cut at the header deadline all the same.
      const trickle = `GET ${target.okPath} HTTP/1.1\r\nhost: 127.0.0.1\r\nx-slow: ${'a'.repeat(200)}\r\n\r\n`.split('');
      await check('trickled-headers', trickle, (a) => a.ms < target.headersTimeoutMs + slack, 100);
      // Complete headers, then the body a byte at a time: cut at the request deadline.
      const body = `{${field}:"${'b'.repeat(300)}"}`;
      await check('trickled-body', [post(target, body), ...body.split('')], (a) => a.ms < target.requestTimeoutMs + slack && (a.status === 'closed' || is4xx(a)), 100);
    }
  }
  return { cases, outcomes, memoryStartBytes: memoryStart, memoryPeakBytes: memoryPeak, failures };
}
