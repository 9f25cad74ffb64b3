/**
 * What a topic's Avro value schema becomes in a search index: a strict mapping (`dynamic: strict`, so a document that
 * does not fit is refused rather than widening the index), and the function that turns a decoded value into the
 * document written. Both come from one walk of the schema, so a document always fits its mapping.
 *
 * | Avro | field type | document value |
 * | --- | --- | --- |
 * | string, uuid, enum, decimal | `keyword`; a string listed in `text`: `text` with its analyzer, plus a `keyword` subfield | as is (decimal as its exact string) |
 * | int, long, time-* | `integer`, `long` | number (a bigint as its digits) |
 * | float, double | `float`, `double` | number (NaN and ±Infinity, which JSON cannot hold, as null) |
 * | boolean | `boolean` | as is |
 * | timestamp-*, local-timestamp-*, date | `date` | ISO-8601, sub-millisecond digits kept (the engine indexes milliseconds) |
 * | bytes, fixed | `binary` (stored, not searchable) | base64 |
 * | record, duration | `object` with its fields | object |
 * | array of records | `nested` (a query matches within one element) | array |
 * | array of anything else | the items' type (every field may hold several values) | array |
 * | map | `flat_object` (every leaf searchable as a keyword) | object |
 * | `["null", T]` | T's | null or T's |
 * | any other union, a recursive reference, `null` | `object` with `enabled: false`: kept in `_source`, not searchable | as JSON |
 *
 * Paths in the options are field names joined by dots from the top record (`user.bio`; an array adds no step).
 */
import { logicalOf, normaliseOptions, type AvroSchema, type CodecContext } from '../codec/index.js';
import type { Node, RecordNode } from '../codec/nodes.js';
import { parseSchema } from '../codec/parse-schema.js';
import { UnilogError } from '../errors.js';

export interface IndexSchemaOptions {
  /** String fields indexed as full text, by path, with the analyzer to use (`english`, `standard`, …). */
  readonly text?: Readonly<Record<string, string>>;
  /** Fields left out of the documents and the mapping, by path (large blobs, private data). */
  readonly exclude?: readonly string[];
}

/** A field's mapping, as OpenSearch takes it. */
export type FieldMapping = { readonly [k: string]: unknown };

export interface IndexMapping {
  readonly dynamic: 'strict';
  readonly properties: Readonly<Record<string, FieldMapping>>;
}

export interface IndexSchema {
  readonly mapping: IndexMapping;
  /** The document for one decoded value of the schema. */
  toDocument(value: unknown): Record<string, unknown>;
}

type Convert = (value: unknown) => unknown;
interface Compiled {
  readonly mapping: FieldMapping;
  readonly convert: Convert;
}

const NOT_INDEXED: FieldMapping = { type: 'object', enabled: false };
const TEXT_KEYWORD = { keyword: { type: 'keyword', ignore_above: 256 } };

/** Compiles `schema` (a record, with every named type it uses defined inline: `codec.standaloneSchema()`). */
export function indexSchemaOf(schema: AvroSchema, options: IndexSchemaOptions = {}): IndexSchema {
  const { root } = parseSchema(schema);
  if (root.kind !== 'record') throw new UnilogError('INVALID_CONFIG', `an index needs a record schema, not ${root.kind}`);
  const walk = new Walk(options);
  const top = walk.record(root, '', []);
  const problems = walk.unusedOptions();
  if (problems.length) throw new UnilogError('INVALID_CONFIG', `index options for ${root.fullName}: ${problems.join('; ')}`);
  return {
    mapping: { dynamic: 'strict', properties: top.properties },
    toDocument: top.convert as (value: unknown) => Record<string, unknown>,
  };
}

class Walk {
  private readonly ctx: CodecContext = normaliseOptions({});
  private readonly text: Map<string, string>;
  private readonly exclude: Set<string>;
  private readonly used = new Set<string>();
  private readonly problems: string[] = [];

  constructor(options: IndexSchemaOptions) {
    this.text = new Map(Object.entries(options.text ?? {}));
    this.exclude = new Set(options.exclude ?? []);
  }

  record(node: RecordNode, path: string, stack: readonly string[]): { properties: Record<string, FieldMapping>; convert: Convert } {
    const properties: Record<string, FieldMapping> = {};
    const fields: [string, Convert][] = [];
    const inner = [...stack, node.fullName];
    for (const field of node.fields) {
      const at = path ? `${path}.${field.name}` : field.name;
      if (this.exclude.has(at)) {
        this.used.add(at);
        continue;
      }
      const c = this.node(field.type, at, inner);
      properties[field.name] = c.mapping;
      fields.push([field.name, c.convert]);
    }
    const convert: Convert = (value) => {
      const v = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [name, conv] of fields) out[name] = conv(v[name]);
      return out;
    };
    return { properties, convert };
  }

  private node(node: Node, path: string, stack: readonly string[]): Compiled {
    const analyzer = this.text.get(path);
    if (analyzer !== undefined) this.used.add(path);
    const textual = (n: Node): boolean => n.kind === 'string' && !logicalOf(n.json, 'string', undefined, this.ctx);
    if (analyzer !== undefined && !textual(node) && !(node.kind === 'union' && nonNull(node.branches).every(textual)) && !(node.kind === 'array' && textual(node.items))) {
      this.problems.push(`'${path}' is listed in text but is not a string field`);
    }
    switch (node.kind) {
      case 'null':
        return { mapping: NOT_INDEXED, convert: asJson };
      case 'boolean':
        return { mapping: { type: 'boolean' }, convert: same };
      case 'int':
      case 'long':
        return this.integer(node.kind, node.json);
      case 'float':
      case 'double':
        return { mapping: { type: node.kind }, convert: finite };
      case 'string': {
        if (logicalOf(node.json, 'string', undefined, this.ctx) === undefined && analyzer !== undefined) {
          return { mapping: { type: 'text', analyzer, fields: TEXT_KEYWORD }, convert: same };
        }
        return { mapping: { type: 'keyword' }, convert: same };
      }
      case 'enum':
        return { mapping: { type: 'keyword' }, convert: same };
      case 'bytes':
      case 'fixed':
        return this.binary(node.kind, node.json, node.kind === 'fixed' ? node.size : undefined);
      case 'record': {
        if (stack.includes(node.fullName)) return { mapping: NOT_INDEXED, convert: asJson };
        const r = this.record(node, path, stack);
        return { mapping: { properties: r.properties }, convert: r.convert };
      }
      case 'array': {
        const item = this.node(node.items, path, stack);
        const mapping = nestedIfObject(item.mapping);
        return { mapping, convert: (v) => (v as unknown[]).map(item.convert) };
      }
      case 'map':
        return { mapping: { type: 'flat_object' }, convert: asJson };
      case 'union': {
        const branches = nonNull(node.branches);
        if (branches.length !== 1) return { mapping: NOT_INDEXED, convert: asJson };
        const one = this.node(branches[0]!, path, stack);
        return { mapping: one.mapping, convert: (v) => (v === null || v === undefined ? null : one.convert(v)) };
      }
    }
  }

  private integer(kind: 'int' | 'long', json: { readonly [k: string]: unknown }): Compiled {
    const logical = logicalOf(json, kind, undefined, this.ctx);
    switch (logical?.name) {
      case 'date':
        return { mapping: { type: 'date' }, convert: (v) => (v instanceof Date ? v.toISOString() : new Date(Number(v) * 86_400_000).toISOString()) };
      case 'timestamp-millis':
      case 'local-timestamp-millis':
        return { mapping: { type: 'date' }, convert: (v) => (v instanceof Date ? v.toISOString() : isoOf(v, 1n)) };
      case 'timestamp-micros':
      case 'local-timestamp-micros':
        return { mapping: { type: 'date' }, convert: (v) => isoOf(v, 1_000n) };
      case 'timestamp-nanos':
      case 'local-timestamp-nanos':
        return { mapping: { type: 'date' }, convert: (v) => isoOf(v, 1_000_000n) };
      default:
        return { mapping: { type: kind === 'int' ? 'integer' : 'long' }, convert: integerValue };
    }
  }

  private binary(kind: 'bytes' | 'fixed', json: { readonly [k: string]: unknown }, size: number | undefined): Compiled {
    const logical = logicalOf(json, kind, size, this.ctx);
    if (logical?.name === 'decimal' || logical?.name === 'uuid') return { mapping: { type: 'keyword' }, convert: (v) => (typeof v === 'bigint' ? v.toString() : v) };
    if (logical?.name === 'duration') {
      return { mapping: { properties: { months: { type: 'long' }, days: { type: 'long' }, milliseconds: { type: 'long' } } }, convert: same };
    }
    return { mapping: { type: 'binary' }, convert: (v) => Buffer.from(v as Uint8Array).toString('base64') };
  }

  unusedOptions(): string[] {
    const out = [...this.problems];
    for (const path of this.text.keys()) if (!this.used.has(path)) out.push(`text field '${path}' is not a field of the schema`);
    for (const path of this.exclude) if (!this.used.has(path)) out.push(`excluded field '${path}' is not a field of the schema`);
    return out;
  }
}

function nonNull(branches: readonly Node[]): Node[] {
  return branches.filter((b) => b.kind !== 'null');
}

/** An array of objects is `nested`, so that a query on two of an element's fields matches within one element. */
function nestedIfObject(item: FieldMapping): FieldMapping {
  if ('properties' in item && item['type'] === undefined) return { type: 'nested', properties: item['properties'] };
  return item;
}

const same: Convert = (v) => v;
const finite: Convert = (v) => (Number.isFinite(v) ? v : null);
const integerValue: Convert = (v) => (typeof v === 'bigint' ? v.toString() : v);

/** Any decoded value as JSON: Buffers as base64, bigints as digits, Dates as ISO-8601. */
function asJson(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return typeof value === 'bigint' ? value.toString() : typeof value === 'number' ? finite(value) : value;
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(asJson);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = asJson(v);
  return out;
}

/** ISO-8601 of a count of 1/`perMs` milliseconds since the epoch, with its sub-millisecond digits. */
function isoOf(value: unknown, perMs: bigint): string {
  const n = BigInt(value as number | bigint);
  let ms = n / perMs;
  let rest = n % perMs;
  if (rest < 0n) {
    ms -= 1n;
    rest += perMs;
  }
  const iso = new Date(Number(ms)).toISOString();
  if (perMs === 1n) return iso;
  const digits = rest.toString().padStart(perMs.toString().length - 1, '0');
  return `${iso.slice(0, -1)}${digits}Z`;
}
