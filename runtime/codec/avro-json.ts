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
import type { FieldNode, Json, Node, RecordNode, UnionNode } from './nodes.js';
import { normaliseOptions, type CodecOptions } from './options.js';
import { parseSchema } from './parse-schema.js';
import type { AvroSchema } from './schema-json.js';
import { unionBranchName, unionIsWrapped, type NameScope } from './union-buckets.js';
import { defaultBranchIndex, jsonKindOf } from './union-default.js';

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
  const unions = new Map<UnionNode, UnionInfo>();
  const unionInfo = (node: UnionNode): UnionInfo => {
    let info = unions.get(node);
    if (!info) {
      const scope: NameScope = { namespace: node.namespace, lookup };
      const names = node.branchJson.map((b) => unionBranchName(b, scope));
      const nullIndex = node.branches.findIndex((b) => b.kind === 'null');
      const choices = names.filter((_, i) => i !== nullIndex).map((n) => `{"${n}": …}`);
      const expected = `a union value ${choices.join(' or ')}${nullIndex >= 0 ? ' or null' : ''}`;
      info = { wrapped: unionIsWrapped(node.branchJson, scope, CTX), names, nullIndex, expected };
      unions.set(node, info);
    }
    return info;
  };

  // Paths are built only when a value has a problem: the first pass reads without them (`path` undefined) and stops
  // at the first problem; a second pass then finds every problem with its path. Valid values, the common case, never
  // pay for path strings.
  function read(node: Node, json: unknown, path: string | undefined, issues: CodecIssue[]): unknown {
    switch (node.kind) {
      case 'null':
        return json === null ? null : fail(issues, path, 'null', json);
      case 'boolean':
        return typeof json === 'boolean' ? json : fail(issues, path, 'boolean', json);
      case 'int':
        return typeof json === 'number' && Number.isInteger(json) && json >= INT_MIN && json <= INT_MAX ? json : fail(issues, path, 'int (a 32-bit integer)', json);
      case 'long':
        if (typeof json === 'number' && Number.isSafeInteger(json)) return json;
        if (typeof json === 'number' && Number.isInteger(json)) return fail(issues, path, 'long within ±(2^53−1) (JSON numbers beyond lose digits)', json);
        return fail(issues, path, 'long (an integer)', json);
      case 'float':
      case 'double':
        return typeof json === 'number' ? json : fail(issues, path, node.kind, json);
      case 'string':
        return typeof json === 'string' ? json : fail(issues, path, 'string', json);
      case 'bytes':
        return typeof json === 'string' && isLatin1(json) ? Buffer.from(json, 'latin1') : fail(issues, path, 'bytes (a string of code points 0-255)', json);
      case 'fixed':
        if (typeof json === 'string' && isLatin1(json) && json.length === node.size) return Buffer.from(json, 'latin1');
        return fail(issues, path, `fixed ${node.fullName} (a string of ${node.size} code points 0-255)`, json);
      case 'enum':
        if (typeof json === 'string' && node.symbols.includes(json)) return json;
        return fail(issues, path, `one of the symbols of ${node.fullName} (${node.symbols.join(', ')})`, json);
      case 'array': {
        if (!Array.isArray(json)) return fail(issues, path, 'array', json);
        const out = new Array<unknown>(json.length);
        for (let i = 0; i < json.length; i++) out[i] = read(node.items, json[i], path === undefined ? undefined : `${path}[${i}]`, issues);
        return out;
      }
      case 'map': {
        if (!isPlainObject(json)) return fail(issues, path, 'map (a JSON object)', json);
        const out: Record<string, unknown> = {};
        for (const k of Object.keys(json)) {
          const v = read(node.values, json[k], path === undefined ? undefined : `${path}[${JSON.stringify(k)}]`, issues);
          Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
        }
        return out;
      }
      case 'record':
        return readRecord(node, json, path, issues);
      case 'union':
        return readUnion(node, json, path, issues);
    }
  }

  function readRecord(node: RecordNode, json: unknown, path: string | undefined, issues: CodecIssue[]): unknown {
    if (!isPlainObject(json)) return fail(issues, path, `record ${node.fullName} (a JSON object)`, json);
    const out: Record<string, unknown> = {};
    let given = 0;
    for (const field of node.fields) {
      const fieldPath = path === undefined ? undefined : `${path}${segment(field.name)}`;
      if (Object.hasOwn(json, field.name)) {
        given++;
        out[field.name] = read(field.type, json[field.name], fieldPath, issues);
      } else if (field.hasDefault) out[field.name] = defaultOf(field, fieldPath, issues);
      else report(issues, fieldPath, 'missing (the field has no default)');
    }
    let keys = 0;
    for (const _ in json) keys++;
    if (keys !== given) {
      const known = new Set(node.fields.map((f) => f.name));
      for (const key of Object.keys(json)) {
        if (!known.has(key)) report(issues, path === undefined ? undefined : `${path}${segment(key)}`, `not a field of ${node.fullName} (fields: ${node.fields.map((f) => f.name).join(', ')})`);
      }
    }
    return out;
  }

  /** A default is written in Avro JSON form, except that a union's is unwrapped, for the branch union-default.ts picks. */
  function defaultOf(field: FieldNode, path: string | undefined, issues: CodecIssue[]): unknown {
    const type = field.type;
    if (type.kind !== 'union') return read(type, field.default, path, issues);
    const i = Math.max(0, defaultBranchIndex(type.branches.map((b) => b.kind), jsonKindOf(field.default)));
    return wrap(type, i, read(type.branches[i]!, field.default, path, issues));
  }

  function readUnion(node: UnionNode, json: unknown, path: string | undefined, issues: CodecIssue[]): unknown {
    const info = unionInfo(node);
    if (json === null) return info.nullIndex >= 0 ? null : fail(issues, path, info.expected, json);
    if (!isPlainObject(json)) return fail(issues, path, info.expected, json);
    let branch: string | undefined;
    for (const k in json) {
      if (branch !== undefined) return fail(issues, path, info.expected, json);
      branch = k;
    }
    const index = branch === undefined ? -1 : info.names.indexOf(branch);
    if (index < 0 || index === info.nullIndex) {
      if (branch === undefined) return fail(issues, path, info.expected, json);
      return report(issues, path, `${JSON.stringify(branch)} is not a branch of this union (expected ${info.expected})`);
    }
    return wrap(node, index, read(node.branches[index]!, json[branch!], path === undefined ? undefined : `${path}${segment(branch!)}`, issues));
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
      try {
        return { ok: true, value: read(root, json, undefined, []) };
      } catch (e) {
        if (e !== FOUND) throw e;
      }
      const issues: CodecIssue[] = [];
      read(root, json, path, issues);
      return { ok: false, issues };
    },
  };
}

interface UnionInfo {
  readonly wrapped: boolean;
  /** Branch names, as Avro JSON writes them (`string`, `com.example.Place`). */
  readonly names: readonly string[];
  readonly nullIndex: number;
  /** What a value of the union looks like, for messages. */
  readonly expected: string;
}

/** Thrown by the first pass at its first problem: the second pass, with paths, finds them all. */
const FOUND: unique symbol = Symbol('problem found');

/** Records a problem (second pass) or stops the first pass. */
function report(issues: CodecIssue[], path: string | undefined, message: string): undefined {
  if (path === undefined) throw FOUND;
  issues.push({ path, message });
  return undefined;
}

function fail(issues: CodecIssue[], path: string | undefined, expected: string, json: unknown): undefined {
  return path === undefined ? report(issues, path, '') : report(issues, path, `expected ${expected}, found ${describe(json)}`);
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
