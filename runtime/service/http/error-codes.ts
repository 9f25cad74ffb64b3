/**
 * The error codes the framework itself sends, with their HTTP status. Every error body has one shape:
 * `{ "error": { "code", "message", "path"?, "details"? }, "requestId" }`. Handlers throw `HttpError` with codes of their own.
 */
export const SERVICE_ERROR_CODES = {
  BAD_REQUEST: { status: 400, description: 'params, query, headers or body do not match the contract; `path` names the failing value' },
  MALFORMED_JSON: { status: 400, description: 'the request body is not valid JSON' },
  ROUTE_NOT_FOUND: { status: 404, description: 'no operation of the contract has this path' },
  METHOD_NOT_ALLOWED: { status: 405, description: 'the path has operations, none with this method; `Allow` lists those it has' },
  PAYLOAD_TOO_LARGE: { status: 413, description: 'the request body is larger than `server.bodyLimit`' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, description: 'the request body is not `application/json`' },
  NOT_IMPLEMENTED: { status: 501, description: 'the operation has no handler yet (a scaffolded stub)' },
  RESPONSE_INVALID: { status: 500, description: 'the handler returned a success body that breaks the contract (checked unless `server.validateResponses` is false; default off when NODE_ENV=production); `path` names the value' },
  INTERNAL: { status: 500, description: 'the handler failed; the log has the stack trace under the request id' },
} as const satisfies Record<string, { status: number; description: string }>;

export type ServiceErrorCode = keyof typeof SERVICE_ERROR_CODES;

/** One failing value of a request (`path`: `body.items[0].name`). */
export interface ErrorDetail {
  readonly path: string;
  readonly message: string;
}

export interface ErrorBody {
  /**
   * `path` is the first failing value's; a 400 that found more lists up to ten in `details` (the message says how
   * many there were).
   */
  readonly error: { readonly code: string; readonly message: string; readonly path?: string; readonly details?: readonly ErrorDetail[] };
  readonly requestId: string;
}

/** Throw from a handler to answer with a status and the framework's error body. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  readonly status: number;
  readonly code: string;
  readonly path: string | undefined;

  constructor(status: number, code: string, message: string, options: { path?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    if (!Number.isInteger(status) || status < 400 || status > 599) throw new RangeError(`HttpError status must be 4xx or 5xx, found ${status}`);
    this.status = status;
    this.code = code;
    this.path = options.path;
  }
}

export function notFound(message: string): HttpError {
  return new HttpError(404, 'NOT_FOUND', message);
}

export function notImplemented(operationId: string): HttpError {
  return new HttpError(501, 'NOT_IMPLEMENTED', `${operationId} is not implemented yet`);
}
