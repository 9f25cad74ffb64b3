/**
 * Local references of an OpenAPI document (`#/components/...`), followed on the positioned tree so a broken one is
 * reported at the `$ref` that names it. References to other files or URLs are not supported (a contract is one file).
 */
import { diagnostic, type Diagnostic, type SourcePos } from '../diagnostics.js';
import type { JsonNode } from '../load/json-positions.js';

export function child(node: JsonNode | undefined, key: string): JsonNode | undefined {
  if (!node) return undefined;
  if (node.kind === 'object') return node.entries.find((e) => e.key === key)?.value;
  if (node.kind === 'array' && /^\d+$/.test(key)) return node.items[Number(key)];
  return undefined;
}

/** The `$ref` string of a reference object, if `node` is one. */
export function refOf(node: JsonNode): { ref: string; pos: SourcePos } | undefined {
  const r = child(node, '$ref');
  return r?.kind === 'string' ? { ref: r.value as string, pos: r.pos } : undefined;
}

export function pointerSegments(ref: string): string[] | undefined {
  if (!ref.startsWith('#/')) return undefined;
  return ref
    .slice(2)
    .split('/')
    .map((s) => decodeURIComponent(s).replace(/~1/g, '/').replace(/~0/g, '~'));
}

export class Refs {
  constructor(
    private readonly root: JsonNode,
    private readonly out: Diagnostic[],
  ) {}

  /** The node a pointer names, or undefined (reported) when it names nothing or is not local. */
  lookup(ref: string, pos: SourcePos): JsonNode | undefined {
    const segments = pointerSegments(ref);
    if (!segments) {
      this.out.push(diagnostic(pos, 'UNSUPPORTED_REF', `only references inside the contract ('#/components/...') are supported, found '${ref}'`));
      return undefined;
    }
    let node: JsonNode | undefined = this.root;
    for (const s of segments) node = child(node, s);
    if (!node) this.out.push(diagnostic(pos, 'UNRESOLVED_REF', `'${ref}' does not name anything in this contract`));
    return node;
  }

  /** Follows reference objects until a node that is not one (parameters, bodies, responses). */
  deref(node: JsonNode): JsonNode | undefined {
    let current: JsonNode | undefined = node;
    for (let hops = 0; current && hops < 32; hops++) {
      const r = refOf(current);
      if (!r) return current;
      current = this.lookup(r.ref, r.pos);
    }
    if (current) this.out.push(diagnostic(node.pos, 'REF_CYCLE', 'references that never end in a value'));
    return undefined;
  }
}
