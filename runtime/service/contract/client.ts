/**
 * The typed HTTP client of a service contract. Generated code binds it to a contract; every operation becomes a
 * method whose arguments (path params, query, body) and results (success bodies, declared error statuses and bodies)
 * are typed from the contract. It needs nothing but `fetch`, so importing it never loads the server framework.
 * Each call is a CLIENT span (`@opentelemetry/api`, a no-op without an SDK) whose W3C trace context goes with the
 * request (`traceparent`, `tracestate`), so the called service's spans join the caller's trace.
 */
import { context, propagation, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { failSpan, tracer } from '../../tracing/tracer.js';
import { ServiceCallError, ServiceTransportError } from './client-errors.js';
import type {
  BodyOf, ErrorOutcomeOf, PathParamsOf, QueryOf, SuccessBodyOf, SuccessOutcomeOf,
} from './operation-types.js';
import { expandPath, queryString } from './path-template.js';
import type { Contract, OperationSpec } from './spec.js';

export interface ServiceClientOptions {
  /** Where the service listens, e.g. `http://search-service:8080` (a path prefix is kept). */
  readonly baseUrl: string;
  /** Sent with every call (e.g. `authorization`). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Per call, default 10,000 ms; a call that takes longer fails with `SERVICE_TIMEOUT`. */
  readonly timeoutMs?: number;
  /** Default: the global `fetch`. */
  readonly fetch?: typeof globalThis.fetch;
}

type Empty = Record<never, never>;
type ParamsArg<Op> = keyof PathParamsOf<Op> extends never ? { readonly params?: Empty } : { readonly params: PathParamsOf<Op> };
type QueryArg<Op> = Empty extends QueryOf<Op> ? { readonly query?: QueryOf<Op> } : { readonly query: QueryOf<Op> };
type BodyArg<Op> = [BodyOf<Op>] extends [undefined]
  ? { readonly body?: undefined }
  : undefined extends BodyOf<Op>
    ? { readonly body?: BodyOf<Op> }
    : { readonly body: BodyOf<Op> };

export interface CallOptions {
  /** Extra headers for this call. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Propagated as `x-request-id`, so the callee's logs carry the caller's id. */
  readonly requestId?: string;
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
}

export type CallArgsOf<Op> = ParamsArg<Op> & QueryArg<Op> & BodyArg<Op> & CallOptions;
type ArgsTuple<Op> = Empty extends CallArgsOf<Op> ? [args?: CallArgsOf<Op>] : [args: CallArgsOf<Op>];

/** A declared response, success or error, as a discriminated union on `ok` and `status`. */
export type OutcomeOf<Op> = ({ readonly ok: true } & SuccessOutcomeOf<Op>) | ({ readonly ok: false } & ErrorOutcomeOf<Op>);

export interface ClientMethod<Op> {
  /** Resolves to the success body; rejects with `ServiceCallError` (any non-2xx) or `ServiceTransportError`. */
  (...args: ArgsTuple<Op>): Promise<SuccessBodyOf<Op>>;
  /** Resolves to every declared response, errors included; rejects only for undeclared statuses and transport errors. */
  result(...args: ArgsTuple<Op>): Promise<OutcomeOf<Op>>;
  /** True when `error` is this operation's `ServiceCallError` with a declared status; narrows its status and body. */
  isError(error: unknown): error is ServiceCallError<ErrorOutcomeOf<Op>>;
}

export type ServiceClient<Ops> = { readonly [K in keyof Ops]: ClientMethod<Ops[K]> };

interface RawOutcome {
  readonly status: number;
  readonly body: unknown;
  readonly requestId: string | undefined;
}

export function createServiceClient<Ops>(contract: Contract<Ops>, options: ServiceClientOptions): ServiceClient<Ops> {
  const base = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? globalThis.fetch;
  const client: Record<string, ClientMethod<unknown>> = {};
  for (const [id, op] of Object.entries(contract.operations) as [string, OperationSpec][]) {
    const declared = new Set(Object.keys(op.responses).map(Number).filter((s) => s >= 300 || s < 200));
    const call = (args: CallArgsOf<unknown> = {}): Promise<RawOutcome> => send(contract.name, op, base, doFetch, options, args);
    const method = (async (args?: CallArgsOf<unknown>) => {
      const out = await call(args);
      if (out.status >= 200 && out.status < 300) return out.body;
      throw new ServiceCallError(contract.name, id, { status: out.status, body: out.body }, out.requestId);
    }) as ClientMethod<unknown>;
    method.result = (async (args?: CallArgsOf<unknown>) => {
      const out = await call(args);
      const ok = out.status >= 200 && out.status < 300;
      if (ok || declared.has(out.status)) return { ok, status: out.status, body: out.body };
      throw new ServiceCallError(contract.name, id, { status: out.status, body: out.body }, out.requestId);
    }) as ClientMethod<unknown>['result'];
    method.isError = ((error: unknown) =>
      error instanceof ServiceCallError && error.service === contract.name && error.operation === id && declared.has(error.status)) as ClientMethod<unknown>['isError'];
    client[id] = method;
  }
  return Object.freeze(client) as unknown as ServiceClient<Ops>;
}

async function send(
  service: string,
  op: OperationSpec,
  base: string,
  doFetch: typeof globalThis.fetch,
  options: ServiceClientOptions,
  args: CallArgsOf<unknown>,
): Promise<RawOutcome> {
  const span = tracer().startSpan(`${op.method} ${op.path}`, {
    kind: SpanKind.CLIENT,
    attributes: { 'http.request.method': op.method, 'url.template': op.path, 'unilog.service': service, 'unilog.operation': op.operationId },
  });
  try {
    const out = await sendInSpan(service, op, base, doFetch, options, args, span);
    if (span.isRecording()) {
      span.setAttribute('http.response.status_code', out.status);
      if (out.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    }
    return out;
  } catch (error) {
    failSpan(span, error);
    throw error;
  } finally {
    span.end();
  }
}

async function sendInSpan(
  service: string,
  op: OperationSpec,
  base: string,
  doFetch: typeof globalThis.fetch,
  options: ServiceClientOptions,
  args: CallArgsOf<unknown>,
  span: Span,
): Promise<RawOutcome> {
  const a = args as { params?: Record<string, unknown>; query?: Record<string, unknown>; body?: unknown };
  const url = `${base}${expandPath(op.path, a.params)}${queryString(a.query)}`;
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers, ...args.headers };
  propagation.inject(trace.setSpan(context.active(), span), headers);
  if (span.isRecording()) span.setAttribute('url.full', url);
  if (args.requestId) headers['x-request-id'] = args.requestId;
  let body: string | undefined;
  if (a.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(a.body);
  }
  const timeoutMs = args.timeoutMs ?? options.timeoutMs ?? 10_000;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = args.signal ? AbortSignal.any([timeout, args.signal]) : timeout;
  let res: Response;
  try {
    res = await doFetch(url, { method: op.method, headers, body, signal });
  } catch (e) {
    if (timeout.aborted) throw new ServiceTransportError('SERVICE_TIMEOUT', service, op.operationId, `no answer from ${url} within ${timeoutMs} ms`, e);
    if (args.signal?.aborted) throw e;
    throw new ServiceTransportError('SERVICE_UNREACHABLE', service, op.operationId, `${op.method} ${url} failed: ${causeMessage(e)}`, e);
  }
  const requestId = res.headers.get('x-request-id') ?? undefined;
  let text: string;
  try {
    text = await res.text();
  } catch (e) {
    throw new ServiceTransportError(timeout.aborted ? 'SERVICE_TIMEOUT' : 'SERVICE_UNREACHABLE', service, op.operationId, `HTTP ${res.status}: the body did not arrive: ${causeMessage(e)}`, e);
  }
  if (text === '') return { status: res.status, body: undefined, requestId };
  if (!/\bjson\b/.test(res.headers.get('content-type') ?? '')) return { status: res.status, body: text, requestId };
  try {
    return { status: res.status, body: JSON.parse(text) as unknown, requestId };
  } catch (e) {
    throw new ServiceTransportError('SERVICE_BAD_RESPONSE', service, op.operationId, `HTTP ${res.status} with a body that is not JSON`, e);
  }
}

function causeMessage(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (e instanceof Error ? e.message : String(e));
}
