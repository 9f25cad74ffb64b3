/**
 * Parsing Canonical Form (spec §Parsing Canonical Form for Schemas) of a type in the graph: full names, and only the
 * attributes that decide the binary encoding (fields with their types, symbols, sizes). Two definitions of one name
 * with the same form are the same type (Apache Avro Java accepts such a redefinition, as in its multi-file tests).
 */
import { isNamed, type TypeNode } from '../ir.js';

export function canonicalForm(node: TypeNode, seen = new Set<string>()): string {
  const q = JSON.stringify;
  if (isNamed(node)) {
    if (seen.has(node.name)) return q(node.name);
    seen.add(node.name);
    const head = `{"name":${q(node.name)},"type":${q(node.kind === 'record' && node.isError ? 'error' : node.kind)}`;
    if (node.kind === 'enum') return `${head},"symbols":${q(node.symbols)}}`;
    if (node.kind === 'fixed') return `${head},"size":${node.size}}`;
    return `${head},"fields":[${node.fields.map((f) => `{"name":${q(f.name)},"type":${canonicalForm(f.type, seen)}}`).join(',')}]}`;
  }
  switch (node.kind) {
    case 'array':
      return `{"type":"array","items":${canonicalForm(node.items, seen)}}`;
    case 'map':
      return `{"type":"map","values":${canonicalForm(node.values, seen)}}`;
    case 'union':
      return `[${node.branches.map((b) => canonicalForm(b, seen)).join(',')}]`;
    default:
      return q(node.type);
  }
}
