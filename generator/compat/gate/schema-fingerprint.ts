/**
 * A string that is equal for two schemas exactly when the compatibility checker cannot tell them apart: Parsing
 * Canonical Form plus what resolution also reads (aliases, which fields have defaults, the enum default). Used to
 * collapse a history in which most commits did not touch a given schema.
 */
import { isNamed, type TypeNode } from '../../ir.js';

export function schemaFingerprint(node: TypeNode, seen = new Set<string>()): string {
  const q = JSON.stringify;
  if (isNamed(node)) {
    if (seen.has(node.name)) return q(node.name);
    seen.add(node.name);
    const head = `{"name":${q(node.name)},"type":${q(node.kind)},"aliases":${q(node.aliases)}`;
    if (node.kind === 'enum') return `${head},"symbols":${q(node.symbols)},"default":${q(node.default ?? null)}}`;
    if (node.kind === 'fixed') return `${head},"size":${node.size}}`;
    const fields = node.fields.map(
      (f) => `{"name":${q(f.name)},"aliases":${q(f.aliases)},"hasDefault":${f.default !== undefined},"type":${schemaFingerprint(f.type, seen)}}`,
    );
    return `${head},"fields":[${fields.join(',')}]}`;
  }
  switch (node.kind) {
    case 'array':
      return `{"type":"array","items":${schemaFingerprint(node.items, seen)}}`;
    case 'map':
      return `{"type":"map","values":${schemaFingerprint(node.values, seen)}}`;
    case 'union':
      return `[${node.branches.map((b) => schemaFingerprint(b, seen)).join(',')}]`;
    default:
      return q(node.type);
  }
}
