/**
 * How a union looks in TypeScript (and to the codec): unwrapped when every non-null branch has a distinct JavaScript
 * representation, so the value alone says which branch it is; otherwise wrapped as `{ "<branch name>": value }`
 * (the Avro JSON encoding's form), which a user narrows with `in`. `["null", T]` is simply `T | null`.
 * runtime/codec decides the same way from the schema JSON; the round-trip type-check test holds the two together.
 */
import type { TypeMapping } from '../config/type-mapping.js';
import type { TypeNode, UnionNode } from '../ir.js';
import { logicalMapping } from './logical-types.js';

export type Bucket = 'null' | 'boolean' | 'number' | 'bigint' | 'string' | 'bytes' | 'array' | 'object' | 'date';

export function bucketOf(node: TypeNode, mapping: TypeMapping): Bucket {
  switch (node.kind) {
    case 'primitive': {
      const logical = node.logical && logicalMapping(node.logical, mapping);
      if (logical) return logical === 'object' ? 'object' : logical;
      switch (node.type) {
        case 'null':
          return 'null';
        case 'boolean':
          return 'boolean';
        case 'long':
          return mapping.long === 'bigint' ? 'bigint' : 'number';
        case 'int':
        case 'float':
        case 'double':
          return 'number';
        case 'string':
          return 'string';
        case 'bytes':
          return 'bytes';
      }
      return 'null';
    }
    case 'fixed': {
      const logical = node.logical && logicalMapping(node.logical, mapping);
      return logical ? (logical === 'object' ? 'object' : logical) : 'bytes';
    }
    case 'enum':
      return 'string';
    case 'array':
      return 'array';
    case 'record':
    case 'map':
      return 'object';
    case 'union':
      return 'object';
  }
}

/** True when two non-null branches share a bucket. (Unions are short; comparing pairs allocates nothing.) */
export function isWrappedUnion(union: UnionNode, mapping: TypeMapping): boolean {
  const branches = union.branches;
  for (let i = 1; i < branches.length; i++) {
    const bucket = bucketOf(branches[i]!, mapping);
    if (bucket === 'null') continue;
    for (let j = 0; j < i; j++) if (bucketOf(branches[j]!, mapping) === bucket) return true;
  }
  return false;
}
