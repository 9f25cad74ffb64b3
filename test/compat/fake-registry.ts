/**
 * A Confluent-API schema registry on loopback that answers the two requests a registry baseline makes
 * (`GET /subjects/{s}/versions`, `GET /subjects/{s}/versions/{v}`) from a table, and records what it was asked.
 * `answers` overrides a path's reply, for the registry's failures and odd answers.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

export interface RegisteredVersion {
  readonly version: number;
  readonly schema?: string;
  readonly schemaType?: string;
}

export interface FakeRegistry {
  readonly url: string;
  /** Subject -> its versions, in the order `GET .../versions` lists them. */
  readonly subjects: Map<string, RegisteredVersion[]>;
  /** Path -> [status, body] that replaces the table's answer. */
  readonly answers: Map<string, [number, string]>;
  /** Each request's path, Authorization and Accept headers. */
  readonly requests: Array<{ path: string; authorization: string | undefined; accept: string | undefined }>;
  close(): Promise<void>;
}

/** `tls`: serve https with this key and certificate (a registry with a CA of its own). */
export async function startFakeRegistry(tls?: { readonly key: string; readonly cert: string }): Promise<FakeRegistry> {
  const subjects = new Map<string, RegisteredVersion[]>();
  const answers = new Map<string, [number, string]>();
  const requests: FakeRegistry['requests'] = [];
  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    const path = req.url ?? '';
    requests.push({ path, authorization: req.headers.authorization, accept: req.headers.accept });
    const [status, body] = answers.get(path) ?? answer(subjects, path);
    res.writeHead(status, { 'content-type': 'application/vnd.schemaregistry.v1+json' });
    res.end(body);
  };
  const server: Server = tls ? createTlsServer(tls, listener) : createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    subjects,
    answers,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const NOT_FOUND: [number, string] = [404, '{"error_code":40401,"message":"Subject not found"}'];

function answer(subjects: ReadonlyMap<string, readonly RegisteredVersion[]>, path: string): [number, string] {
  const m = /^\/subjects\/([^/]+)\/versions(?:\/(\d+))?$/.exec(path);
  const versions = m ? subjects.get(decodeURIComponent(m[1]!)) : undefined;
  if (!m || !versions) return NOT_FOUND;
  if (m[2] === undefined) return [200, JSON.stringify(versions.map((v) => v.version))];
  const v = versions.find((x) => x.version === Number(m[2]));
  if (!v) return NOT_FOUND;
  const { schema, schemaType } = v;
  return [200, JSON.stringify({ subject: decodeURIComponent(m[1]!), version: v.version, ...(schema !== undefined ? { schema } : {}), ...(schemaType ? { schemaType } : {}) })];
}
