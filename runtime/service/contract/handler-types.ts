/** The typed shape of an operation handler, from the contract's operation types. */
import type {
  BodyOf, HeaderParamsOf, PathParamsOf, PrimaryBodyOf, QueryOf, ResponseBody, ResponsesOf,
} from './operation-types.js';
import type { Reply } from './reply.js';

/** The part of a pino logger a handler needs (the request's child logger, carrying its request id). */
export interface RequestLogger {
  info(obj: object, msg?: string): void;
  info(msg: string): void;
  warn(obj: object, msg?: string): void;
  warn(msg: string): void;
  error(obj: object, msg?: string): void;
  error(msg: string): void;
  debug(obj: object, msg?: string): void;
  debug(msg: string): void;
}

export interface HandlerRequest<Op> {
  /** Validated and coerced from the contract (a 400 is sent before the handler runs otherwise). */
  readonly params: PathParamsOf<Op>;
  readonly query: QueryOf<Op>;
  readonly body: BodyOf<Op>;
  readonly headers: HeaderParamsOf<Op> & Readonly<Record<string, string | string[] | undefined>>;
  /** The request id: the caller's `x-request-id`, or one the service made; sent back in `x-request-id`. */
  readonly id: string;
  readonly log: RequestLogger;
}

/** `reply(status, body)` for each declared numeric status of the operation. */
export type ReplyOf<Op> = {
  [S in keyof ResponsesOf<Op> & number]: Reply<S, ResponseBody<ResponsesOf<Op>[S]>>;
}[keyof ResponsesOf<Op> & number];

/**
 * What a handler returns: the primary response's body, or a `reply(...)`. A primary response without a body (204) is
 * `void`, so `async () => { await store.delete(id); }` type-checks without a `return undefined`.
 */
export type HandlerResult<Op> = ([PrimaryBodyOf<Op>] extends [undefined] ? void : PrimaryBodyOf<Op>) | ReplyOf<Op>;

/** One operation's handler. `Ctx` is whatever the service's `setup` built (stores, producers, config). */
export type Handler<Op, Ctx = unknown> = (request: HandlerRequest<Op>, ctx: Ctx) => HandlerResult<Op> | Promise<HandlerResult<Op>>;

/** A handler for every operation of a contract. */
export type Handlers<Ops, Ctx = unknown> = { readonly [K in keyof Ops]: Handler<Ops[K], Ctx> };
