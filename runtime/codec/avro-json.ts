/**
 * Avro's JSON encoding (Avro specification, "JSON Encoding"), read into values the codec writes: what Confluent's REST
 * proxy accepts as `application/vnd.kafka.avro.v2+json`. A non-null union value is `{ "<branch name>": value }`
 * (the full name of a named type, else the type name), bytes and fixed are strings of code points 0–255, and a record
 * field that is absent takes its default. Logical types are read as their underlying type (an instant is its long),
 * as the encoding defines them, so the values are for a codec with `AVRO_JSON_CODEC_OPTIONS`.
 *
 * Stricter than Java's JsonDecoder on purpose: a property that is not a field of its record is an issue (a misspelt
 * field would otherwise be dropped silently, its default written). Every issue names its path, e.g.
 * `value.address.city` or `value.tags[3]`, and all of them are reported, not only the first.
 */
import { createCodec, type Codec } from './codec.js';
import type { CodecIssue } from './errors.js';
import type { EnumNode, FieldNode, FixedNode, Json, Node, RecordNode, UnionNode } from './nodes.js';
import { normaliseOptions, type CodecOptions } from './options.js';
import { parseSchema } from './parse-schema.js';
import type { AvroSchema } from './schema-json.js';
import { unionBranchName, unionIsWrapped, type NameScope } from './union-buckets.js';

/** The codec options the values read from Avro JSON are for: every logical type as its underlying type. */
export const AVRO_JSON_CODEC_OPTIONS: CodecOptions = Object.freeze({ long: 'number', logicalTypes: false });

export type AvroJsonResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly issues: readonly CodecIssue[] };

export interface AvroJsonReader {
  /** The standalone schema it reads with. */
  readonly schema: AvroSchema;
  /** The codec that writes what `read` returns (raw or framed Avro binary). */
  readonly codec: Codec<unknown, unknown>;
  /** Reads one value; `path` prefixes every issue (default `value`). */
  read(json: unknown, path?: string): AvroJsonResult;
}

const CTX = normaliseOptions(AVRO_JSON_CODEC_OPTIONS);
const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;

/** Compiles `schema` (standalone: every named type defined in it) once; throws INVALID_SCHEMA when it is not valid. */
export function avroJsonReader(schema: AvroSchema): AvroJsonReader {
  const parsed = parseSchema(schema);
  const codec = createCodec<unknown, unknown>(schema, AVRO_JSON_CODEC_OPTIONS);
  codec.validate(null); // compiles now, so a bad schema fails here and not on the first request
  const lookup = (fullName: string): AvroSchema | undefined => parsed.named.get(fullName)?.json as AvroSchema | undefined;
  const unions = new Map<UnionNode, { wrapped: boolean; names: string[] }>();
  const unionInfo = (node: UnionNode) => {
    let info = unions.get(node);
    if (!info) {
      const scope: NameScope = { namespace: node.namespace, lookup };
      info = { wrapped: unionIsWrapped(node.branchJson, scope, CTX), names: node.branchJson.map((b) => unionBranchName(b, scope)) };
      unions.set(node, info);
    }
    return info;
  };

  function read(node: Node, json: unknown, path: string, issues: CodecIssue[]): unknown {
    const fail = (expected: string): undefined => void issues.push({ path, message: `expected ${expected}, found ${describe(json)}` });
    switch (node.kind) {
      case 'null':
        return json === null ? null : fail('null');
      case 'boolean':
        return typeof json === 'boolean' ? json : fail('boolean');
      case 'int':
        return typeof json === 'number' && Number.isInteger(json) && json >= INT_MIN && json <= INT_MAX ? json : fail('int (a 32-bit integer)');
      case 'long':
        if (typeof json === 'number' && Number.isInteger(json) && !Number.isSafeInteger(json)) return fail('long within ±(2^53−1) (JSON numbers beyond lose digits)');
        return typeof json === 'number' && Number.isSafeInteger(json) ? json : fail('long (an integer)');
      case 'float':
      case 'double':
        return typeof json === 'number' ? json : fail(node.kind);
      case 'string':
        return typeof json === 'string' ? json : fail('string');
      case 'bytes':
        return typeof json === 'string' && isLatin1(json) ? Buffer.from(json, 'latin1') : fail('bytes (a string of code points 0-255)');
      case 'fixed':
        return readFixed(node, json, fail);
      case 'enum':
        return readEnum(node, json, fail);
      case 'array':
        if (!Array.isArray(json)) return fail('array');
        return json.map((item, i) => read(node.items, item, `${path}[${i}]`, issues));
      case 'map': {
        if (!isPlainObject(json)) return fail('map (a JSON object)');
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(json)) Object.defineProperty(out, k, { value: read(node.values, v, `${path}[${JSON.stringify(k)}]`, issues), enumerable: true, writable: true, configurable: true });
        return out;
      }
      case 'record':
        return readRecord(node, json, path, issues, fail);
      case 'union':
        return readUnion(node, json, path, issues, fail);
    }
  }

  function readRecord(node: RecordNode, json: unknown, path: string, issues: CodecIssue[], fail: (e: string) => undefined): unknown {
    if (!isPlainObject(json)) return fail(`record ${node.fullName} (a JSON object)`);
    const out: Record<string, unknown> = {};
    const known = new Set<string>();
    for (const field of node.fields) {
      known.add(field.name);
      const fieldPath = `${path}${segment(field.name)}`;
      if (Object.hasOwn(json, field.name)) out[field.name] = read(field.type, json[field.name], fieldPath, issues);
      else if (field.hasDefault) out[field.name] = defaultOf(field, fieldPath, issues);
      else issues.push({ path: fieldPath, message: 'missing (the field has no default)' });
    }
    for (const key of Object.keys(json)) {
      if (!known.has(key)) issues.push({ path: `${path}${segment(key)}`, message: `not a field of ${node.fullName} (fields: ${node.fields.map((f) => f.name).join(', ')})` });
    }
    return out;
  }

  /** A default is written in Avro JSON form, except that a union's is for its first branch, unwrapped. */
  function defaultOf(field: FieldNode, path: string, issues: CodecIssue[]): unknown {
    const type = field.type;
    if (type.kind !== 'union') return read(type, field.default, path, issues);
    const first = type.branches[0]!;
    return wrap(type, 0, read(first, field.default, path, issues));
  }

  function readUnion(node: UnionNode, json: unknown, path: string, issues: CodecIssue[], fail: (e: string) => undefined): unknown {
    const info = unionInfo(node);
    const nullIndex = node.branches.findIndex((b) => b.kind === 'null');
    if (json === null) return nullIndex >= 0 ? null : fail(`one of ${info.names.map((n) => `{"${n}": …}`).join(', ')}`);
    const choices = info.names.filter((_, i) => i !== nullIndex).map((n) => `{"${n}": …}`);
    const expected = `a union value ${choices.join(' or ')}${nullIndex >= 0 ? ' or null' : ''}`;
    if (!isPlainObject(json)) return fail(expected);
    const keys = Object.keys(json);
    if (keys.length !== 1) return fail(expected);
    const index = info.names.indexOf(keys[0]!);
    if (index < 0 || index === nullIndex) {
      issues.push({ path, message: `${JSON.stringify(keys[0])} is not a branch of this union (expected ${expected})` });
      return undefined;
    }
    return wrap(node, index, read(node.branches[index]!, json[keys[0]!], `${path}${segment(keys[0]!)}`, issues));
  }

  function wrap(node: UnionNode, index: number, value: unknown): unknown {
    if (node.branches[index]!.kind === 'null' || value === null) return value;
    const info = unionInfo(node);
    return info.wrapped ? { [info.names[index]!]: value } : value;
  }

  const root = parsed.root;
  return {
    schema,
    codec,
    read(json, path = 'value') {
      const issues: CodecIssue[] = [];
      const value = read(root, json, path, issues);
      return issues.length === 0 ? { ok: true, value } : { ok: false, issues };
    },
  };
}

function readFixed(node: FixedNode, json: unknown, fail: (e: string) => undefined): unknown {
  if (typeof json !== 'string' || !isLatin1(json) || json.length !== node.size) return fail(`fixed ${node.fullName} (a string of ${node.size} code points 0-255)`);
  return Buffer.from(json, 'latin1');
}

function readEnum(node: EnumNode, json: unknown, fail: (e: string) => undefined): unknown {
  if (typeof json === 'string' && node.symbols.includes(json)) return json;
  return fail(`one of the symbols of ${node.fullName} (${node.symbols.join(', ')})`);
}

function isLatin1(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0xff) return false;
  return true;
}

function isPlainObject(x: unknown): x is Json {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function segment(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

function describe(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'an array';
  if (typeof x === 'object') return 'an object';
  if (typeof x === 'string') return `string ${JSON.stringify(x.length > 40 ? `${x.slice(0, 40)}…` : x)}`;
  return `${typeof x} ${String(x)}`;
}
