/**
 * Whether a record's write type (`XInput`, what a producer passes) is the same type as its read type, so that its
 * module says `export type XInput = X;` rather than a second interface with the same lines. They differ when the
 * record, or any record its fields reach, has a field with a default (optional on write) or a field that is written
 * in another type than it is read: bytes or fixed without a logical representation (a Buffer is read, any Uint8Array
 * written), arrays and maps (readonly on write). These are exactly the cases where typeExpression's `read` and `write`
 * modes differ; test/generator/input-type.test.ts holds the two together.
 */
import type { RecordNode, TypeNode } from '../ir.js';
import type { TypeMapping } from '../config/type-mapping.js';
import { logicalMapping } from './logical-types.js';

export function inputIsReadType(record: RecordNode, mapping: TypeMapping): boolean {
  const seen = new Set<RecordNode>();
  const pending: TypeNode[] = [record];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    switch (node.kind) {
      case 'record':
        if (seen.has(node)) break;
        seen.add(node);
        for (const f of node.fields) {
          if (f.default !== undefined) return false;
          pending.push(f.type);
        }
        break;
      case 'primitive':
        if (node.type === 'bytes' && !(node.logical && logicalMapping(node.logical, mapping))) return false;
        break;
      case 'fixed':
        if (!(node.logical && logicalMapping(node.logical, mapping))) return false;
        break;
      case 'array':
      case 'map':
        return false;
      case 'union':
        pending.push(...node.branches);
        break;
      case 'enum':
        break;
    }
  }
  return true;
}
