/** Skipping a value written with a writer schema: for writer fields the reader does not have. */
import { CodecError } from './errors.js';
import type { Node } from './nodes.js';
import { checkItemCount } from './compile-collections.js';
import type { Reader } from './reader.js';

export type SkipFn = (r: Reader) => void;

export function compileSkipper(node: Node, memo = new Map<Node, { fn: SkipFn }>()): SkipFn {
  const hit = memo.get(node);
  if (hit) return (r) => hit.fn(r);
  const holder: { fn: SkipFn } = { fn: () => undefined };
  memo.set(node, holder);
  holder.fn = build(node, memo);
  return holder.fn;
}

function build(node: Node, memo: Map<Node, { fn: SkipFn }>): SkipFn {
  switch (node.kind) {
    case 'null':
      return () => undefined;
    case 'boolean':
      return (r) => r.skip(1);
    case 'int':
    case 'long':
    case 'enum':
      return (r) => r.skipVarint();
    case 'float':
      return (r) => r.skip(4);
    case 'double':
      return (r) => r.skip(8);
    case 'string':
    case 'bytes':
      return (r) => r.skipBytes();
    case 'fixed': {
      const size = node.size;
      return (r) => r.skip(size);
    }
    case 'array':
    case 'map': {
      const item = compileSkipper(node.kind === 'array' ? node.items : node.values, memo);
      const isMap = node.kind === 'map';
      return (r) => {
        for (let total = 0; ; ) {
          const n = r.readLong();
          if (n === 0) return;
          if (n < 0) {
            r.skip(r.readLong()); // a negative count is followed by the block's size in bytes
            continue;
          }
          total += n;
          checkItemCount(total, r, n);
          for (let i = 0; i < n; i++) {
            if (isMap) r.skipBytes();
            item(r);
            if (r.pos > r.end) throw r.truncated();
          }
        }
      };
    }
    case 'union': {
      const branches = node.branches.map((b) => compileSkipper(b, memo));
      return (r) => {
        const i = r.readLong();
        const skip = branches[i];
        if (!skip) throw new CodecError('INVALID_ENCODING', `union branch index ${i} out of range`);
        skip(r);
      };
    }
    case 'record': {
      const fields = node.fields.map((f) => compileSkipper(f.type, memo));
      return (r) => {
        for (const skip of fields) skip(r);
      };
    }
  }
}
