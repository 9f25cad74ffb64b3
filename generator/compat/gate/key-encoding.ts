/**
 * KEY_SCHEMA_CHANGED: Kafka's default partitioner hashes the key's bytes (murmur2), so a key schema whose binary
 * encoding changes sends the same key to another partition: per-key order breaks, and a compacted topic keeps two
 * values for one key. The encoding is what Avro's Parsing Canonical Form keeps (names, field order and types, enum
 * symbols, fixed sizes); docs, defaults, aliases and custom attributes do not change a byte.
 * Returns where in the NEW key schema the first difference is, or nothing when the encoding is the same.
 */
import type { SourcePos } from '../../diagnostics.js';
import { isNamed, type TypeNode } from '../../ir.js';

export interface EncodingChange {
  readonly pos: SourcePos;
  readonly what: string;
}

export function firstEncodingChange(before: TypeNode, after: TypeNode): EncodingChange | undefined {
  const seen = new Set<string>();
  const walk = (o: TypeNode, n: TypeNode, site: SourcePos | undefined): EncodingChange | undefined => {
    const here = (what: string): EncodingChange => ({ pos: isNamed(n) && site ? site : n.pos, what });
    const kindOf = (t: TypeNode): string => (t.kind === 'primitive' ? t.type : t.kind);
    if (kindOf(o) !== kindOf(n)) return here(`${kindOf(o)} became ${kindOf(n)}`);
    if (isNamed(o) && isNamed(n)) {
      if (o.name !== n.name) return { pos: n.pos, what: `${o.kind} '${o.name}' was renamed to '${n.name}'` };
      const pair = `${o.name}`;
      if (seen.has(pair)) return undefined;
      seen.add(pair);
    }
    switch (n.kind) {
      case 'primitive':
        return undefined;
      case 'enum': {
        const old = (o as typeof n).symbols;
        return old.join(',') === n.symbols.join(',') ? undefined : { pos: n.pos, what: `enum '${n.name}' symbols changed from [${old.join(', ')}] to [${n.symbols.join(', ')}]` };
      }
      case 'fixed': {
        const old = (o as typeof n).size;
        return old === n.size ? undefined : { pos: n.pos, what: `fixed '${n.name}' size changed from ${old} to ${n.size}` };
      }
      case 'record': {
        const old = (o as typeof n).fields;
        for (let i = 0; i < Math.max(old.length, n.fields.length); i++) {
          const of = old[i];
          const nf = n.fields[i];
          if (!nf) return { pos: n.pos, what: `field '${of!.name}' was removed from '${n.name}'` };
          if (!of) return { pos: nf.pos, what: `field '${nf.name}' was added to '${n.name}'` };
          if (of.name !== nf.name) return { pos: nf.pos, what: `field ${i + 1} of '${n.name}' was '${of.name}', now '${nf.name}'` };
          const inner = walk(of.type, nf.type, nf.pos);
          if (inner) return inner;
        }
        return undefined;
      }
      case 'array':
        return walk((o as typeof n).items, n.items, site);
      case 'map':
        return walk((o as typeof n).values, n.values, site);
      case 'union': {
        const old = (o as typeof n).branches;
        if (old.length !== n.branches.length) return here(`the union went from ${old.length} to ${n.branches.length} branches`);
        for (let i = 0; i < n.branches.length; i++) {
          const inner = walk(old[i]!, n.branches[i]!, site);
          if (inner) return inner;
        }
        return undefined;
      }
    }
  };
  return walk(before, after, undefined);
}
