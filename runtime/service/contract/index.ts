/**
 * Service contracts without the server (`unilog/runtime/service/contract`): what generated contract modules import
 * (contract spec, operation types, handler types, typed HTTP client). Importing this never loads fastify.
 * Only the names below are public (pinned by api/unilog.api.md).
 */
export { defineContract, type Contract, type ContractSpec, type HttpMethod, type JsonSchema, type OperationSpec, type OperationsOf } from './spec.js';
export type * from './operation-types.js';
export type { Handler, HandlerRequest, HandlerResult, Handlers, ReplyOf, RequestLogger } from './handler-types.js';
export { Reply, reply } from './reply.js';
export {
  createServiceClient, type CallArgsOf, type CallOptions, type ClientMethod, type OutcomeOf, type ServiceClient, type ServiceClientOptions,
} from './client.js';
export { ServiceCallError, ServiceTransportError, type TransportErrorCode } from './client-errors.js';
