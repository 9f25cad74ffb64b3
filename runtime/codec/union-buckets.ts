/**
 * Whether a union is wrapped, decided by one rule for the codec and the TypeScript type emitter (`bucketOfType` and
 * `bucketsNeedWrapping`; the emitter applies them to the IR, the codec to schema JSON).
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
import type { CodecContext, LogicalMapping } from './options.js';
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

/**
 * The one rule, shared with the type emitter (generator/emit/union-shape.ts), which calls it from the IR: the bucket
 * of values of an Avro type (`int`, `record`, `fixed` …), given the representation chosen for its logical type, if any.
 */
export function bucketOfType(type: string, logical: Exclude<LogicalMapping, 'underlying'> | undefined, long: CodecContext['long']): UnionBucket {
  if (logical) return logical;
  switch (type) {
    case 'null':
    case 'boolean':
    case 'string':
    case 'bytes':
    case 'array':
      return type;
    case 'int':
    case 'float':
    case 'double':
      return 'number';
    case 'long':
      return long === 'bigint' ? 'bigint' : 'number';
    case 'fixed':
      return 'bytes';
    case 'enum':
      return 'string';
    default: // record, error, map
      return 'object';
  }
}

/** True when two non-null branches share a bucket, so values must be wrapped as `{ [branchName]: value }`. */
export function bucketsNeedWrapping(buckets: Iterable<UnionBucket>): boolean {
  const seen = new Set<UnionBucket>();
  for (const bucket of buckets) {
    if (bucket === 'null') continue;
    if (seen.has(bucket)) return true;
    seen.add(bucket);
  }
  return false;
}

/** The JS bucket of one union branch's values. */
export function unionBucket(branch: AvroSchema, scope: NameScope, ctx: CodecContext): UnionBucket {
  const info = branchInfo(branch, scope);
  const t = info.type;
  let logical: Exclude<LogicalMapping, 'underlying'> | undefined;
  if (t === 'int' || t === 'long' || t === 'string' || t === 'bytes' || t === 'fixed') {
    const size = typeof info.json.size === 'number' ? info.json.size : undefined;
    logical = logicalOf(info.json, t as UnderlyingKind, size, ctx)?.mapping;
  }
  return bucketOfType(t, logical, ctx.long);
}

/** The name a branch is known by in a wrapped union: full name for named types, else the (underlying) type name. */
export function unionBranchName(branch: AvroSchema, scope: NameScope): string {
  const info = branchInfo(branch, scope);
  return info.fullName ?? info.type;
}

/** Whether a union's values are wrapped (see `bucketsNeedWrapping`). */
export function unionIsWrapped(branches: readonly AvroSchema[], scope: NameScope, ctx: CodecContext): boolean {
  return bucketsNeedWrapping(branches.map((b) => unionBucket(b, scope, ctx)));
}
