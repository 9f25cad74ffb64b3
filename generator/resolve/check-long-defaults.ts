/**
 * A `long` default beyond ±(2^53−1) is kept exact (a `bigint` from the source digits). With `long: number` the
 * generated codec could write it but never read it back (a number cannot hold it), so generate refuses it, at the
 * default, and says to use `long: bigint`.
 */
import { diagnostic, type Diagnostic, type SourcePos } from '../diagnostics.js';
import type { SchemaSet, TypeNode } from '../ir.js';
import type { TypeMapping } from '../config/type-mapping.js';

export function checkLongDefaults(set: SchemaSet, mapping: TypeMapping): Diagnostic[] {
  const out: Diagnostic[] = [];
  const exact = (t: Extract<TypeNode, { kind: 'primitive' }>): boolean => {
    const m = t.logical ? mapping.logicalTypes[t.logical.name] : 'underlying';
    return m === 'underlying' ? mapping.long === 'bigint' : m === 'bigint';
  };
  const walk = (t: TypeNode, v: unknown, pos: SourcePos, field: string): void => {
    switch (t.kind) {
      case 'primitive':
        if (t.type === 'long' && typeof v === 'bigint' && !exact(t)) {
          out.push(diagnostic(pos, 'UNSAFE_LONG_DEFAULT', `default of field '${field}' holds ${v}, which a JavaScript number cannot hold exactly (beyond ±(2^53-1)); set 'long: bigint' under 'types' in unilog.config.yaml, or use a smaller default`));
        }
        return;
      case 'array':
        if (Array.isArray(v)) for (const x of v) walk(t.items, x, pos, field);
        return;
      case 'map':
        if (isObject(v)) for (const k of Object.keys(v)) walk(t.values, v[k], pos, field);
        return;
      case 'record':
        if (isObject(v)) for (const f of t.fields) if (Object.hasOwn(v, f.name)) walk(f.type, v[f.name], pos, field);
        return;
      case 'union': {
        // A big integer can only be a number branch's; the first one is the one a codec writes.
        const numeric = t.branches.find((b) => b.kind === 'primitive' && ['int', 'long', 'float', 'double'].includes(b.type));
        if (typeof v === 'bigint' && numeric) walk(numeric, v, pos, field);
        else for (const b of t.branches) if (b.kind !== 'primitive') walk(b, v, pos, field);
        return;
      }
      default:
    }
  };
  for (const node of set.named.values()) {
    if (node.kind !== 'record') continue;
    for (const f of node.fields) if (f.default) walk(f.type, f.default.value, f.default.pos, f.name);
  }
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
