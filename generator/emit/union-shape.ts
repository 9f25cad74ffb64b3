/**
 * How a union looks in TypeScript (and to the codec): unwrapped when every non-null branch has a distinct JavaScript
 * representation, so the value alone says which branch it is; otherwise wrapped as `{ "<branch name>": value }`
 * (the Avro JSON encoding's form), which a user narrows with `in`. `["null", T]` is simply `T | null`.
 * The rule itself is the codec's (`bucketOfType`, `bucketsNeedWrapping` in runtime/codec/union-buckets.ts); this file
 * only reads each branch's type and logical representation from the IR.
 */
import { bucketOfType, bucketsNeedWrapping, type UnionBucket } from '../../runtime/codec/union-buckets.js';
import type { TypeMapping } from '../config/type-mapping.js';
import type { TypeNode, UnionNode } from '../ir.js';
import { logicalMapping } from './logical-types.js';

export function bucketOf(node: TypeNode, mapping: TypeMapping): UnionBucket {
  const type = node.kind === 'primitive' ? node.type : node.kind;
  const logical = (node.kind === 'primitive' || node.kind === 'fixed') && node.logical ? logicalMapping(node.logical, mapping) || undefined : undefined;
  return bucketOfType(type, logical, mapping.long);
}

export function isWrappedUnion(union: UnionNode, mapping: TypeMapping): boolean {
  return bucketsNeedWrapping(union.branches.map((b) => bucketOf(b, mapping)));
}
