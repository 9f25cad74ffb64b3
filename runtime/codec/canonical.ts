/**
 * Avro Parsing Canonical Form (specification, "Parsing Canonical Form for Schemas"): full names, no attributes that do
 * not affect reading, named types spelled out once. Two schemas with the same canonical form have the same binary
 * layout, so a resolver between them is just the reader's own decoder.
 */
import type { Node } from './nodes.js';

function form(node: Node, seen: Set<string>): string {
  const q = JSON.stringify;
  switch (node.kind) {
    case 'record':
    case 'enum':
    case 'fixed': {
      if (seen.has(node.fullName)) return q(node.fullName);
      seen.add(node.fullName);
      const head = `{"name":${q(node.fullName)},"type":${q(node.kind)}`;
      if (node.kind === 'enum') return `${head},"symbols":${q(node.symbols)}}`;
      if (node.kind === 'fixed') return `${head},"size":${node.size}}`;
      const fields = node.fields.map((f) => `{"name":${q(f.name)},"type":${form(f.type, seen)}}`);
      return `${head},"fields":[${fields.join(',')}]}`;
    }
    case 'array':
      return `{"type":"array","items":${form(node.items, seen)}}`;
    case 'map':
      return `{"type":"map","values":${form(node.values, seen)}}`;
    case 'union':
      return `[${node.branches.map((b) => form(b, seen)).join(',')}]`;
    default:
      return q(node.kind);
  }
}

export function canonicalForm(root: Node): string {
  return form(root, new Set());
}
