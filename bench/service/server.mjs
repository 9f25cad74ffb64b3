// One server of bench/service.mjs, in its own process: `framework` serves the scaffolded search-service's getUser
// handler through unilog's service framework (contract validation, request id, access log, metrics, error shape),
// `framework-no-access-log` the same with `logging.accessLog: false`, and `bare` the same lookup from a plain fastify
// route. Prints the URL and a CPU probe's URL on stdout, then serves until killed.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Fastify from 'fastify';

const [kind, serviceDist] = process.argv.slice(2);
const load = (p) => import(pathToFileURL(join(serviceDist, p)).href);
const { UserIndex } = await load('services/search-service/src/index/user-index.js');
const index = new UserIndex();
for (let n = 0; n < 1000; n++) {
  index.put({ id: n === 0 ? '5f0c8a2e-3d41-4b7a-9c55-0a1b2c3d4e5f' : randomUUID(), username: `user${n}`, displayName: `User ${n}`, bio: null, verified: n % 2 === 0, followerCount: n });
}

let url;
if (kind === 'framework' || kind === 'framework-no-access-log') {
  const { createService, serviceLogger } = await import('../../dist/runtime/service/index.js');
  const { searchServiceContract } = await load('generated/services/search-service.js');
  const { handlers } = await load('services/search-service/src/handlers/index.js');
  // The framework's own logger (pino, batched asynchronous writes), to /dev/null instead of stdout.
  const logger = serviceLogger('search-service', 'info', '/dev/null');
  const service = await createService(
    { contract: searchServiceContract, setup: () => ({ index, config: { excludeStatuses: ['DELETED'] }, log: logger }), handlers },
    { config: { server: { host: '127.0.0.1', port: 0 }, admin: { host: '127.0.0.1', port: 0 } }, logger, accessLog: kind === 'framework' },
  );
  url = (await service.start()).app;
} else {
  const app = Fastify();
  app.get('/users/:id', async (request, reply) => {
    const user = index.get(request.params.id);
    if (!user) return reply.code(404).send({ error: 'not found' });
    return user;
  });
  url = await app.listen({ host: '127.0.0.1', port: 0 });
}
// CPU time of this process, for CPU per request (steadier than requests/s on a busy machine); off the measured port.
const probe = createServer((_req, res) => {
  const u = process.cpuUsage();
  res.end(String(u.user + u.system));
});
await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve));
process.stdout.write(`${url} http://127.0.0.1:${probe.address().port}\n`);
