/**
 * segment-ingest's `POST /segment` as Segment's webhook sees it (fastify inject, the framework's error shape), over
 * the service's own context with an in-process Kafka: a signed event is written once to segment-events, keyed by its
 * user; a repeat is answered 200 and not written; a bad signature, a malformed event or Kafka down write nothing, each
 * with the status Segment acts on; the service's metrics count each outcome.
 */
import { describe, expect, test } from 'vitest';
import { metric, SECRET, startSegment } from './segment-harness.js';

const track = (messageId = 'm1', patch: Record<string, unknown> = {}) => ({ type: 'track', event: 'Signed Up', messageId, userId: 'u1', properties: { plan: 'pro' }, ...patch });

describe('a signed event', () => {
  test('is written once to segment-events, keyed by its user, and answered 200', async () => {
    const s = await startSegment();
    const before = Date.now();
    const res = await s.deliver(track('m1', { timestamp: '2026-12-01T10:00:00Z', context: { ip: '1.2.3.4' } }));
    expect([res.statusCode, res.json()]).toEqual([200, { ok: true, duplicate: false }]);
    const written = await s.written();
    expect(written).toHaveLength(1);
    expect(written[0]!.key).toBe('u1');
    expect(written[0]!.value).toMatchObject({
      messageId: 'm1',
      userId: 'u1',
      anonymousId: null,
      timestamp: new Date('2026-12-01T10:00:00Z'),
      sentAt: null,
      context: '{"ip":"1.2.3.4"}',
      event: { 'com.state.segment.Track': { event: 'Signed Up', properties: '{"plan":"pro"}' } },
    });
    expect((written[0]!.value['receivedAt'] as Date).getTime()).toBeGreaterThanOrEqual(before);
    expect(await metric(s.metrics, 'segment_events_total', { type: 'track' })).toBe(1);
  });

  test('a repeat of its messageId is answered 200, duplicate, and not written again; another id is', async () => {
    const s = await startSegment();
    expect((await s.deliver(track('m1'))).json()).toEqual({ ok: true, duplicate: false });
    await new Promise((r) => setTimeout(r, 5)); // still well within the window (seconds, not milliseconds)
    expect((await s.deliver(track('m1', { event: 'Changed' }))).json()).toEqual({ ok: true, duplicate: true });
    expect((await s.deliver(track('m2'))).json()).toEqual({ ok: true, duplicate: false });
    expect((await s.written()).map((w) => w.value['messageId'])).toEqual(expect.arrayContaining(['m1', 'm2']));
    expect(await s.written()).toHaveLength(2);
    expect([await metric(s.metrics, 'segment_events_total', { type: 'track' }), await metric(s.metrics, 'segment_duplicates_total', { type: 'track' })]).toEqual([2, 1]);
  });

  test('with a window of 0 every delivery is written', async () => {
    const s = await startSegment({ dedupeWindowSeconds: 0 });
    for (let i = 0; i < 2; i++) expect((await s.deliver(track('m1'))).json()).toEqual({ ok: true, duplicate: false });
    expect(await s.written()).toHaveLength(2);
  });

  test('the remembered ids and those forgotten early are on /metrics', async () => {
    const s = await startSegment({ dedupeMaxIds: 2 });
    for (const id of ['a', 'b', 'c']) await s.deliver(track(id));
    expect([await metric(s.metrics, 'segment_dedupe_ids'), await metric(s.metrics, 'segment_dedupe_evicted')]).toEqual([2, 1]);
  });

  test("the metrics' names, help and labels as /metrics shows them", async () => {
    const s = await startSegment();
    await s.deliver(track('m1'));
    await s.deliver(track('m1'));
    await s.deliver(track('m2'), { signature: '0'.repeat(40) });
    const text = await s.metrics.metrics();
    for (const line of [
      '# HELP segment_events_total Events written to segment-events (acknowledged by Kafka), by type.',
      'segment_events_total{type="track"} 1',
      '# HELP segment_duplicates_total Events answered 200 without a write: their messageId was written within the window.',
      'segment_duplicates_total{type="track"} 1',
      '# HELP segment_refused_total Requests refused, by reason (signature, malformed, kafka).',
      'segment_refused_total{reason="signature"} 1',
      '# HELP segment_dedupe_ids messageIds remembered for de-duplication.',
      'segment_dedupe_ids 1',
      '# HELP segment_dedupe_evicted messageIds forgotten before their window ended (dedupeMaxIds reached).',
      'segment_dedupe_evicted 0',
    ]) {
      expect(text.split('\n')).toContain(line);
    }
  });
});

describe('refused, and nothing written', () => {
  test.each([
    ['a signature of other bytes', { signature: 'a'.repeat(40) }, 'X-Signature is not the hex HMAC-SHA1 of the body with the shared secret'],
    ['a signature with more after it', { signature: 'EXTRA' }, 'X-Signature is not the hex HMAC-SHA1 of the body with the shared secret'],
    ['no signature', { signature: null }, 'X-Signature is not the hex HMAC-SHA1 of the body with the shared secret'],
  ])('%s: 401', async (_name, options, message) => {
    const s = await startSegment();
    const body = JSON.stringify(track());
    const { createHmac } = await import('node:crypto');
    const signature = options.signature === 'EXTRA' ? `${createHmac('sha1', SECRET).update(body).digest('hex')}00` : options.signature;
    const res = await s.deliver(body, { signature });
    expect([res.statusCode, res.json()]).toEqual([401, { error: { code: 'SIGNATURE_INVALID', message }, requestId: expect.any(String) }]);
    expect(await s.written()).toEqual([]);
    expect(await metric(s.metrics, 'segment_refused_total', { reason: 'signature' })).toBe(1);
  });

  test('no body at all: 401, nothing was signed', async () => {
    const s = await startSegment();
    const res = await s.app.inject({ method: 'POST', url: '/segment' });
    expect([res.statusCode, res.json().error]).toEqual([401, { code: 'SIGNATURE_INVALID', message: 'a signed JSON body (Content-Type: application/json, X-Signature) is required' }]);
    expect(await metric(s.metrics, 'segment_refused_total', { reason: 'signature' })).toBe(1);
  });

  test('signed bytes that are not JSON: 400', async () => {
    const s = await startSegment();
    const res = await s.deliver('{"type": "track",');
    expect([res.statusCode, res.json().error.code]).toEqual([400, 'MALFORMED_JSON']);
    expect(await s.written()).toEqual([]);
  });

  test.each([
    ['__proto__', '{"type":"track","event":"E","messageId":"m1","userId":"u1","properties":{"__proto__":{"admin":true}}}'],
    ['constructor.prototype', '{"type":"track","event":"E","messageId":"m1","userId":"u1","properties":{"constructor":{"prototype":{"admin":true}}}}'],
  ])('signed JSON with a %s key (prototype poisoning): 400', async (_name, body) => {
    const s = await startSegment();
    const res = await s.deliver(body);
    expect([res.statusCode, res.json().error.code]).toEqual([400, 'MALFORMED_JSON']);
    expect(await s.written()).toEqual([]);
  });

  test('a malformed event: 400 naming every problem, the first as the path', async () => {
    const s = await startSegment();
    const res = await s.deliver({ type: 'track', messageId: 'm1', event: '' });
    expect([res.statusCode, res.json().error]).toEqual([
      400,
      { code: 'MALFORMED_EVENT', message: 'body.userId: missing: an event needs userId or anonymousId; body.event: must be a non-empty string, found ""', path: 'body.userId' },
    ]);
    expect(await s.written()).toEqual([]);
    expect(await metric(s.metrics, 'segment_refused_total', { reason: 'malformed' })).toBe(1);
  });

  test('Kafka down: 503 with Retry-After and the request id; the id is not remembered, so the retry is written', async () => {
    const s = await startSegment({ retryAfterSeconds: 12 });
    s.failSends(new Error('Connection error: connect ECONNREFUSED'));
    const down = await s.deliver(track('m1'));
    expect([down.statusCode, down.headers['retry-after'], down.headers['x-request-id']]).toEqual([503, '12', down.json().requestId]);
    expect(down.json()).toEqual({ error: { code: 'KAFKA_UNAVAILABLE', message: 'Kafka did not acknowledge the event: Connection error: connect ECONNREFUSED' }, requestId: expect.stringMatching(/\S/) });
    expect(await metric(s.metrics, 'segment_refused_total', { reason: 'kafka' })).toBe(1);
    expect(s.logs).toEqual([expect.objectContaining({ level: 40, msg: 'Kafka did not acknowledge the event: Connection error: connect ECONNREFUSED', err: expect.objectContaining({ message: 'Connection error: connect ECONNREFUSED' }) })]);
    s.failSends(undefined);
    expect((await s.deliver(track('m1'))).json()).toEqual({ ok: true, duplicate: false });
    expect(await s.written()).toHaveLength(1);
  });

  test('a failure that is not Kafka (a record the codec refuses) is a 500, not a 503 Segment would retry for hours', async () => {
    const s = await startSegment();
    s.failSends(Object.assign(new Error('segment-events value: bad'), { code: 'INVALID_RECORD' }));
    const res = await s.deliver(track('m1'));
    expect([res.statusCode, res.headers['retry-after'], res.json().error.code]).toEqual([500, undefined, 'INTERNAL']);
    expect(await metric(s.metrics, 'segment_refused_total', { reason: 'kafka' })).toBe(0);
  });
});
