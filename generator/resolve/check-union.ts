/** Union rules (spec §Unions): no two branches of the same type, and no union directly inside a union. */
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { branchName, type TypeNode, type UnionNode } from '../ir.js';
import type { JsonNode } from '../load/json-positions.js';

export function checkUnion(union: UnionNode, items: readonly JsonNode[], isBroken: (n: TypeNode) => boolean): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  union.branches.forEach((branch, i) => {
    const item = items[i]!;
    if (isBroken(branch)) return;
    if (branch.kind === 'union') {
      out.push(diagnostic(item.pos, 'NESTED_UNION', 'a union may not directly contain another union'));
      return;
    }
    const key = branchName(branch);
    if (seen.has(key)) {
      out.push(diagnostic(item.pos, 'DUPLICATE_UNION_BRANCH', `union already has a '${key}' branch`));
      return;
    }
    seen.add(key);
  });
  return out;
}
