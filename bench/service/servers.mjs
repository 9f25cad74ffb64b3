// The servers bench/service.mjs compares, built but not listening: `framework` serves the scaffolded search-service's
// getUser handler through unilog's service framework (contract validation, request id, access log, metrics, error
// shape, response serialised from the contract) as deployed (NODE_ENV=production), `framework-no-access-log` the same
// with `logging.accessLog: false`, `bare` the same lookup from a plain fastify route, and `bare-request-log` that route
// with fastify's own request logging turned on (`logger: true`: pino, two lines a request), for reference. Logs go to
// /dev/null.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Fastify from 'fastify';

export const KINDS = ['framework', 'framework-no-access-log', 'bare', 'bare-request-log'];
export const USER_ID = '5f0c8a2e-3d41-4b7a-9c55-0a1b2c3d4e5f';

/** A fastify instance, ready, for `kind`; `serviceDist` is the compiled search-service (its dist folder). */
export async function buildServer(kind, serviceDist) {
  const load = (p) => import(pathToFileURL(join(serviceDist, p)).href);
  const { UserIndex } = await load('services/search-service/src/index/user-index.js');
  const index = new UserIndex();
  for (let n = 0; n < 1000; n++) {
    index.put({ id: n === 0 ? USER_ID : randomUUID(), username: `user${n}`, displayName: `User ${n}`, bio: null, verified: n % 2 === 0, followerCount: n });
  }
  if (kind === 'bare' || kind === 'bare-request-log') {
    const app = Fastify(kind === 'bare' ? {} : { logger: { level: 'info', file: '/dev/null' } });
    app.get('/users/:id', async (request, reply) => {
      const user = index.get(request.params.id);
      if (!user) return reply.code(404).send({ error: 'not found' });
      return user;
    });
    await app.ready();
    return app;
  }
  const { createService } = await import('../../dist/runtime/service/index.js');
  const { serviceLogger } = await import('../../dist/runtime/service/logger.js');
  const { searchServiceContract } = await load('generated/services/search-service.js');
  const { handlers } = await load('services/search-service/src/handlers/index.js');
  // The framework's own logger (pino, batched writes), to /dev/null instead of stdout.
  const logger = serviceLogger('search-service', 'info', '/dev/null');
  const service = await createService(
    { contract: searchServiceContract, setup: () => ({ users: index, config: { excludeStatuses: ['DELETED'] }, log: logger }), handlers },
    {
      config: { server: { host: '127.0.0.1', port: 0 }, admin: { host: '127.0.0.1', port: 0 } },
      env: { ...process.env, NODE_ENV: 'production' },
      logger,
      accessLog: kind === 'framework',
    },
  );
  await service.app.ready();
  return service.app;
}
