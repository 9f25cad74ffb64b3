/**
 * The contract's operations as fastify routes: path, query, header and body schemas from the request view of the
 * contract (validated before the handler runs, all but the body coerced, see request-validators.ts; read-only
 * properties are refused), and the handler's result sent with the operation's primary success status, or with the
 * status of a `reply(status, body)`. Success bodies with a declared schema are serialised from its response view
 * (fast-json-stringify): write-only and undeclared properties never leave the service, and serialising costs less
 * than `JSON.stringify`. With a `ResponseCheck`, they are validated first.
 */
import { context } from '@opentelemetry/api';
import type { FastifyPluginCallback, FastifyReply, FastifyRequest, FastifySchema } from 'fastify';
import { UnilogError } from '../../errors.js';
import type { Handler, HandlerRequest } from '../contract/handler-types.js';
import { Reply } from '../contract/reply.js';
import { primaryStatus, type ContractSpec, type JsonSchema, type OperationSpec } from '../contract/spec.js';
import { toRoutePath } from '../contract/path-template.js';
import { schemaView, viewDefs, viewId, type View } from '../contract/views.js';
import { requestContext } from './request-tracing.js';
import type { ResponseCheck } from './response-check.js';

export function checkHandlers(contract: ContractSpec, handlers: Readonly<Record<string, unknown>>): void {
  const missing = Object.keys(contract.operations).filter((id) => typeof handlers[id] !== 'function');
  const extra = Object.keys(handlers).filter((id) => !Object.hasOwn(contract.operations, id));
  const problems = [
    ...(missing.length ? [`no handler for ${missing.join(', ')}`] : []),
    ...(extra.length ? [`handlers for operations the contract does not have: ${extra.join(', ')}`] : []),
  ];
  if (problems.length) throw new UnilogError('HANDLERS_MISMATCH', `service '${contract.name}': ${problems.join('; ')}`);
}

export interface ContractRoutesOptions {
  readonly contract: ContractSpec;
  /** One per operation (`checkHandlers` has checked them). */
  readonly handlers: Readonly<Record<string, Handler<unknown, unknown>>>;
  readonly ctx: unknown;
  readonly checkResponse?: ResponseCheck;
}

/** The contract's operations, as a fastify plugin. */
export const contractRoutes: FastifyPluginCallback<ContractRoutesOptions> = (app, { contract, handlers, ctx, checkResponse }, done) => {
  const view = (schema: JsonSchema, v: View) => schemaView(schema, v, contract.name);
  if (Object.keys(contract.schemas).length > 0) {
    for (const v of ['request', 'response'] as const) {
      app.addSchema({ $id: viewId(contract.name, v), $defs: viewDefs(contract, v) });
    }
  }
  for (const [id, op] of Object.entries(contract.operations)) {
    const handler = handlers[id]!;
    const primary = primaryStatus(op);
    const optionalBody = op.body !== undefined && !op.body.required;
    app.route({
      method: op.method,
      url: toRoutePath(op.path),
      schema: routeSchema(op, view),
      ...(optionalBody ? { preValidation: nullForMissingBody } : {}),
      // Async on purpose: a body returned from a promise is sent after the request is parsed, which measured cheaper
      // (about 1 µs a request) than sending it from inside the parser's callback.
      async handler(request: FastifyRequest, reply: FastifyReply) {
        if (optionalBody && request.body === null) request.body = undefined;
        // In the request's span: what the handler produces or calls continues its trace.
        const result = await context.with(requestContext(request), handler, undefined, request as unknown as HandlerRequest<unknown>, ctx);
        if (result instanceof Reply) return sendReply(reply, result, id, checkResponse);
        checkResponse?.(id, primary, result);
        if (primary !== 200) reply.code(primary);
        return result === undefined ? reply.send() : result;
      },
    });
  }
  done();
};

function sendReply(reply: FastifyReply, result: Reply<number, unknown>, operationId: string, checkResponse: ResponseCheck | undefined): unknown {
  checkResponse?.(operationId, result.status, result.body);
  reply.code(result.status);
  if (result.headers) reply.headers(result.headers);
  return result.body === undefined ? reply.send() : result.body;
}

function nullForMissingBody(request: FastifyRequest, _reply: FastifyReply, done: () => void): void {
  if (request.body === undefined) request.body = null;
  done();
}

function routeSchema(op: OperationSpec, view: (schema: JsonSchema, v: View) => JsonSchema): FastifySchema {
  const schema: Record<string, unknown> = {};
  if (op.params) schema['params'] = view(op.params, 'request');
  if (op.query) schema['querystring'] = view(op.query, 'request');
  if (op.headers) schema['headers'] = view(op.headers, 'request');
  if (op.body) {
    const body = view(op.body.schema, 'request');
    schema['body'] = op.body.required ? body : { anyOf: [{ type: 'null' }, body] };
  }
  // Only success bodies: error bodies are the framework's one shape, whatever a contract declares for them.
  const response: Record<string, JsonSchema> = {};
  for (const [status, r] of Object.entries(op.responses)) {
    if (r.schema !== undefined && /^2\d\d$/.test(status)) response[status] = view(r.schema, 'response');
  }
  if (Object.keys(response).length > 0) schema['response'] = response;
  return schema as FastifySchema;
}
