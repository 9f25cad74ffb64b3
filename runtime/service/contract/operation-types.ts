/**
 * Types of one operation read from openapi-typescript's `operations[K]`: its parameters, JSON body and responses.
 * Everything here is type-level; the server and the client share it, so a handler and a caller see the same shapes.
 */

type Empty = Record<never, never>;
type OrEmpty<T> = [T] extends [never] ? Empty : T;

type ParameterPart<Op, K extends string> = Op extends { parameters: infer P }
  ? K extends keyof P
    ? NonNullable<P[K]>
    : never
  : never;

/** Path parameters (`{}` when there are none). */
export type PathParamsOf<Op> = OrEmpty<ParameterPart<Op, 'path'>>;
/** Query parameters (`{}` when there are none). */
export type QueryOf<Op> = OrEmpty<ParameterPart<Op, 'query'>>;
/** Declared header parameters (`{}` when there are none). */
export type HeaderParamsOf<Op> = OrEmpty<ParameterPart<Op, 'header'>>;

/**
 * openapi-typescript's `readWriteMarkers` wrap a `readOnly` property's type in `{ $read: T }` and a `writeOnly` one's in
 * `{ $write: T }` (generate turns them on when a contract has either). `Readable` is a schema as responses carry it
 * (write-only properties gone), `Writable` as requests carry it (read-only properties gone, and not allowed); both
 * unwrap the markers. On types without markers they change nothing but the spelling.
 */
type ReadMarked = { readonly $read: unknown };
type WriteMarked = { readonly $write: unknown };
export type Readable<T> = T extends WriteMarked
  ? never
  : T extends { readonly $read: infer U }
    ? Readable<U>
    : T extends readonly (infer E)[]
      ? Readable<E>[]
      : T extends object
        ? { [K in keyof T as NonNullable<T[K]> extends WriteMarked ? never : K]: Readable<T[K]> }
        : T;
export type Writable<T> = T extends ReadMarked
  ? never
  : T extends { readonly $write: infer U }
    ? Writable<U>
    : T extends readonly (infer E)[]
      ? Writable<E>[]
      : T extends object
        ? { [K in keyof T as NonNullable<T[K]> extends ReadMarked ? never : K]: Writable<T[K]> } & {
            [K in keyof T as NonNullable<T[K]> extends ReadMarked ? K : never]?: never;
          }
        : T;

type RequestBodyOf<Op> = Op extends { requestBody?: infer R } ? NonNullable<R> : never;

/** The `application/json` request body, as requests carry it; `undefined` when the operation takes none. */
export type BodyOf<Op> = RequestBodyOf<Op> extends { content: { 'application/json': infer B } }
  ? Op extends { requestBody: unknown }
    ? Writable<B>
    : Writable<B> | undefined
  : undefined;

export type ResponsesOf<Op> = Op extends { responses: infer R } ? R : never;

/** The body of one response object: its JSON content (as responses carry it), else any content, else `undefined`. */
export type ResponseBody<R> = R extends { content: { 'application/json': infer B } }
  ? Readable<B>
  : R extends { content: infer C }
    ? [C] extends [never]
      ? undefined
      : C[keyof C]
    : undefined;

export type SuccessStatus = 200 | 201 | 202 | 203 | 204 | 205 | 206 | 207 | 208 | 226;

type StatusesOf<Op> = keyof ResponsesOf<Op> & number;
type SuccessStatusesOf<Op> = StatusesOf<Op> & SuccessStatus;
/** Declared statuses that are not 2xx (`default` is left out: it has no status to narrow on). */
export type ErrorStatusesOf<Op> = Exclude<StatusesOf<Op>, SuccessStatus>;

/** The status a plain handler return value is sent with: the lowest declared 2xx. */
export type PrimaryStatusOf<Op> = 200 extends SuccessStatusesOf<Op>
  ? 200
  : 201 extends SuccessStatusesOf<Op>
    ? 201
    : 202 extends SuccessStatusesOf<Op>
      ? 202
      : 204 extends SuccessStatusesOf<Op>
        ? 204
        : SuccessStatusesOf<Op>;

type BodyAt<Op, S> = S extends keyof ResponsesOf<Op> ? ResponseBody<ResponsesOf<Op>[S]> : never;

/** The body of the primary success response. */
export type PrimaryBodyOf<Op> = [PrimaryStatusOf<Op>] extends [never] ? unknown : BodyAt<Op, PrimaryStatusOf<Op>>;

/** `{ status, body }` for each status in `S`. */
export type OutcomeAt<Op, S> = S extends number ? { readonly status: S; readonly body: BodyAt<Op, S> } : never;

/** Every declared 2xx response with its body. */
export type SuccessOutcomeOf<Op> = OutcomeAt<Op, SuccessStatusesOf<Op>>;
/** Every declared non-2xx response with its body. */
export type ErrorOutcomeOf<Op> = OutcomeAt<Op, ErrorStatusesOf<Op>>;
/** The union of every declared success body (what a client call resolves to). */
export type SuccessBodyOf<Op> = [SuccessStatusesOf<Op>] extends [never] ? unknown : BodyAt<Op, SuccessStatusesOf<Op>>;
