// Records of a request read and encoded, all of them before any is sent: one bad record fails the whole request
// with every problem of every record listed, and nothing is written.
import type { AnyTopic, BytesRecord, CodecIssue } from 'unilog/runtime';
import { ProxyError } from './errors.js';
import type { WriterSchema } from './schemas.js';

export interface RequestRecord {
  /** `undefined`: the request gave none. */
  readonly key: unknown;
  readonly value: unknown;
  /** Where the record is in the request, e.g. `records[3]` (v2) or `''` (v3, one record). */
  readonly at: string;
  readonly partition?: number;
  readonly headers?: Readonly<Record<string, Buffer>>;
  readonly timestamp?: number;
}

/** Magic byte and schema id before the Avro body (Confluent's wire format). */
const FRAME_HEADER = 5;

/** At most this many problems are listed in one message; the count says how many there were. */
const LISTED = 20;

export function encodeRecords(topic: AnyTopic, records: readonly RequestRecord[], key: WriterSchema, value: WriterSchema): BytesRecord[] {
  const issues: CodecIssue[] = [];
  const out: BytesRecord[] = [];
  const prefix = (at: string, what: string) => (at ? `${at}.${what}` : what);
  for (const r of records) {
    let keyBytes: Buffer | null = null;
    let valueBytes: Buffer | null = null;
    if (r.key === undefined) {
      // Every catalog topic is keyed: a record without a key would land on a random partition and, on a compacted
      // topic, could never be replaced or deleted.
      issues.push({ path: prefix(r.at, 'key'), message: `missing (topic ${topic.name} is keyed by ${topic.key.name})` });
    } else {
      const k = key.reader.read(r.key, prefix(r.at, 'key'));
      if (k.ok) keyBytes = checked(key, key.reader.codec.encodeFramed(k.value, key.id), prefix(r.at, 'key'), issues);
      else issues.push(...k.issues);
    }
    if (r.value === null && topic.cleanupPolicy === 'compact') {
      valueBytes = null; // a tombstone
    } else if (r.value === null) {
      issues.push({ path: prefix(r.at, 'value'), message: `null (a tombstone) needs a compacted topic, and ${topic.name}'s cleanup policy is '${topic.cleanupPolicy}'` });
    } else {
      const v = value.reader.read(r.value, prefix(r.at, 'value'));
      if (v.ok) valueBytes = checked(value, value.reader.codec.encodeFramed(v.value, value.id), prefix(r.at, 'value'), issues);
      else issues.push(...v.issues);
    }
    out.push({
      key: keyBytes,
      value: valueBytes,
      ...(r.partition === undefined ? {} : { partition: r.partition }),
      ...(r.headers === undefined ? {} : { headers: r.headers }),
      ...(r.timestamp === undefined ? {} : { timestamp: r.timestamp }),
    });
  }
  if (issues.length > 0) throw new ProxyError(42203, describeIssues(topic, issues));
  return out;
}

/** `framed` if the catalog's codec reads it back (as a consumer will), else null and an issue. */
function checked(schema: WriterSchema, framed: Buffer, path: string, issues: CodecIssue[]): Buffer | null {
  try {
    schema.readBack.decode(framed.subarray(FRAME_HEADER));
    return framed;
  } catch (error) {
    const e = error as { path?: unknown; detail?: unknown; message?: unknown };
    // A codec path starts with the record's name (`User.id`); the request's path replaces it.
    const inner = typeof e.path === 'string' ? e.path.replace(/^[^.[]*/, '') : '';
    issues.push({ path: `${path}${inner}`, message: `${typeof e.detail === 'string' ? e.detail : String(e.message)} (as the topic's consumers read it)` });
    return null;
  }
}

function describeIssues(topic: AnyTopic, issues: readonly CodecIssue[]): string {
  const listed = issues.slice(0, LISTED).map((i) => `${i.path}: ${i.message}`);
  const more = issues.length > LISTED ? `; and ${issues.length - LISTED} more` : '';
  return `${issues.length} problem(s), nothing written to ${topic.name}: ${listed.join('; ')}${more}`;
}
