/**
 * services/segment-ingest against the real broker and registry: signed Segment fixtures (test/fixtures/segment, one
 * with escaped non-ASCII, one with raw UTF-8) land once, typed, in order on one partition per user; a repeated
 * messageId is answered 200 and not written again; a bad signature (including one computed over the body parsed and
 * serialised again) is a 401 and a malformed event a 400 naming the path, and neither writes anything.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { segmentEvents } from '../../generated/topics.js';
import { defineTopic, type AnyTopic } from '../../runtime/index.js';
import { signatureOf } from '../../services/segment-ingest/src/signature.js';
import { REPO } from '../support/generate-into.js';
import { prefixedTopic, recordCount, startIngestService, type Started } from './ingest-support.js';
import { kafka, readRaw, registry, unique } from './runtime-support.js';

const SECRET = 'a-shared-secret-of-the-destination';
const FIXTURES = join(REPO, 'test', 'fixtures', 'segment');
const fixture = (name: string): Buffer => readFileSync(join(FIXTURES, name));
const client = kafka();
const prefix = `${unique('seg')}.`;
let topic: AnyTopic;
let s: Started;

beforeAll(async () => {
  topic = await prefixedTopic(client, prefix, 'segment-events');
  s = await startIngestService('segment-ingest', prefix, { sharedSecret: SECRET });
});

afterAll(async () => {
  await s?.service.stop();
});

function deliver(body: Buffer | string, signature = signatureOf(body, SECRET)): Promise<Response> {
  return fetch(`${s.url}/segment`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-signature': signature }, body });
}

describe('segment-ingest', () => {
  test('signed events land once, typed, in order; a repeated messageId is acknowledged and not written', async () => {
    const names = readdirSync(FIXTURES).sort();
    const answers: unknown[] = [];
    for (const name of names) answers.push(await (await deliver(fixture(name))).json());
    const again = await deliver(fixture('02-track.json')); // Segment delivering the same event twice
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ ok: true, duplicate: true });
    expect(answers).toEqual(names.map(() => ({ ok: true, duplicate: false })));

    const raw = await readRaw(client, topic.name, names.length);
    await new Promise((r) => setTimeout(r, 500)); // a duplicate, had it been written, would have arrived by now
    expect(await recordCount(client, topic.name)).toBe(names.length);
    const serdes = registry().topicSerdes(defineTopic({ ...segmentEvents, name: topic.name }));
    const serde = serdes.value;
    const keys = await Promise.all(raw.map((r) => serdes.key.decodeAsync(r.message.key!)));
    const ada = raw.filter((_, i) => keys[i] === 'u-ada').sort((a, b) => Number(a.message.offset) - Number(b.message.offset));
    expect(new Set(ada.map((r) => r.partition)).size).toBe(1);
    const events = await Promise.all(ada.map((r) => serde.decodeAsync(r.message.value!)));
    expect(events.map((e) => e.messageId)).toEqual(['m-identify', 'm-track', 'm-page', 'm-screen', 'm-group', 'm-alias']);
    expect(events[0]).toMatchObject({ userId: 'u-ada', anonymousId: 'anon-1', timestamp: new Date('2026-12-01T10:00:00.000Z'), sentAt: new Date('2026-12-01T10:00:01.000Z') });
    expect(JSON.parse(events[0]!.context)).toEqual({ library: { name: 'analytics.js', version: '4.1.0' }, ip: '203.0.113.7' });
    const identify = events[0]!.event as { 'com.state.segment.Identify': { traits: string } };
    expect(JSON.parse(identify['com.state.segment.Identify'].traits)).toEqual({ name: 'Ada Lovelace', city: 'Zürich' });
    expect(events[1]!.event).toEqual({ 'com.state.segment.Track': { event: 'Order Completed', properties: JSON.stringify({ dish: 'Crème brûlée 🍮', total: 9.99 }) } });
    expect(events[3]!.event).toEqual({ 'com.state.segment.Screen': { name: 'Home', category: 'Main', properties: '{}' } });
    expect(events[4]!.event).toEqual({ 'com.state.segment.Group': { groupId: 'acme', traits: '{"plan":"enterprise"}' } });
    expect(events[5]!.event).toEqual({ 'com.state.segment.Alias': { previousId: 'anon-1' } });
    const anonymous = raw[keys.indexOf('anon-2')]!;
    expect(await serde.decodeAsync(anonymous.message.value!)).toMatchObject({ messageId: 'm-anon', userId: null, anonymousId: 'anon-2' });
  });

  test('a wrong signature is 401 and a malformed event 400 naming the path; neither writes anything', async () => {
    const before = await recordCount(client, topic.name);
    const body = fixture('01-identify.json').toString('utf8').replace('m-identify', 'm-identify-2');
    const reserialised = JSON.stringify(JSON.parse(body)); // `\u00fc` becomes ü: other bytes, another signature
    expect(reserialised).not.toBe(body);
    const cases: [string, Promise<Response>, number, Record<string, unknown>][] = [
      ['signed over the body serialised again', deliver(body, signatureOf(reserialised, SECRET)), 401, { code: 'SIGNATURE_INVALID' }],
      ['signed with another secret', deliver(body, signatureOf(body, 'another-secret-entirely')), 401, { code: 'SIGNATURE_INVALID' }],
      ['no signature', fetch(`${s.url}/segment`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }), 401, { code: 'SIGNATURE_INVALID' }],
      ['a track without event', deliver(JSON.stringify({ type: 'track', messageId: 'm-x', userId: 'u', properties: [] })), 400,
        { code: 'MALFORMED_EVENT', path: 'body.event', message: 'body.event: missing; body.properties: must be an object, found an array' }],
      ['an unknown type', deliver(JSON.stringify({ type: 'purchase', messageId: 'm-y', userId: 'u' })), 400, { code: 'MALFORMED_EVENT', path: 'body.type' }],
    ];
    for (const [name, pending, status, error] of cases) {
      const res = await pending;
      expect({ name, status: res.status }).toEqual({ name, status });
      expect(((await res.json()) as { error: unknown }).error).toMatchObject(error);
    }
    expect(await recordCount(client, topic.name)).toBe(before);
  });
});
