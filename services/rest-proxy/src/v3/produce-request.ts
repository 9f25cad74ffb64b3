// The body of a Confluent REST v3 produce request (`POST /v3/clusters/{cluster_id}/topics/{topic}/records`, one
// record): `partition_id`, `headers` (values base64), `key` and `value` as `{ type?, data, schema_id? | subject +
// schema_version? | schema? }`, `timestamp`. Checked for shape, every problem listed with its path.
import { ProxyError } from '../errors.js';
import type { RequestRecord } from '../records.js';
import type { SchemaRef } from '../schemas.js';

export interface V3Request {
  readonly key: SchemaRef;
  readonly value: SchemaRef;
  readonly record: RequestRecord;
}

const TOP_LEVEL = new Set(['partition_id', 'headers', 'key', 'value', 'timestamp']);
const DATA_KEYS = new Set(['type', 'data', 'schema_id', 'subject', 'schema_version', 'schema', 'subject_name_strategy']);

export function parseV3Request(body: unknown, now: number): V3Request {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ProxyError(42206, 'the body must be a JSON object with "value" (and "key")');
  const b = body as Record<string, unknown>;
  const problems: string[] = [];
  for (const k of Object.keys(b)) if (!TOP_LEVEL.has(k)) problems.push(`${k}: unknown (expected ${[...TOP_LEVEL].join(', ')})`);
  const key = data(b['key'], 'key', problems);
  const value = data(b['value'], 'value', problems);
  let partition: number | undefined;
  if (b['partition_id'] !== undefined && b['partition_id'] !== null) {
    if (!Number.isInteger(b['partition_id']) || (b['partition_id'] as number) < 0) problems.push(`partition_id: must be an integer ≥ 0, found ${JSON.stringify(b['partition_id'])}`);
    else partition = b['partition_id'] as number;
  }
  // Set here rather than by the producer's clock, so that the answer can say it.
  let timestamp = now;
  if (b['timestamp'] !== undefined && b['timestamp'] !== null) {
    const t = typeof b['timestamp'] === 'string' ? Date.parse(b['timestamp']) : NaN;
    if (Number.isNaN(t)) problems.push(`timestamp: must be an ISO 8601 date-time, found ${JSON.stringify(b['timestamp'])}`);
    else timestamp = t;
  }
  const headers = parseHeaders(b['headers'], problems);
  if (problems.length > 0) throw new ProxyError(42206, problems.join('; '));
  return {
    key: key.ref,
    value: value.ref,
    record: {
      key: key.data,
      value: value.data === undefined ? null : value.data,
      at: '',
      timestamp,
      ...(partition === undefined ? {} : { partition }),
      ...(headers === undefined ? {} : { headers }),
    },
  };
}

function data(x: unknown, role: 'key' | 'value', problems: string[]): { ref: SchemaRef; data: unknown } {
  const none = { ref: { kind: 'catalog' } as const, data: undefined };
  if (x === undefined || x === null) return none;
  if (typeof x !== 'object' || Array.isArray(x)) return problems.push(`${role}: must be an object with "data"`), none;
  const d = x as Record<string, unknown>;
  for (const k of Object.keys(d)) if (!DATA_KEYS.has(k)) problems.push(`${role}.${k}: unknown (expected ${[...DATA_KEYS].join(', ')})`);
  if (d['type'] !== undefined && d['type'] !== 'AVRO') {
    throw new ProxyError(415, `${role}.type: ${JSON.stringify(d['type'])} is not supported: catalog topics are Avro (give "AVRO", or no type)`);
  }
  if (d['subject_name_strategy'] !== undefined) problems.push(`${role}.subject_name_strategy: not supported (the proxy uses the registry's configured strategy; give subject instead)`);
  const given = ['schema_id', 'schema', 'subject'].filter((k) => d[k] !== undefined && d[k] !== null);
  if (given.length > 1) problems.push(`${role}: give one of schema_id, schema, subject (+ schema_version), found ${given.join(', ')}`);
  let ref: SchemaRef = { kind: 'catalog' };
  if (d['schema_id'] !== undefined && d['schema_id'] !== null) {
    if (!Number.isInteger(d['schema_id']) || (d['schema_id'] as number) < 0) problems.push(`${role}.schema_id: must be an integer ≥ 0`);
    else ref = { kind: 'id', id: d['schema_id'] as number };
  } else if (typeof d['schema'] === 'string') {
    ref = { kind: 'embedded', text: d['schema'] };
  } else if (d['schema'] !== undefined && d['schema'] !== null) {
    problems.push(`${role}.schema: must be the schema as a string of JSON`);
  } else if (d['subject'] !== undefined && d['subject'] !== null) {
    const v = d['schema_version'];
    if (typeof d['subject'] !== 'string') problems.push(`${role}.subject: must be a string`);
    else if (v !== undefined && v !== null && (!Number.isInteger(v) || (v as number) < 1)) problems.push(`${role}.schema_version: must be an integer ≥ 1`);
    else ref = { kind: 'version', subject: d['subject'], version: (v as number | undefined | null) ?? 'latest' };
  } else if (d['schema_version'] !== undefined && d['schema_version'] !== null) {
    problems.push(`${role}.schema_version: needs subject`);
  }
  if (!Object.hasOwn(d, 'data')) problems.push(`${role}.data: missing`);
  return { ref, data: d['data'] };
}

function parseHeaders(x: unknown, problems: string[]): Record<string, Buffer> | undefined {
  if (x === undefined || x === null) return undefined;
  if (!Array.isArray(x)) return problems.push('headers: must be an array of {name, value}'), undefined;
  const out: Record<string, Buffer> = {};
  x.forEach((h: unknown, i: number) => {
    const at = `headers[${i}]`;
    const name = (h as { name?: unknown } | null)?.name;
    const value = (h as { value?: unknown } | null)?.value;
    if (typeof name !== 'string' || name === '') return void problems.push(`${at}.name: must be a non-empty string`);
    if (Object.hasOwn(out, name)) return void problems.push(`${at}.name: ${JSON.stringify(name)} given twice`);
    if (value !== null && value !== undefined && (typeof value !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(value))) return void problems.push(`${at}.value: must be base64`);
    out[name] = Buffer.from(typeof value === 'string' ? value : '', 'base64');
  });
  return out;
}
