/**
 * Whether a union is wrapped, decided identically by the codec and the TypeScript type emitter.
 *
 * Every non-null branch falls in one JS "bucket" (the runtime shape of its values). A union whose non-null branches
 * all fall in distinct buckets is unwrapped: a value is written as is and the codec picks the branch from its shape.
 * If two share a bucket, the union is wrapped: a non-null value is `{ [branchName]: value }`, where the branch name is
 * the full name of a named type, else the Avro type name (for a logical type, its underlying type's name).
 *
 * Pure over plain Avro JSON: `scope.lookup` returns the JSON definition of a named type by full name, and
 * `scope.namespace` is the namespace enclosing the union (for short references and inline definitions).
 */
import { CodecError } from './errors.js';
import { logicalOf, type UnderlyingKind } from './logical-types.js';
import { fullNameOf, PRIMITIVE_NAMES, referenceCandidates } from './names.js';
import type { CodecContext } from './options.js';
import type { AvroSchema } from './schema-json.js';

export type UnionBucket = 'null' | 'boolean' | 'number' | 'bigint' | 'string' | 'bytes' | 'array' | 'object' | 'date';

export interface NameScope {
  /** Namespace enclosing the union ('' or undefined for the null namespace). */
  readonly namespace?: string | undefined;
  /** JSON definition of a named type by full name. */
  lookup(fullName: string): AvroSchema | undefined;
}

type Obj = { readonly [k: string]: unknown };

interface BranchInfo {
  readonly type: string;
  readonly json: Obj;
  /** Full name for named types. */
  readonly fullName?: string;
}

function isObj(x: unknown): x is Obj {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function byReference(ref: string, scope: NameScope): BranchInfo {
  for (const candidate of referenceCandidates(ref, scope.namespace ?? '')) {
    const def = scope.lookup(candidate);
    if (isObj(def) && typeof def.type === 'string') return { type: def.type, json: def, fullName: candidate };
  }
  throw new CodecError('INVALID_SCHEMA', `unknown type name ${JSON.stringify(ref)}`);
}

function branchInfo(branch: AvroSchema, scope: NameScope): BranchInfo {
  if (typeof branch === 'string') {
    return PRIMITIVE_NAMES.has(branch) ? { type: branch, json: {} } : byReference(branch, scope);
  }
  if (!isObj(branch)) throw new CodecError('INVALID_SCHEMA', 'a union may not contain a union directly');
  const t = branch.type;
  if (isObj(t) || Array.isArray(t)) return branchInfo(t as AvroSchema, scope);
  if (typeof t !== 'string') throw new CodecError('INVALID_SCHEMA', 'a schema object needs a "type"');
  if (t === 'record' || t === 'error' || t === 'enum' || t === 'fixed') {
    const name = typeof branch.name === 'string' ? branch.name : '';
    const ns = typeof branch.namespace === 'string' ? branch.namespace : undefined;
    return { type: t, json: branch, fullName: fullNameOf(name, ns, scope.namespace ?? '') };
  }
  if (t === 'array' || t === 'map' || PRIMITIVE_NAMES.has(t)) return { type: t, json: branch };
  return byReference(t, scope);
}

const MAPPING_BUCKET = { date: 'date', number: 'number', bigint: 'bigint', string: 'string', object: 'object' } as const;

/** The JS bucket of one union branch's values. */
export function unionBucket(branch: AvroSchema, scope: NameScope, ctx: CodecContext): UnionBucket {
  const info = branchInfo(branch, scope);
  const t = info.type;
  if (t === 'int' || t === 'long' || t === 'string' || t === 'bytes' || t === 'fixed') {
    const size = typeof info.json.size === 'number' ? info.json.size : undefined;
    const logical = logicalOf(info.json, t as UnderlyingKind, size, ctx);
    if (logical) return MAPPING_BUCKET[logical.mapping];
  }
  switch (t) {
    case 'null':
    case 'boolean':
    case 'string':
    case 'bytes':
    case 'array':
      return t;
    case 'int':
    case 'float':
    case 'double':
      return 'number';
    case 'long':
      return ctx.long === 'bigint' ? 'bigint' : 'number';
    case 'fixed':
      return 'bytes';
    case 'enum':
      return 'string';
    default: // record, error, map
      return 'object';
  }
}

/** The name a branch is known by in a wrapped union: full name for named types, else the (underlying) type name. */
export function unionBranchName(branch: AvroSchema, scope: NameScope): string {
  const info = branchInfo(branch, scope);
  return info.fullName ?? info.type;
}

/** True when two non-null branches share a bucket, so values must be wrapped as `{ [branchName]: value }`. */
export function unionIsWrapped(branches: readonly AvroSchema[], scope: NameScope, ctx: CodecContext): boolean {
  const seen = new Set<UnionBucket>();
  for (const b of branches) {
    const bucket = unionBucket(b, scope, ctx);
    if (bucket === 'null') continue;
    if (seen.has(bucket)) return true;
    seen.add(bucket);
  }
  return false;
}
