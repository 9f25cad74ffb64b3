/**
 * A TCP proxy in front of the real schema registry, which a test closes to make an outage (refused connections, open
 * ones cut) and opens again on the same port to end it.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';
import { schemaRegistryUrl } from './infra.js';

/** A TCP proxy to the registry on `port` (0: any); `close()` refuses new connections and cuts open ones. */
export async function registryProxy(port = 0): Promise<{ url: string; port: number; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((inbound) => {
    const target = new URL(schemaRegistryUrl());
    const outbound = connect({ host: target.hostname, port: Number(target.port) });
    for (const s of [inbound, outbound]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    inbound.pipe(outbound).pipe(inbound);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const bound = (server.address() as { port: number }).port;
  return {
    port: bound,
    url: `http://127.0.0.1:${bound}${new URL(schemaRegistryUrl()).pathname}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

