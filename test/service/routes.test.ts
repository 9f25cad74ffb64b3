/**
 * Routes outside the contract (`ServiceDefinition.routes`): served beside the contract's operations, with the
 * framework's request ids, route metrics and error shape, and with content-type parsers of their own that the
 * contract's routes do not see.
 */
import { pino } from 'pino';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createService, HttpError, type Service } from '../../runtime/service/index.js';
import { petsService } from './support/pets-service.js';

let service: Service;
beforeAll(async () => {
  service = await createService(
    {
      ...petsService,
      async routes(app, ctx) {
        app.addContentTypeParser('application/x-shout', { parseAs: 'string' }, (_request, body, done) => done(null, String(body).toUpperCase()));
        app.post('/shout', async (request) => {
          if (request.body === 'NO') throw new HttpError(422, 'REFUSED', 'not that');
          return { heard: request.body, pets: ctx.pets.size };
        });
      },
    },
    { config: { server: { port: 0, host: '127.0.0.1' }, admin: { port: 0 } }, logger: pino({ level: 'silent' }) },
  );
});
afterAll(() => service.stop());

test('a route of `routes` is served with its own parser, the ctx of setup, and the framework’s ids, errors and metrics', async () => {
  const ok = await service.app.inject({ method: 'POST', url: '/shout', headers: { 'content-type': 'application/x-shout', 'x-request-id': 'r-1' }, payload: 'hi' });
  expect([ok.statusCode, ok.json(), ok.headers['x-request-id']]).toEqual([200, { heard: 'HI', pets: 0 }, 'r-1']);
  const refused = await service.app.inject({ method: 'POST', url: '/shout', headers: { 'content-type': 'application/x-shout' }, payload: 'no' });
  expect([refused.statusCode, refused.json().error]).toEqual([422, { code: 'REFUSED', message: 'not that' }]);
  // The contract's routes keep their own parsers: application/x-shout is still a 415 there.
  const contract = await service.app.inject({ method: 'POST', url: '/pets', headers: { 'content-type': 'application/x-shout' }, payload: 'x' });
  expect([contract.statusCode, contract.json().error.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
  expect(await service.metrics.render()).toContain('http_requests_total{method="POST",route="/shout",status="200"} 1');
});
