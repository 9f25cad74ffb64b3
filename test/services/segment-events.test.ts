/**
 * Each Segment call type as the record segment-ingest writes (what it adds under `event`, free-form objects as JSON
 * text), and each kind of field problem with its path and message.
 */
import { describe, expect, test } from 'vitest';
import { parseSegmentEvent } from '../../services/segment-ingest/src/events.js';

const at = new Date('2026-12-07T00:00:00Z');
const common = { messageId: 'm', userId: 'u' };

describe('every call type', () => {
  test.each([
    ['track', { event: 'Bought', properties: { sku: 1 } }, { 'com.state.segment.Track': { event: 'Bought', properties: '{"sku":1}' } }],
    ['track without properties', { type: 'track', event: 'Bought' }, { 'com.state.segment.Track': { event: 'Bought', properties: '{}' } }],
    ['identify', { traits: { name: 'Ada' } }, { 'com.state.segment.Identify': { traits: '{"name":"Ada"}' } }],
    ['identify without traits', { type: 'identify', traits: null }, { 'com.state.segment.Identify': { traits: '{}' } }],
    ['page', { name: 'Home', category: 'Docs', properties: { path: '/' } }, { 'com.state.segment.Page': { name: 'Home', category: 'Docs', properties: '{"path":"/"}' } }],
    ['screen', { name: 'Settings', category: 'App', properties: { dark: true } }, { 'com.state.segment.Screen': { name: 'Settings', category: 'App', properties: '{"dark":true}' } }],
    ['screen without a name', { type: 'screen' }, { 'com.state.segment.Screen': { name: null, category: null, properties: '{}' } }],
    ['group', { groupId: 'g1', traits: { size: 3 } }, { 'com.state.segment.Group': { groupId: 'g1', traits: '{"size":3}' } }],
    ['alias', { previousId: 'anon-1' }, { 'com.state.segment.Alias': { previousId: 'anon-1' } }],
  ])('%s', (name, fields, event) => {
    const type = name.split(' ')[0]!;
    const parsed = parseSegmentEvent({ type, ...common, ...fields }, at);
    expect(parsed).toEqual({ ok: true, record: { type, key: 'u', value: expect.objectContaining({ messageId: 'm', userId: 'u', event }) } });
  });

  test('null or empty where a field may be absent; sentAt and context given', () => {
    const nulls = parseSegmentEvent({ type: 'identify', messageId: 'm', userId: null, anonymousId: 'a', timestamp: null, sentAt: null, context: null }, at);
    expect(nulls).toEqual({ ok: true, record: { type: 'identify', key: 'a', value: expect.objectContaining({ userId: null, timestamp: at, sentAt: null, context: '{}' }) } });
    const parsed = parseSegmentEvent({ type: 'identify', messageId: 'm', userId: '', anonymousId: 'a', sentAt: '2026-12-06T23:59:59Z', context: { ip: '::1' } }, at);
    expect(parsed).toEqual({
      ok: true,
      record: { type: 'identify', key: 'a', value: { messageId: 'm', userId: null, anonymousId: 'a', timestamp: at, sentAt: new Date('2026-12-06T23:59:59Z'), receivedAt: at, context: '{"ip":"::1"}', event: { 'com.state.segment.Identify': { traits: '{}' } } } },
    });
  });
});

describe('problems, each with its path', () => {
  test.each([
    ['null', null, ['body: must be a JSON object (one Segment event)']],
    ['a string', 'track', ['body: must be a JSON object (one Segment event)']],
    ['a number', 7, ['body: must be a JSON object (one Segment event)']],
    ['no type', { ...common }, ['body.type: must be one of track, identify, page, screen, group, alias, found undefined']],
    ['a messageId null', { type: 'identify', messageId: null, userId: 'u' }, ['body.messageId: missing']],
    ['an empty messageId', { type: 'identify', messageId: '', userId: 'u' }, ['body.messageId: must be a non-empty string, found ""']],
    ['a userId that is not a string', { type: 'identify', messageId: 'm', userId: 5, anonymousId: 'a' }, ['body.userId: must be a string, found 5']],
    ['a timestamp that is not a string', { type: 'identify', ...common, timestamp: 1700000000000 }, ['body.timestamp: must be an ISO 8601 date-time, found 1700000000000']],
    ['a timestamp in a list', { type: 'identify', ...common, timestamp: ['2026-12-01T00:00:00Z'] }, ['body.timestamp: must be an ISO 8601 date-time, found ["2026-12-01T00:00:00Z"]']],
    ['a sentAt that is not a date', { type: 'identify', ...common, sentAt: 'later' }, ['body.sentAt: must be an ISO 8601 date-time, found "later"']],
    ['context an array', { type: 'identify', ...common, context: [1] }, ['body.context: must be an object, found an array']],
    ['a track without event', { type: 'track', ...common, properties: 3 }, ['body.event: missing', 'body.properties: must be an object, found 3']],
    ['a page name that is not a string', { type: 'page', ...common, name: 1, category: true }, ['body.name: must be a string, found 1', 'body.category: must be a string, found true']],
    ['a screen with properties not an object', { type: 'screen', ...common, properties: 'x' }, ['body.properties: must be an object, found "x"']],
    ['an identify with traits not an object', { type: 'identify', ...common, traits: [] }, ['body.traits: must be an object, found an array']],
    ['an alias without previousId', { type: 'alias', ...common }, ['body.previousId: missing']],
  ])('%s', (_name, body, problems) => {
    const parsed = parseSegmentEvent(body, at);
    expect(parsed.ok ? [] : parsed.problems.map((p) => `${p.path}: ${p.message}`)).toEqual(problems);
  });
});
