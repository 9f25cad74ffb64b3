/**
 * The JSON text of a schema, as JSON.stringify writes it, except that a `bigint` (a long default beyond ±(2^53−1),
 * which generated schemas keep exact) is written as its exact digits: JSON.stringify throws on a bigint, and a
 * number would have been rounded. Use it for any schema text that leaves the process (a registry, a file).
 */
import type { AvroSchema } from './schema-json.js';

export function schemaText(schema: AvroSchema): string {
  return write(schema);
}

function write(v: unknown): string {
  if (typeof v === 'bigint') return v.toString();
  if (Array.isArray(v)) return `[${v.map((x) => (x === undefined || typeof x === 'function' ? 'null' : write(x))).join(',')}]`;
  if (typeof v === 'object' && v !== null) {
    const parts: string[] = [];
    for (const k of Object.keys(v)) {
      const x = (v as Record<string, unknown>)[k];
      if (x === undefined || typeof x === 'function') continue;
      parts.push(`${JSON.stringify(k)}:${write(x)}`);
    }
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}
