/**
 * The request and response views of a contract's schemas (OpenAPI's readOnly/writeOnly): in a request, a `readOnly`
 * property is not required and not allowed (its schema becomes `false`); in a response, a `writeOnly` property is not
 * required and left out. References between the contract's schemas are pointed at the same view of the target, which
 * the server registers under `<contract>.request` and `<contract>.response`.
 */
import type { ContractSpec, JsonSchema } from './spec.js';

export type View = 'request' | 'response';

export function viewId(contract: string, view: View): string {
  return `${contract}.${view}`;
}

/** Keywords whose values are data, not schemas: copied as they are. */
const DATA_KEYWORDS = new Set(['enum', 'const', 'default', 'examples']);

/** `schema` as `view` sees it, as a copy (the input is untouched). */
export function schemaView(schema: JsonSchema, view: View, contract: string): JsonSchema {
  const dropped = view === 'request' ? 'readOnly' : 'writeOnly';
  const refPrefix = `${contract}#/`;
  const target = `${viewId(contract, view)}#/`;
  const walk = (s: unknown): unknown => {
    if (Array.isArray(s)) return s.map(walk);
    if (typeof s !== 'object' || s === null) return s;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(s as Record<string, unknown>)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith(refPrefix)) out[k] = target + v.slice(refPrefix.length);
      else if (k === 'properties' && typeof v === 'object' && v !== null) out[k] = viewProperties(v as Record<string, unknown>);
      else out[k] = DATA_KEYWORDS.has(k) ? v : walk(v);
    }
    const marked = markedProperties(s as Record<string, unknown>);
    if (marked.size > 0 && Array.isArray(out['required'])) out['required'] = (out['required'] as unknown[]).filter((n) => !marked.has(n as string));
    return out;
  };
  const markedProperties = (s: Record<string, unknown>): Set<string> => {
    const props = s['properties'];
    if (typeof props !== 'object' || props === null) return new Set();
    return new Set(Object.entries(props).filter(([, p]) => isMarked(p, dropped)).map(([n]) => n));
  };
  const viewProperties = (props: Record<string, unknown>): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [name, p] of Object.entries(props)) {
      if (!isMarked(p, dropped)) out[name] = walk(p);
      // Refused in requests (a 400 says it is read-only); in responses simply not there, so never serialised.
      else if (view === 'request') out[name] = false;
    }
    return out;
  };
  return walk(schema) as JsonSchema;
}

/** The contract's named schemas as `view` sees them, for registering under `viewId(contract, view)`. */
export function viewDefs(contract: ContractSpec, view: View): Record<string, JsonSchema> {
  return Object.fromEntries(Object.entries(contract.schemas).map(([n, s]) => [n, schemaView(s, view, contract.name)]));
}

function isMarked(p: unknown, marker: 'readOnly' | 'writeOnly'): boolean {
  return typeof p === 'object' && p !== null && (p as Record<string, unknown>)[marker] === true;
}
