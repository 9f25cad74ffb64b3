/**
 * What a typed client throws. `ServiceCallError`: the service answered with a status that is not 2xx (its body, the
 * framework's `{ error: { code, message }, requestId }` when the callee is a unilog service, is kept). The client's
 * `isError` narrows it to the operation's declared error statuses and bodies. `ServiceTransportError`: no answer at
 * all (connection refused, reset, timeout). `retriable` says whether the same call may succeed later.
 */
export class ServiceCallError<Outcome extends { status: number; body: unknown } = { status: number; body: unknown }> extends Error {
  override readonly name = 'ServiceCallError';
  /** The callee's error code (`body.error.code`) when it sent one, else `HTTP_<status>`. */
  readonly code: string;
  readonly retriable: boolean;
  readonly status: Outcome['status'];
  readonly body: Outcome['body'];
  readonly service: string;
  readonly operation: string;
  /** The callee's request id, when it sent one. */
  readonly requestId: string | undefined;

  constructor(service: string, operation: string, outcome: Outcome, requestId: string | undefined) {
    const err = errorPart(outcome.body);
    super(`${service}.${operation}: HTTP ${outcome.status}${err?.message ? `: ${err.message}` : ''}`);
    this.code = err?.code ?? `HTTP_${outcome.status}`;
    this.retriable = outcome.status >= 500 || outcome.status === 429 || outcome.status === 408;
    this.status = outcome.status;
    this.body = outcome.body;
    this.service = service;
    this.operation = operation;
    this.requestId = requestId;
  }
}

export type TransportErrorCode = 'SERVICE_UNREACHABLE' | 'SERVICE_TIMEOUT' | 'SERVICE_BAD_RESPONSE';

export class ServiceTransportError extends Error {
  override readonly name = 'ServiceTransportError';
  readonly code: TransportErrorCode;
  readonly retriable: boolean;
  readonly service: string;
  readonly operation: string;

  constructor(code: TransportErrorCode, service: string, operation: string, message: string, cause?: unknown) {
    super(`${service}.${operation}: ${message}`, cause === undefined ? undefined : { cause });
    this.code = code;
    this.retriable = code !== 'SERVICE_BAD_RESPONSE';
    this.service = service;
    this.operation = operation;
  }
}

function errorPart(body: unknown): { code?: string; message?: string } | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const e = (body as { error?: unknown }).error;
  if (typeof e !== 'object' || e === null) return undefined;
  const { code, message } = e as { code?: unknown; message?: unknown };
  return {
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof message === 'string' ? { message } : {}),
  };
}
