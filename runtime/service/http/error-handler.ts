/**
 * Every error the application port sends has one shape, `{ error: { code, message, path? }, requestId }`: contract
 * validation failures (400 with the failing values' paths), body limits (413), media types (415), unknown routes (404),
 * known paths under another method (405),
 * `HttpError`s thrown by handlers, and anything else (500, with the stack trace in the log, never in the body).
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { pathMatcher } from '../contract/path-template.js';
import type { ContractSpec } from '../contract/spec.js';
import { HttpError, type ErrorBody, type ErrorDetail } from './error-codes.js';
import { REQUEST_ID_HEADER } from './request-id.js';

interface ValidationIssue {
  readonly instancePath: string;
  readonly keyword: string;
  readonly message?: string;
  readonly params: Record<string, unknown>;
}

const CONTEXTS: Readonly<Record<string, string>> = { querystring: 'query', params: 'params', body: 'body', headers: 'headers' };

export function errorBody(request: FastifyRequest, code: string, message: string, path?: string, details?: readonly ErrorDetail[]): ErrorBody {
  const error = path === undefined ? { code, message } : { code, message, path };
  return { error: details === undefined ? error : { ...error, details }, requestId: request.id };
}

/** How many failing values a 400 lists: enough to fix a form in one go, never an unbounded echo of the request. */
const MAX_DETAILS = 10;

/** `body` + `/items/0/name` (+ a missing property) → `body.items[0].name`. */
export function validationPath(context: string, issue: ValidationIssue): string {
  let path = CONTEXTS[context] ?? context;
  const segments = issue.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const missing = issue.keyword === 'required' ? issue.params['missingProperty'] : issue.keyword === 'additionalProperties' ? issue.params['additionalProperty'] : undefined;
  if (typeof missing === 'string') segments.push(missing);
  for (const s of segments) path += /^\d+$/.test(s) ? `[${s}]` : /^[A-Za-z_$][\w$]*$/.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`;
  return path;
}

function validationMessage(path: string, issue: ValidationIssue): string {
  if (issue.keyword === 'required') return `${path} is required`;
  if (issue.keyword === 'additionalProperties') return `${path} is not allowed`;
  // The request view of a contract gives read-only properties the schema `false` (contract/views.ts).
  if (issue.keyword === 'false schema') return `${path} is read-only (the service sets it)`;
  if (issue.keyword === 'enum') return `${path} must be one of ${(issue.params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  return `${path} ${issue.message ?? 'is not valid'}`;
}

export function handleError(error: FastifyError & { validationContext?: string }, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  reply.header(REQUEST_ID_HEADER, request.id);
  if (error instanceof HttpError) {
    if (error.status === 501 || error.status === 503) request.log.warn({ code: error.code }, error.message);
    else if (error.status >= 500) request.log.error({ err: error }, error.message);
    return reply.code(error.status).send(errorBody(request, error.code, error.message, error.path));
  }
  const issues = (error.validation ?? []) as readonly ValidationIssue[];
  if (issues.length > 0) {
    const details = issues.map((issue) => {
      const path = validationPath(error.validationContext ?? 'body', issue);
      return { path, message: validationMessage(path, issue) };
    });
    const first = details[0]!;
    if (details.length === 1) return reply.code(400).send(errorBody(request, 'BAD_REQUEST', first.message, first.path));
    const message = `${first.message} (and ${details.length - 1} more problem${details.length === 2 ? '' : 's'}${details.length > MAX_DETAILS ? `; the first ${MAX_DETAILS} are in details` : ''})`;
    return reply.code(400).send(errorBody(request, 'BAD_REQUEST', message, first.path, details.slice(0, MAX_DETAILS)));
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return reply.code(413).send(errorBody(request, 'PAYLOAD_TOO_LARGE', error.message));
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return reply.code(415).send(errorBody(request, 'UNSUPPORTED_MEDIA_TYPE', `unsupported content type '${request.headers['content-type'] ?? ''}' (send application/json)`));
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return reply.code(400).send(errorBody(request, 'MALFORMED_JSON', error.message, 'body'));
  }
  if (error instanceof SyntaxError && error.statusCode === 400) return reply.code(400).send(errorBody(request, 'MALFORMED_JSON', error.message, 'body'));
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) return reply.code(status).send(errorBody(request, error.code ?? 'BAD_REQUEST', error.message));
  request.log.error({ err: error }, 'handler failed');
  return reply.code(500).send(errorBody(request, 'INTERNAL', 'internal error'));
}

/**
 * No route matched: 405 with `Allow` when the path is one of the contract's under another method, else 404. fastify
 * itself answers 404 for both, which tells a client its URL is wrong when only its method is.
 */
export function notFoundHandler(contract: ContractSpec): (request: FastifyRequest, reply: FastifyReply) => FastifyReply {
  const templates = Object.values(contract.operations).map((op) => ({ method: op.method, matches: pathMatcher(op.path) }));
  return (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    const path = request.url.split('?')[0]!;
    const methods = new Set(templates.filter((t) => t.matches(path)).map((t) => t.method));
    // fastify answers HEAD for every GET route.
    if (methods.has('GET')) methods.add('HEAD');
    if (methods.size === 0) return reply.code(404).send(errorBody(request, 'ROUTE_NOT_FOUND', `no operation ${request.method} ${path}`));
    const allow = [...methods].sort();
    return reply.code(405).header('allow', allow.join(', ')).send(errorBody(request, 'METHOD_NOT_ALLOWED', `${path} has no ${request.method} operation (it has ${allow.join(', ')})`));
  };
}
