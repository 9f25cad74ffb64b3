/**
 * segment-ingest in pieces, in process: the signature over raw bytes, Segment events to records (every problem with
 * its path), de-duplication by messageId, and the route's 503 when the producer cannot write (a Kafka outage is not
 * made in the integration test, which runs against the one shared broker).
 */
import Fastify from 'fastify';
import { describe, expect, test } from 'vitest';
import { ensureRuntimeLink } from '../../generator/scaffold/runtime-link.js';
import { parseSegmentEvent } from '../../services/segment-ingest/src/events.js';
import { RecentIds } from '../../services/segment-ingest/src/recent-ids.js';
import { signatureOf, validSignature } from '../../services/segment-ingest/src/signature.js';
import { REPO } from '../support/generate-into.js';

const SECRET = 'sixteen-chars-at-least';

describe('signature', () => {
  test('checked over the raw bytes: the same event serialised again does not pass', () => {
    const raw = Buffer.from('{"type":"track","event":"Caf\\u00e9"}');
    const again = Buffer.from(JSON.stringify(JSON.parse(raw.toString())));
    expect(validSignature(raw, signatureOf(raw, SECRET), SECRET)).toBe(true);
    expect(validSignature(raw, signatureOf(raw, SECRET).toUpperCase(), SECRET)).toBe(true);
    expect(validSignature(raw, signatureOf(again, SECRET), SECRET)).toBe(false);
    expect(validSignature(raw, signatureOf(raw, 'another-secret-entirely'), SECRET)).toBe(false);
    for (const header of [undefined, '', 'zz', signatureOf(raw, SECRET).slice(1), ['a', 'b']]) expect(validSignature(raw, header, SECRET)).toBe(false);
  });
});

describe('Segment events to records', () => {
  const at = new Date('2026-12-07T00:00:00Z');
  test('keyed by userId, else anonymousId; free-form objects as JSON text; receivedAt for a missing timestamp', () => {
    expect(parseSegmentEvent({ type: 'page', messageId: 'm', anonymousId: 'a', properties: { path: '/' } }, at)).toEqual({
      ok: true,
      record: {
        type: 'page',
        key: 'a',
        value: { messageId: 'm', userId: null, anonymousId: 'a', timestamp: at, sentAt: null, receivedAt: at, context: '{}', event: { 'com.state.segment.Page': { name: null, category: null, properties: '{"path":"/"}' } } },
      },
    });
    const identify = parseSegmentEvent({ type: 'identify', messageId: 'm', userId: 'u', anonymousId: 'a', timestamp: '2026-01-01T00:00:00Z', traits: { n: 1 } }, at);
    expect(identify.ok && identify.record.key).toBe('u');
  });

  test.each([
    ['not an object', [], ['body: must be a JSON object (one Segment event)']],
    ['nothing right', { type: 'buy', messageId: 3, timestamp: 'yesterday' }, ['body.type: must be one of track, identify, page, screen, group, alias, found "buy"', 'body.messageId: must be a non-empty string, found 3', 'body.userId: missing: an event needs userId or anonymousId', 'body.timestamp: must be an ISO 8601 date-time, found "yesterday"']],
    ['a group without groupId, traits not an object', { type: 'group', messageId: 'm', userId: 'u', traits: 'vip' }, ['body.groupId: missing', 'body.traits: must be an object, found "vip"']],
    ['an alias without userId', { type: 'alias', messageId: 'm', anonymousId: 'a', previousId: 'p' }, ['body.userId: missing: an alias event needs userId (the new id)']],
  ])('%s', (_name, body, problems) => {
    const parsed = parseSegmentEvent(body, at);
    expect(parsed.ok ? [] : parsed.problems.map((p) => `${p.path}: ${p.message}`)).toEqual(problems);
  });
});

describe('de-duplication by messageId', () => {
  test('a repeat within the window is not written; after it, or after a failed write, it is', async () => {
    let now = 0;
    const recent = new RecentIds(1000, 10, () => now);
    const writes: string[] = [];
    const write = (id: string) => async () => void writes.push(id);
    expect(await recent.once('a', write('a'))).toBe('written');
    expect(await recent.once('a', write('a'))).toBe('duplicate');
    await expect(recent.once('b', () => Promise.reject(new Error('kafka down')))).rejects.toThrow('kafka down');
    expect(await recent.once('b', write('b'))).toBe('written');
    now = 1000;
    expect(await recent.once('a', write('a'))).toBe('written');
    expect(writes).toEqual(['a', 'b', 'a']);
  });

  test('a repeat that arrives while the first is being written waits for it', async () => {
    const recent = new RecentIds(1000, 10);
    let release!: () => void;
    const first = recent.once('a', () => new Promise<void>((r) => (release = r)));
    const second = recent.once('a', async () => {
      throw new Error('must not write twice');
    });
    release();
    expect(await Promise.all([first, second])).toEqual(['written', 'duplicate']);
  });

  test('past maxIds the oldest are forgotten first, and counted', async () => {
    const recent = new RecentIds(60_000, 2);
    for (const id of ['a', 'b', 'c']) await recent.once(id, async () => undefined);
    expect([recent.size, recent.evicted]).toEqual([2, 1]);
    expect(await recent.once('a', async () => undefined)).toBe('written');
    expect(await recent.once('c', async () => undefined)).toBe('duplicate');
  });
});

describe('POST /segment when Kafka cannot take the event', () => {
  test('503 with Retry-After, and the event is written when Segment retries', async () => {
    ensureRuntimeLink(`${REPO}/services/segment-ingest`, REPO);
    const { segmentRoutes } = await import('../../services/segment-ingest/src/routes.js');
    let up = false;
    const sent: unknown[] = [];
    const ctx = {
      config: { sharedSecret: SECRET, dedupeWindowSeconds: 60, dedupeMaxIds: 10, retryAfterSeconds: 30 },
      producer: {
        send: async (record: unknown) => {
          if (!up) throw new Error('Connection error: connect ECONNREFUSED 127.0.0.1:9092');
          sent.push(record);
          return { partition: 0, baseOffset: '0' };
        },
      },
      recent: new RecentIds(60_000, 10),
      metrics: { written: () => undefined, duplicate: () => undefined, refused: () => undefined },
    } as unknown as Parameters<typeof segmentRoutes>[1];
    const app = Fastify();
    await app.register((instance) => segmentRoutes(instance, ctx));
    const body = JSON.stringify({ type: 'track', event: 'E', messageId: 'm1', userId: 'u' });
    const deliver = () => app.inject({ method: 'POST', url: '/segment', headers: { 'content-type': 'application/json', 'x-signature': signatureOf(body, SECRET) }, payload: body });
    const down = await deliver();
    expect([down.statusCode, down.headers['retry-after'], down.json().error.code]).toEqual([503, '30', 'KAFKA_UNAVAILABLE']);
    up = true;
    expect((await deliver()).json()).toEqual({ ok: true, duplicate: false });
    expect((await deliver()).json()).toEqual({ ok: true, duplicate: true });
    expect(sent).toHaveLength(1);
  });
});
