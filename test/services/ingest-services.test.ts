/**
 * rest-proxy and segment-ingest as the framework builds them from their definitions (createService, nothing started,
 * requests by `inject`): the name they run under, the `app:` settings validated with their defaults, and their routes
 * on the application port, answering a request that needs no Kafka.
 */
import pino from 'pino';
import { describe, expect, test } from 'vitest';
import { ensureRuntimeLink } from '../../generator/scaffold/runtime-link.js';
import { REPO } from '../support/generate-into.js';

ensureRuntimeLink(`${REPO}/services/rest-proxy`, REPO);
ensureRuntimeLink(`${REPO}/services/segment-ingest`, REPO);
const restProxy = (await import('../../services/rest-proxy/src/service.js')).service;
const segmentIngest = (await import('../../services/segment-ingest/src/service.js')).service;
// The framework as each service loads it, through its own link: in Stryker's sandbox the links are made while the
// tests run and vite keeps their paths, so a framework loaded another way is another copy (its HttpError differs).
type Framework = typeof import('../../runtime/service/index.js');
const proxyFramework = (await import('../../services/rest-proxy/node_modules/unilog/runtime/service/index.js' as string)) as Framework;
const segmentFramework = (await import('../../services/segment-ingest/node_modules/unilog/runtime/service/index.js' as string)) as Framework;

const base = { server: { port: 0 }, admin: { port: 0 }, kafka: { brokers: '127.0.0.1:1' }, registry: { url: 'http://127.0.0.1:1' } };
const silent = pino({ level: 'silent' });

describe('rest-proxy', () => {
  test('runs as rest-proxy with its defaults, and answers a topic outside the catalog in Confluent’s shape', async () => {
    const s = await proxyFramework.createService(restProxy, { config: base, logger: silent });
    try {
      expect([s.name, s.config.app]).toEqual(['rest-proxy', { apiKeys: {}, maxRecords: 1000, retryAfterSeconds: 5 }]);
      const res = await s.app.inject({ method: 'POST', url: '/topics/nope', headers: { 'content-type': 'application/vnd.kafka.avro.v2+json' }, payload: '{}' });
      expect([res.statusCode, res.json().error_code]).toEqual([404, 40401]);
    } finally {
      await s.stop();
    }
  });

  test.each([
    [{ maxRecords: 0 }, 'app.maxRecords: must be >= 1, found 0'],
    [{ retryAfterSeconds: 0 }, 'app.retryAfterSeconds: must be >= 1, found 0'],
    [{ apiKeys: { k: '' } }, 'app.apiKeys.k: must NOT have fewer than 1 characters'],
    [{ other: 1 }, 'app.other: unknown key (expected one of apiKeys, maxRecords, retryAfterSeconds)'],
  ])('refuses app: %j', async (app, where) => {
    await expect(proxyFramework.createService(restProxy, { config: { ...base, app }, logger: silent })).rejects.toThrow(where);
  });
});

describe('segment-ingest', () => {
  const app = { sharedSecret: 'sixteen-chars-at-least' };

  test('runs as segment-ingest with its defaults, and refuses an unsigned event in the framework’s shape', async () => {
    const s = await segmentFramework.createService(segmentIngest, { config: { ...base, app }, logger: silent });
    try {
      expect([s.name, s.config.app]).toEqual(['segment-ingest', { ...app, dedupeWindowSeconds: 21_600, dedupeMaxIds: 500_000, retryAfterSeconds: 30 }]);
      const res = await s.app.inject({ method: 'POST', url: '/segment', headers: { 'content-type': 'application/json', 'x-signature': '0'.repeat(40) }, payload: '{}' });
      expect([res.statusCode, res.json().error.code]).toEqual([401, 'SIGNATURE_INVALID']);
    } finally {
      await s.stop();
    }
  });

  test.each([
    [{}, 'app.sharedSecret: missing (required)'],
    [{ sharedSecret: 'fifteen-chars!!' }, 'app.sharedSecret: must NOT have fewer than 16 characters'],
    [{ ...app, dedupeWindowSeconds: -1 }, 'app.dedupeWindowSeconds: must be >= 0, found -1'],
    [{ ...app, dedupeMaxIds: 0 }, 'app.dedupeMaxIds: must be >= 1, found 0'],
    [{ ...app, retryAfterSeconds: 0 }, 'app.retryAfterSeconds: must be >= 1, found 0'],
    [{ ...app, other: 1 }, 'app.other: unknown key (expected one of sharedSecret, dedupeWindowSeconds, dedupeMaxIds, retryAfterSeconds)'],
  ])('refuses app: %j', async (config, where) => {
    await expect(segmentFramework.createService(segmentIngest, { config: { ...base, app: config }, logger: silent })).rejects.toThrow(where);
  });
});
