/** Enums (symbol strings, looked up in a Map so any symbol name works) and fixed (Buffer of `size` bytes). */
import { CodecError, INVALID } from './errors.js';
import { leaf, type CompiledType } from './compiled-type.js';
import type { EnumNode, FixedNode } from './nodes.js';

export function compileEnum(node: EnumNode): CompiledType {
  const symbols = node.symbols;
  const index = new Map(symbols.map((s, i) => [s, i]));
  const list = symbols.length > 5 ? `${symbols.slice(0, 5).join(' | ')} | …` : symbols.join(' | ');
  return leaf(
    `enum ${node.fullName} symbol (${list})`,
    (w, v) => {
      const i = index.get(v as string);
      if (i === undefined) throw INVALID;
      w.writeInt(i);
    },
    (r) => {
      const i = r.readInt();
      const s = symbols[i];
      if (s === undefined) throw new CodecError('INVALID_ENCODING', `enum index ${i} out of range for ${node.fullName}`);
      return s;
    },
  );
}

export function compileFixed(node: FixedNode): CompiledType {
  const size = node.size;
  return leaf(
    `fixed ${node.fullName} (Buffer or Uint8Array of ${size} bytes)`,
    (w, v) => {
      if (!(v instanceof Uint8Array) || v.length !== size) throw INVALID;
      w.writeRaw(v);
    },
    (r) => r.readFixed(size),
  );
}
