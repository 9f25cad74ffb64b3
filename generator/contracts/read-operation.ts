/**
 * One Operation Object (OpenAPI 3 §4.8.10) as the runtime's `OperationSpec`: a unique `operationId` that is a
 * TypeScript identifier (it names the handler, the client method and the stub file), parameters, an
 * `application/json` request body, and the declared response statuses.
 */
import { diagnostic } from '../diagnostics.js';
import type { JsonNode, JsonObject } from '../load/json-positions.js';
import { normaliseSchema, plain, type PlainSchema, type SchemaContext } from './normalise-schema.js';
import { readParameters } from './read-parameters.js';
import { child } from './refs.js';

export interface OperationRecord {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  readonly summary?: string;
  readonly params?: PlainSchema;
  readonly query?: PlainSchema;
  readonly headers?: PlainSchema;
  readonly body?: { readonly required: boolean; readonly schema: PlainSchema };
  readonly responses: Record<string, { readonly json: boolean; readonly schema?: PlainSchema }>;
}

const OPERATION_ID = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const STATUS = /^[1-5][0-9][0-9]$/;
const JSON_MEDIA = 'application/json';

export function readOperation(path: string, method: string, op: JsonObject, pathItem: JsonObject, ctx: SchemaContext): OperationRecord | undefined {
  const idNode = child(op, 'operationId');
  const validId = idNode?.kind === 'string' && OPERATION_ID.test(idNode.value as string);
  if (!validId) {
    ctx.out.push(
      diagnostic(
        (idNode ?? op).pos,
        'INVALID_CONTRACT',
        idNode ? `operationId ${JSON.stringify(plain(idNode))} must be an identifier (letters, digits, _ or $; it names the handler)` : `${method.toUpperCase()} ${path} needs an 'operationId' (it names the handler and the client method)`,
      ),
    );
  }
  // Without a usable operationId the rest of the operation is still checked (named by method and path), so one error
  // does not hide the others; the operation itself is left out.
  const operationId = validId ? (idNode.value as string) : `${method.toUpperCase()} ${path}`;
  const params = readParameters([child(pathItem, 'parameters'), child(op, 'parameters')], ctx);
  const template = [...path.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]!);
  for (const name of template) {
    if (!params.pathNames.has(name)) ctx.out.push(diagnostic(op.pos, 'INVALID_CONTRACT', `${operationId}: path parameter '{${name}}' of '${path}' is not declared in 'parameters'`));
  }
  for (const name of params.pathNames) {
    if (!template.includes(name)) ctx.out.push(diagnostic(op.pos, 'INVALID_CONTRACT', `${operationId}: path parameter '${name}' does not appear in '${path}'`));
  }
  const summary = child(op, 'summary');
  const body = readBody(child(op, 'requestBody'), operationId, ctx);
  const responses = readResponses(child(op, 'responses'), op, operationId, ctx);
  if (!validId) return undefined;
  return {
    operationId,
    method: method.toUpperCase(),
    path,
    ...(summary?.kind === 'string' ? { summary: summary.value as string } : {}),
    ...(params.params ? { params: params.params } : {}),
    ...(params.query ? { query: params.query } : {}),
    ...(params.headers ? { headers: params.headers } : {}),
    ...(body ? { body } : {}),
    responses,
  };
}

function readBody(raw: JsonNode | undefined, operationId: string, ctx: SchemaContext): OperationRecord['body'] {
  if (!raw) return undefined;
  const node = ctx.refs.deref(raw);
  if (!node) return undefined;
  const content = child(node, 'content');
  const json = child(content, JSON_MEDIA);
  if (!json) {
    ctx.out.push(diagnostic((content ?? node).pos, 'UNSUPPORTED_CONTRACT', `${operationId}: the request body needs '${JSON_MEDIA}' content (the only media type services take)`));
    return undefined;
  }
  const schema = child(json, 'schema');
  const required = child(node, 'required');
  return { required: required?.kind === 'boolean' && required.value === true, schema: schema ? normaliseSchema(schema, ctx) : true };
}

function readResponses(raw: JsonNode | undefined, op: JsonObject, operationId: string, ctx: SchemaContext): OperationRecord['responses'] {
  if (raw?.kind !== 'object' || raw.entries.length === 0) {
    ctx.out.push(diagnostic((raw ?? op).pos, 'INVALID_CONTRACT', `${operationId} needs 'responses' with at least one status`));
    return {};
  }
  const out: Record<string, { json: boolean; schema?: PlainSchema }> = {};
  for (const e of raw.entries) {
    if (e.key !== 'default' && !STATUS.test(e.key)) {
      ctx.out.push(diagnostic(e.keyPos, 'INVALID_CONTRACT', `response status '${e.key}' must be a three-digit status or 'default'`));
      continue;
    }
    const response = ctx.refs.deref(e.value);
    if (!response) continue;
    const content = child(response, 'content');
    if (content && content.kind === 'object' && content.entries.length > 0 && !child(content, JSON_MEDIA)) {
      ctx.out.push(diagnostic(content.pos, 'UNSUPPORTED_CONTRACT', `${operationId} ${e.key}: responses carry '${JSON_MEDIA}' or no content`));
    }
    const json = child(content, JSON_MEDIA);
    const schema = child(json, 'schema');
    out[e.key] = schema ? { json: true, schema: normaliseSchema(schema, ctx) } : { json: json !== undefined };
  }
  return out;
}
