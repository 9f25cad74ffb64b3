// The body of a Confluent REST v2 produce request (`application/vnd.kafka.avro.v2+json`), checked for shape: every
// problem is listed with its path, and none is fatal to finding the others.
import { ProxyError } from '../errors.js';
import type { RequestRecord } from '../records.js';
import type { SchemaRef } from '../schemas.js';

export interface V2Request {
  readonly key: SchemaRef;
  readonly value: SchemaRef;
  readonly records: readonly RequestRecord[];
}

const TOP_LEVEL = new Set(['key_schema', 'key_schema_id', 'value_schema', 'value_schema_id', 'records']);
const RECORD_KEYS = new Set(['key', 'value', 'partition']);

/** `pathPartition`: the partition of `/topics/{t}/partitions/{p}`, which every record goes to. */
export function parseV2Request(body: unknown, maxRecords: number, pathPartition: number | undefined): V2Request {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ProxyError(42206, 'the body must be a JSON object with "records"');
  const b = body as Record<string, unknown>;
  const problems: string[] = [];
  for (const k of Object.keys(b)) if (!TOP_LEVEL.has(k)) problems.push(`${k}: unknown (expected ${[...TOP_LEVEL].join(', ')})`);
  const key = schemaRef(b, 'key', problems);
  const value = schemaRef(b, 'value', problems);
  const records: RequestRecord[] = [];
  if (!Array.isArray(b['records']) || b['records'].length === 0) {
    problems.push('records: must be a non-empty array');
  } else if (b['records'].length > maxRecords) {
    throw new ProxyError(413, `records: ${b['records'].length} records, more than the ${maxRecords} one request may hold (app.maxRecords)`);
  } else {
    b['records'].forEach((r: unknown, i: number) => {
      const at = `records[${i}]`;
      if (typeof r !== 'object' || r === null || Array.isArray(r)) return void problems.push(`${at}: must be an object with "value" (and "key")`);
      const rec = r as Record<string, unknown>;
      for (const k of Object.keys(rec)) if (!RECORD_KEYS.has(k)) problems.push(`${at}.${k}: unknown (expected key, value, partition)`);
      if (!Object.hasOwn(rec, 'value')) problems.push(`${at}.value: missing`);
      let partition = pathPartition;
      if (rec['partition'] !== undefined && rec['partition'] !== null) {
        if (pathPartition !== undefined) problems.push(`${at}.partition: not allowed when the URL names the partition`);
        else if (!Number.isInteger(rec['partition']) || (rec['partition'] as number) < 0) problems.push(`${at}.partition: must be an integer ≥ 0, found ${JSON.stringify(rec['partition'])}`);
        else partition = rec['partition'] as number;
      }
      records.push({ key: rec['key'] ?? undefined, value: rec['value'], at, ...(partition === undefined ? {} : { partition }) });
    });
  }
  if (problems.length > 0) throw new ProxyError(42206, problems.join('; '));
  return { key, value, records };
}

function schemaRef(b: Record<string, unknown>, role: 'key' | 'value', problems: string[]): SchemaRef {
  const text = b[`${role}_schema`];
  const id = b[`${role}_schema_id`];
  const hasText = text !== undefined && text !== null;
  const hasId = id !== undefined && id !== null;
  if (hasText && hasId) problems.push(`${role}_schema, ${role}_schema_id: give one of them, not both`);
  if (hasId) {
    if (!Number.isInteger(id) || (id as number) < 0) problems.push(`${role}_schema_id: must be a schema id (an integer ≥ 0), found ${JSON.stringify(id)}`);
    else return { kind: 'id', id: id as number };
  }
  if (hasText) {
    if (typeof text !== 'string') problems.push(`${role}_schema: must be the schema as a string of JSON, found ${typeof text}`);
    else return { kind: 'embedded', text };
  }
  return { kind: 'catalog' };
}
