/**
 * An OpenAPI Schema Object (3.0 or 3.1) as the JSON Schema the runtime validates with (ajv, draft-07 plus `$defs`).
 * References to `#/components/schemas/X` become `<contract>#/$defs/X` (the runtime registers the contract's schemas
 * under its name); 3.0's `nullable` and boolean `exclusiveMinimum/Maximum` become their JSON Schema forms; keywords
 * that only document (descriptions, examples, xml, discriminator, `x-*`) are left out; `readOnly`/`writeOnly` stay (the
 * runtime derives its request and response views from them). A property whose schema is `false` gets `{ not: {} }`
 * instead: the runtime uses a `false` property itself to mark read-only properties in the request view. Object keys keep source order.
 */
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import type { JsonNode } from '../load/json-positions.js';
import { pointerSegments, refOf, type Refs } from './refs.js';

const VALIDATION_KEYWORDS = new Set([
  'type', 'enum', 'const', 'format', 'default',
  'multipleOf', 'maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum',
  'maxLength', 'minLength', 'pattern',
  'items', 'prefixItems', 'additionalItems', 'maxItems', 'minItems', 'uniqueItems', 'contains',
  'maxProperties', 'minProperties', 'required', 'properties', 'patternProperties', 'additionalProperties', 'propertyNames',
  'dependentRequired', 'allOf', 'anyOf', 'oneOf', 'not', 'if', 'then', 'else',
  // Annotations the runtime acts on: a readOnly property is refused in requests, a writeOnly one left out of responses.
  'readOnly', 'writeOnly',
]);
/** Keywords whose value is a map of names to schemas, or a list of schemas, or one schema. */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties']);
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);
const SCHEMA_ONE = new Set(['items', 'additionalItems', 'additionalProperties', 'not', 'contains', 'propertyNames', 'if', 'then', 'else']);

export interface SchemaContext {
  readonly contract: string;
  readonly refs: Refs;
  readonly out: Diagnostic[];
  /** Names under `components.schemas`. */
  readonly schemaNames: ReadonlySet<string>;
}

export type PlainSchema = boolean | { [keyword: string]: unknown };

export function normaliseSchema(node: JsonNode, ctx: SchemaContext, depth = 0): PlainSchema {
  if (node.kind === 'boolean') return node.value as boolean;
  if (node.kind !== 'object') {
    ctx.out.push(diagnostic(node.pos, 'INVALID_SCHEMA', 'a schema must be a mapping (or true/false)'));
    return true;
  }
  const ref = refOf(node);
  if (ref) return normaliseRef(ref, node, ctx, depth);
  const out: Record<string, unknown> = {};
  for (const e of node.entries) {
    if (!VALIDATION_KEYWORDS.has(e.key)) continue;
    if (SCHEMA_MAPS.has(e.key) && e.value.kind === 'object') {
      out[e.key] = Object.fromEntries(e.value.entries.map((p) => [p.key, p.value.kind === 'boolean' && p.value.value === false ? { not: {} } : normaliseSchema(p.value, ctx, depth + 1)]));
    } else if (SCHEMA_LISTS.has(e.key) && e.value.kind === 'array') {
      out[e.key] = e.value.items.map((s) => normaliseSchema(s, ctx, depth + 1));
    } else if (SCHEMA_ONE.has(e.key) && (e.value.kind === 'object' || e.value.kind === 'boolean')) {
      out[e.key] = normaliseSchema(e.value, ctx, depth + 1);
    } else {
      out[e.key] = plain(e.value);
    }
  }
  applyOpenApi30(node, out);
  return out;
}

function normaliseRef(ref: { ref: string; pos: JsonNode['pos'] }, node: JsonNode, ctx: SchemaContext, depth: number): PlainSchema {
  const segments = pointerSegments(ref.ref);
  if (segments?.length === 3 && segments[0] === 'components' && segments[1] === 'schemas') {
    if (!ctx.schemaNames.has(segments[2]!)) {
      ctx.out.push(diagnostic(ref.pos, 'UNRESOLVED_REF', `'${ref.ref}' does not name a schema in components.schemas`));
      return true;
    }
    return { $ref: `${ctx.contract}#/$defs/${segments[2]!}` };
  }
  // Any other local pointer (into a property of a named schema, say) is inlined.
  const target = ctx.refs.lookup(ref.ref, ref.pos);
  if (!target) return true;
  if (depth > 64) {
    ctx.out.push(diagnostic(node.pos, 'REF_CYCLE', `'${ref.ref}' refers back to itself; point at components.schemas instead`));
    return true;
  }
  return normaliseSchema(target, ctx, depth + 1);
}

/** 3.0's `nullable: true` and boolean exclusive bounds, in JSON Schema terms. */
function applyOpenApi30(node: JsonNode & { kind: 'object' }, out: Record<string, unknown>): void {
  const get = (k: string): JsonNode | undefined => node.entries.find((e) => e.key === k)?.value;
  for (const [flag, bound] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
    if (out[flag] === true && typeof out[bound] === 'number') {
      out[flag] = out[bound];
      delete out[bound];
    } else if (typeof out[flag] === 'boolean') delete out[flag];
  }
  const nullable = get('nullable');
  if (nullable?.kind !== 'boolean' || nullable.value !== true) return;
  if (typeof out['type'] === 'string') out['type'] = [out['type'], 'null'];
  else if (Array.isArray(out['type']) && !out['type'].includes('null')) out['type'] = [...(out['type'] as unknown[]), 'null'];
  if (Array.isArray(out['enum']) && !out['enum'].includes(null)) out['enum'] = [...(out['enum'] as unknown[]), null];
  if (out['type'] === undefined && out['enum'] === undefined) {
    const copy = { ...out };
    for (const k of Object.keys(out)) delete out[k];
    out['anyOf'] = [copy, { type: 'null' }];
  }
}

export function plain(node: JsonNode): unknown {
  if (node.kind === 'object') return Object.fromEntries(node.entries.map((e) => [e.key, plain(e.value)]));
  if (node.kind === 'array') return node.items.map(plain);
  return node.value;
}
