/**
 * Parameter Objects (OpenAPI 3 §4.8.12) of one operation, path-level ones merged in (the operation's win by name and
 * location), as the three object schemas the runtime validates: path params, query and headers. Only the `schema`
 * form is supported, not `content`; cookie parameters are not supported.
 */
import { diagnostic, type SourcePos } from '../diagnostics.js';
import type { JsonNode } from '../load/json-positions.js';
import { normaliseSchema, type PlainSchema, type SchemaContext } from './normalise-schema.js';
import { child } from './refs.js';

export interface ParameterSchemas {
  readonly params?: PlainSchema;
  readonly query?: PlainSchema;
  readonly headers?: PlainSchema;
  /** Path parameter names declared, for the template check. */
  readonly pathNames: ReadonlySet<string>;
}

interface Param {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header';
  readonly required: boolean;
  readonly schema: PlainSchema;
  readonly pos: SourcePos;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function readParameters(lists: readonly (JsonNode | undefined)[], ctx: SchemaContext): ParameterSchemas {
  const byKey = new Map<string, Param>();
  for (const list of lists) {
    if (!list) continue;
    if (list.kind !== 'array') {
      ctx.out.push(diagnostic(list.pos, 'INVALID_CONTRACT', "'parameters' must be a list"));
      continue;
    }
    for (const item of list.items) {
      const p = readParameter(item, ctx);
      if (p) byKey.set(`${p.in}\u0000${p.name}`, p);
    }
  }
  const group = (where: Param['in']): PlainSchema | undefined => {
    const ps = [...byKey.values()].filter((p) => p.in === where);
    if (ps.length === 0) return undefined;
    const required = ps.filter((p) => p.required).map((p) => p.name);
    return { type: 'object', properties: Object.fromEntries(ps.map((p) => [p.name, p.schema])), ...(required.length ? { required } : {}) };
  };
  const params = group('path');
  const query = group('query');
  const headers = group('header');
  return {
    ...(params ? { params } : {}),
    ...(query ? { query } : {}),
    ...(headers ? { headers } : {}),
    pathNames: new Set([...byKey.values()].filter((p) => p.in === 'path').map((p) => p.name)),
  };
}

function readParameter(item: JsonNode, ctx: SchemaContext): Param | undefined {
  const node = ctx.refs.deref(item);
  if (!node) return undefined;
  if (node.kind !== 'object') {
    ctx.out.push(diagnostic(node.pos, 'INVALID_CONTRACT', 'a parameter must be a mapping'));
    return undefined;
  }
  const name = child(node, 'name');
  const where = child(node, 'in');
  if (name?.kind !== 'string' || !name.value) {
    ctx.out.push(diagnostic(node.pos, 'INVALID_CONTRACT', "a parameter needs a 'name'"));
    return undefined;
  }
  if (where?.kind !== 'string' || !['path', 'query', 'header', 'cookie'].includes(where.value as string)) {
    ctx.out.push(diagnostic(where?.pos ?? node.pos, 'INVALID_CONTRACT', `parameter '${name.value}' needs 'in': path, query or header`));
    return undefined;
  }
  if (where.value === 'cookie') {
    ctx.out.push(diagnostic(where.pos, 'UNSUPPORTED_CONTRACT', `cookie parameter '${name.value}': cookie parameters are not supported`));
    return undefined;
  }
  const n = name.value as string;
  if (where.value !== 'header' && !IDENTIFIER.test(n)) {
    ctx.out.push(diagnostic(name.pos, 'INVALID_CONTRACT', `${where.value} parameter name '${n}' must be a plain identifier (letters, digits, _)`));
  }
  const schema = child(node, 'schema');
  if (!schema) {
    const content = child(node, 'content');
    ctx.out.push(diagnostic((content ?? node).pos, 'UNSUPPORTED_CONTRACT', `parameter '${n}' needs a 'schema' ('content' parameters are not supported)`));
    return undefined;
  }
  const requiredNode = child(node, 'required');
  const required = requiredNode?.kind === 'boolean' && requiredNode.value === true;
  if (where.value === 'path' && !required) {
    ctx.out.push(diagnostic(requiredNode?.pos ?? node.pos, 'INVALID_CONTRACT', `path parameter '${n}' must have 'required: true'`));
  }
  return {
    name: where.value === 'header' ? n.toLowerCase() : n,
    in: where.value as Param['in'],
    required,
    schema: normaliseSchema(schema, ctx),
    pos: node.pos,
  };
}
