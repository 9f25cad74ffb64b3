/**
 * A `fetch` that trusts one more CA: for a registry whose certificate a private CA signed. Node's global fetch takes
 * no CA option (only NODE_EXTRA_CA_CERTS at process start), so this speaks node:https with `ca` for the few requests a
 * registry client makes (small JSON bodies), and answers with a standard `Response`.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { rootCertificates } from 'node:tls';

/** Statuses whose Response may not have a body. */
const NO_BODY = new Set([101, 204, 205, 304]);

export function fetchTrusting(ca: string): typeof globalThis.fetch {
  // The system's roots stay trusted: the CA is added, not substituted.
  const trusted = [...rootCertificates, ca];
  return (input, init) =>
    new Promise<Response>((resolve, reject) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      const headers = Object.fromEntries(new Headers(init?.headers).entries());
      const options = { method: init?.method ?? 'GET', headers, ...(init?.signal ? { signal: init.signal } : {}) };
      const onResponse = (res: IncomingMessage): void => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const status = res.statusCode ?? 502;
          const answer = new Headers();
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) answer.set(k, Array.isArray(v) ? v.join(', ') : v);
          resolve(new Response(NO_BODY.has(status) ? null : Buffer.concat(chunks), { status, statusText: res.statusMessage ?? '', headers: answer }));
        });
      };
      const req = url.protocol === 'https:' ? httpsRequest(url, { ...options, ca: trusted }, onResponse) : httpRequest(url, options, onResponse);
      // As global fetch: a network failure is a TypeError whose cause says why (http.ts reports the cause).
      req.on('error', (e) => reject(e.name === 'AbortError' ? (init?.signal?.reason ?? e) : new TypeError('fetch failed', { cause: e })));
      const body = init?.body;
      if (typeof body === 'string' || body instanceof Uint8Array) req.write(body);
      req.end();
    });
}
