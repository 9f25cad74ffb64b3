// The framework's own cost per request, without the kernel: every server lives in this one process and is fed HTTP/1.1
// through in-memory sockets (16 keep-alive connections, one request in flight on each), so Node's HTTP parser and
// writer run as on a real socket but no system call is made. The servers take turns in short slices and each slice
// is compared with the baseline's slice of the same round, which cancels the drift of a shared, noisy machine.
import { Duplex } from 'node:stream';
import { USER_ID } from './servers.mjs';

const REQUEST = Buffer.from(`GET /users/${USER_ID} HTTP/1.1\r\nHost: bench\r\n\r\n`);
const CONNECTIONS = 16;

function connect(server, onResponse) {
  // A response ends with its JSON body's closing brace; headers, body and an empty end may come in one writev or apart.
  const ends = (chunk) => chunk.length > 0 && chunk[chunk.length - 1] === 0x7d;
  const socket = new Duplex({
    read() {},
    write(chunk, _encoding, cb) {
      if (ends(chunk)) onResponse(socket);
      cb();
    },
    writev(chunks, cb) {
      if (chunks.some((c) => ends(c.chunk))) onResponse(socket);
      cb();
    },
  });
  Object.assign(socket, { remoteAddress: '127.0.0.1', remotePort: 1, setTimeout: () => socket, setNoDelay: () => socket, setKeepAlive: () => socket });
  server.emit('connection', socket);
  return socket;
}

function serve(server, requests) {
  return new Promise((resolve) => {
    let answered = 0;
    let sent = 0;
    const next = (socket) => {
      if (++answered === requests) resolve();
      else if (sent < requests) {
        sent++;
        socket.push(REQUEST);
      }
    };
    for (let i = 0; i < CONNECTIONS; i++) {
      sent++;
      connect(server, next).push(REQUEST);
    }
  });
}

/**
 * CPU µs per request of each app (fastify instances, ready), and the median per-round difference from the first.
 * @returns {{ us: number[], deltaUs: number[] }}
 */
export async function measureInProcess(apps, { rounds = 40, requests = 4000 } = {}) {
  for (const app of apps) await serve(app.server, 20_000);
  const cpu = apps.map(() => []);
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < apps.length; k++) {
      const i = (k + r) % apps.length;
      const t = process.cpuUsage();
      await serve(apps[i].server, requests);
      const u = process.cpuUsage(t);
      cpu[i].push((u.user + u.system) / requests);
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  return { us: cpu.map(median), deltaUs: cpu.map((xs) => median(xs.map((x, r) => x - cpu[0][r]))) };
}
