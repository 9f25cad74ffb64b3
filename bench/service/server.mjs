// One server of bench/service.mjs (see servers.mjs), in its own process: listens on loopback, prints its URL and a CPU
// probe's URL on stdout, then serves until killed.
import { createServer } from 'node:http';
import { buildServer } from './servers.mjs';

const [kind, serviceDist] = process.argv.slice(2);
// As the scaffolded main.ts does, a framework process loads the opt-in V8 tick module first (docs/services.md § Cost).
if (kind.startsWith('framework')) await import('../../dist/runtime/service/v8-tick-shape.js');
const app = await buildServer(kind, serviceDist);
const url = await app.listen({ host: '127.0.0.1', port: 0 });
// CPU time of this process, for CPU per request (steadier than requests/s on a busy machine); off the measured port.
const probe = createServer((_req, res) => {
  const u = process.cpuUsage();
  res.end(String(u.user + u.system));
});
await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve));
process.stdout.write(`${url} http://127.0.0.1:${probe.address().port}\n`);
