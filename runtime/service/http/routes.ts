/**
 * The contract's operations as fastify routes: path, query, header and body schemas from the contract (fastify's ajv
 * validates and coerces them before the handler runs), and the handler's result sent with the operation's primary
 * success status, or with the status of a `reply(status, body)`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchema } from 'fastify';
import type { Handler, HandlerRequest } from '../contract/handler-types.js';
import { Reply } from '../contract/reply.js';
import { primaryStatus, type ContractSpec, type JsonSchema, type OperationSpec } from '../contract/spec.js';
import { toRoutePath } from '../contract/path-template.js';
import { REQUEST_ID_HEADER } from './request-id.js';

/** An onResponse hook bound to one route. */
export type ResponseHook = (request: FastifyRequest, reply: FastifyReply, done: () => void) => void;

export function checkHandlers(contract: ContractSpec, handlers: Readonly<Record<string, unknown>>): void {
  const missing = Object.keys(contract.operations).filter((id) => typeof handlers[id] !== 'function');
  const extra = Object.keys(handlers).filter((id) => !Object.hasOwn(contract.operations, id));
  const problems = [
    ...(missing.length ? [`no handler for ${missing.join(', ')}`] : []),
    ...(extra.length ? [`handlers for operations the contract does not have: ${extra.join(', ')}`] : []),
  ];
  if (problems.length) throw new TypeError(`service '${contract.name}': ${problems.join('; ')}`);
}

export function registerOperations(
  app: FastifyInstance,
  contract: ContractSpec,
  handlers: Readonly<Record<string, Handler<unknown, unknown>>>,
  ctx: unknown,
  observe?: (method: string, route: string) => ResponseHook,
): void {
  checkHandlers(contract, handlers);
  if (Object.keys(contract.schemas).length > 0) app.addSchema({ $id: contract.name, $defs: contract.schemas });
  for (const [id, op] of Object.entries(contract.operations)) {
    const handler = handlers[id]!;
    const primary = primaryStatus(op);
    const optionalBody = op.body !== undefined && !op.body.required;
    const url = toRoutePath(op.path);
    app.route({
      method: op.method,
      url,
      ...(observe ? { onResponse: observe(op.method, url) } : {}),
      schema: routeSchema(op),
      ...(optionalBody ? { preValidation: nullForMissingBody } : {}),
      handler(request: FastifyRequest, reply: FastifyReply) {
        if (optionalBody && request.body === null) request.body = undefined;
        reply.header(REQUEST_ID_HEADER, request.id);
        const result = handler(request as unknown as HandlerRequest<unknown>, ctx);
        // A synchronous handler's answer is sent at once: awaiting it would cost a microtask turn per request.
        // Both paths give fastify `undefined` (the reply is already sent), never the reply itself.
        if (isThenable(result)) return result.then((r) => send(reply, r, primary));
        send(reply, result, primary);
        return undefined;
      },
    });
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

function send(reply: FastifyReply, result: unknown, primary: number): void {
  if (result instanceof Reply) {
    reply.code(result.status);
    if (result.headers) reply.headers(result.headers);
    reply.send(result.body);
  } else {
    reply.code(primary).send(result);
  }
}

function nullForMissingBody(request: FastifyRequest, _reply: FastifyReply, done: () => void): void {
  if (request.body === undefined) request.body = null;
  done();
}

function routeSchema(op: OperationSpec): FastifySchema {
  const schema: Record<string, JsonSchema> = {};
  if (op.params) schema['params'] = op.params;
  if (op.query) schema['querystring'] = op.query;
  if (op.headers) schema['headers'] = op.headers;
  if (op.body) schema['body'] = op.body.required ? op.body.schema : { anyOf: [{ type: 'null' }, op.body.schema] };
  return schema as FastifySchema;
}
