/**
 * Unions (Avro specification, "Unions"). Unwrapped when the non-null branches fall in distinct JS buckets (the branch
 * is picked from the value's shape), wrapped as `{ [branchName]: value }` otherwise; `union-buckets.ts` decides, so
 * the type emitter agrees. null is always plain `null`.
 */
import { CodecError, INVALID, propSegment } from './errors.js';
import { describeValue } from './describe.js';
import type { CompiledType } from './compiled-type.js';
import type { Reader } from './reader.js';
import type { UnionBucket } from './union-buckets.js';

export interface UnionBranch {
  readonly type: CompiledType;
  readonly bucket: UnionBucket;
  readonly name: string;
}

/** The bucket of a JS value, as `unionBucket` names the bucket of a branch. */
function bucketOfValue(v: unknown): UnionBucket | undefined {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'boolean':
    case 'number':
    case 'bigint':
    case 'string':
      return typeof v as UnionBucket;
    case 'object':
      if (Array.isArray(v)) return 'array';
      if (v instanceof Uint8Array) return 'bytes';
      if (v instanceof Date) return 'date';
      return 'object';
    default:
      return undefined;
  }
}

function readIndex(r: Reader, n: number): number {
  const i = r.readLong();
  if (i < 0 || i >= n) throw new CodecError('INVALID_ENCODING', `union branch index ${i} out of range (${n} branches)`);
  return i;
}

function describeUnion(branches: readonly UnionBranch[], wrapped: boolean): string {
  const alts = branches.map((b) => (b.bucket === 'null' ? 'null' : wrapped ? `{ ${JSON.stringify(b.name)}: ${b.type.expected} }` : b.type.expected));
  return alts.join(' | ');
}

function unwrapped(branches: readonly UnionBranch[]): CompiledType {
  const byBucket = new Map<UnionBucket, number>(branches.map((b, i) => [b.bucket, i]));
  const types = branches.map((b) => b.type);
  const n = types.length;
  const expected = describeUnion(branches, false);
  const decode = (r: Reader): unknown => types[readIndex(r, n)]!.decode(r);
  const check = (v: unknown, path: string, issues: { path: string; message: string }[]): void => {
    const i = byBucket.get(bucketOfValue(v) as UnionBucket);
    if (i === undefined) issues.push({ path, message: `expected ${expected}, found ${describeValue(v)}` });
    else types[i]!.check(v, path, issues);
  };
  const nullAt = byBucket.get('null');
  if (n === 2 && nullAt !== undefined) {
    // ["null", T] or [T, "null"]: the common optional value
    const other = 1 - nullAt;
    const t = types[other]!;
    const nullByte = nullAt << 1; // zig-zag varint of a small index is one byte
    const otherByte = other << 1;
    return {
      expected,
      encode(w, v) {
        if (v === null) return w.writeByte(nullByte);
        w.writeByte(otherByte);
        t.encode(w, v);
      },
      decode: (r) => (readIndex(r, 2) === nullAt ? null : t.decode(r)),
      check,
    };
  }
  return {
    expected,
    encode(w, v) {
      const i = byBucket.get(bucketOfValue(v) as UnionBucket);
      if (i === undefined) throw INVALID;
      w.writeLong(i);
      types[i]!.encode(w, v);
    },
    decode,
    check,
  };
}

function wrapped(branches: readonly UnionBranch[]): CompiledType {
  const byName = new Map<string, number>();
  branches.forEach((b, i) => b.bucket !== 'null' && byName.set(b.name, i));
  const nullAt = branches.findIndex((b) => b.bucket === 'null');
  const types = branches.map((b) => b.type);
  const wrap = branches.map((b) => (b.bucket === 'null' ? () => null : (v: unknown) => ({ [b.name]: v })));
  const n = types.length;
  const expected = describeUnion(branches, true);
  /** The branch index of a wrapped value, or -1. */
  const branchOf = (v: unknown): number => {
    if (v === null) return nullAt;
    if (typeof v !== 'object' || Array.isArray(v)) return -1;
    const keys = Object.keys(v);
    return keys.length === 1 ? (byName.get(keys[0]!) ?? -1) : -1;
  };
  return {
    expected,
    encode(w, v) {
      const i = branchOf(v);
      if (i < 0) throw INVALID;
      w.writeLong(i);
      if (v !== null) {
        const inner = (v as Record<string, unknown>)[branches[i]!.name];
        types[i]!.encode(w, inner);
      }
    },
    decode(r) {
      const i = readIndex(r, n);
      return wrap[i]!(types[i]!.decode(r));
    },
    check(v, path, issues) {
      const i = branchOf(v);
      if (i < 0) issues.push({ path, message: `expected ${expected}, found ${describeValue(v)}` });
      else if (v !== null) {
        const name = branches[i]!.name;
        types[i]!.check((v as Record<string, unknown>)[name], `${path}${propSegment(name)}`, issues);
      }
    },
  };
}

export function compileUnion(branches: readonly UnionBranch[], isWrapped: boolean): CompiledType {
  return isWrapped ? wrapped(branches) : unwrapped(branches);
}
