// A Segment event (the JSON its webhook destination posts: https://segment.com/docs/connections/spec/) as a record
// of the segment-events topic. Fields common to every call are checked once; each type adds its own. Free-form
// objects (context, properties, traits) become JSON text, so the topic's schema does not change with them. Every
// problem is reported with its path (`body.properties`), not only the first.
import type { SegmentEventInput } from '../../../generated/index.js';

export const EVENT_TYPES = ['track', 'identify', 'page', 'screen', 'group', 'alias'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export interface SegmentRecord {
  readonly type: EventType;
  /** `userId ?? anonymousId`: one user's events share a partition, so they stay in order across types. */
  readonly key: string;
  readonly value: SegmentEventInput;
}

export type Parsed = { readonly ok: true; readonly record: SegmentRecord } | { readonly ok: false; readonly problems: readonly { path: string; message: string }[] };

type Json = Record<string, unknown>;

export function parseSegmentEvent(body: unknown, receivedAt: Date): Parsed {
  const problems: { path: string; message: string }[] = [];
  const fail = (path: string, message: string): undefined => void problems.push({ path: `body${path}`, message });
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, problems: [{ path: 'body', message: 'must be a JSON object (one Segment event)' }] };
  const e = body as Json;

  const type = e['type'];
  if (!EVENT_TYPES.includes(type as EventType)) fail('.type', `must be one of ${EVENT_TYPES.join(', ')}, found ${JSON.stringify(type)}`);
  const messageId = requiredString(e, 'messageId', fail);
  const userId = optionalString(e, 'userId', fail);
  const anonymousId = optionalString(e, 'anonymousId', fail);
  if (userId === null && anonymousId === null) fail('.userId', 'missing: an event needs userId or anonymousId');
  const timestamp = optionalDate(e, 'timestamp', fail) ?? receivedAt;
  const sentAt = optionalDate(e, 'sentAt', fail) ?? null;
  const context = jsonText(e, 'context', fail);

  let event: SegmentEventInput['event'] | undefined;
  switch (type as EventType) {
    case 'track': {
      const name = requiredString(e, 'event', fail);
      event = { 'com.state.segment.Track': { event: name ?? '', properties: jsonText(e, 'properties', fail) } };
      break;
    }
    case 'identify':
      event = { 'com.state.segment.Identify': { traits: jsonText(e, 'traits', fail) } };
      break;
    case 'page':
      event = { 'com.state.segment.Page': { name: optionalString(e, 'name', fail), category: optionalString(e, 'category', fail), properties: jsonText(e, 'properties', fail) } };
      break;
    case 'screen':
      event = { 'com.state.segment.Screen': { name: optionalString(e, 'name', fail), category: optionalString(e, 'category', fail), properties: jsonText(e, 'properties', fail) } };
      break;
    case 'group':
      event = { 'com.state.segment.Group': { groupId: requiredString(e, 'groupId', fail) ?? '', traits: jsonText(e, 'traits', fail) } };
      break;
    case 'alias':
      if (userId === null) fail('.userId', 'missing: an alias event needs userId (the new id)');
      event = { 'com.state.segment.Alias': { previousId: requiredString(e, 'previousId', fail) ?? '' } };
      break;
  }
  if (problems.length > 0 || event === undefined || messageId === undefined) return { ok: false, problems };
  return {
    ok: true,
    record: {
      type: type as EventType,
      key: (userId ?? anonymousId)!,
      value: { messageId, userId, anonymousId, timestamp, sentAt, receivedAt, context, event },
    },
  };
}

function requiredString(e: Json, field: string, fail: (path: string, message: string) => undefined): string | undefined {
  const v = e[field];
  if (typeof v === 'string' && v !== '') return v;
  return fail(`.${field}`, v === undefined || v === null ? 'missing' : `must be a non-empty string, found ${JSON.stringify(v)}`);
}

function optionalString(e: Json, field: string, fail: (path: string, message: string) => undefined): string | null {
  const v = e[field];
  if (v === undefined || v === null || v === '') return null;
  if (typeof v === 'string') return v;
  return fail(`.${field}`, `must be a string, found ${JSON.stringify(v)}`) ?? null;
}

function optionalDate(e: Json, field: string, fail: (path: string, message: string) => undefined): Date | undefined {
  const v = e[field];
  if (v === undefined || v === null) return undefined;
  const t = typeof v === 'string' ? Date.parse(v) : NaN;
  if (Number.isNaN(t)) return fail(`.${field}`, `must be an ISO 8601 date-time, found ${JSON.stringify(v)}`);
  return new Date(t);
}

function jsonText(e: Json, field: string, fail: (path: string, message: string) => undefined): string {
  const v = e[field];
  if (v === undefined || v === null) return '{}';
  if (typeof v !== 'object' || Array.isArray(v)) return fail(`.${field}`, `must be an object, found ${Array.isArray(v) ? 'an array' : JSON.stringify(v)}`) ?? '{}';
  return JSON.stringify(v);
}
