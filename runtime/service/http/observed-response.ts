/**
 * The application port's request and response classes (node's `http` `IncomingMessage`/`ServerResponse` options).
 * The request carries its id; the response reports itself once, when it is ended, to the observer the framework put
 * on it (the route's metrics and access log) or to the port's fallback.
 *
 * Why not fastify's `onResponse` hook: any hook, or a logger given to fastify, makes it add `finish` and `error`
 * listeners and run a hook chain for every response, about 1 µs a request; this costs a field and a clock read. The
 * time reported is from the response's creation (the request's headers parsed) until its last byte was handed to the
 * socket.
 */
import { IncomingMessage, ServerResponse, type ServerOptions } from 'node:http';

/** Called once per response: its status is final and `ms` is how long the request took. */
export type ResponseObserver = (response: ObservedResponse, ms: number) => void;

export class IdentifiedRequest extends IncomingMessage {
  /** Set by the port's `genReqId` (request-id.ts). */
  requestId = '';
}

export interface ObservedResponse extends ServerResponse {
  /** Who is told about this response when it ends; the port's fallback when unset. */
  observer: ResponseObserver | undefined;
}

/** The classes for `http.createServer`, reporting to `fallback` any response no observer was put on. */
export function observedHttp(fallback: ResponseObserver): ServerOptions {
  class Response extends ServerResponse implements ObservedResponse {
    observer: ResponseObserver | undefined = undefined;
    private readonly startedAt = performance.now();

    override end(chunk?: unknown, encoding?: unknown, cb?: unknown): this {
      if (this.writableEnded) return super.end(chunk as never, encoding as never, cb as never);
      super.end(chunk as never, encoding as never, cb as never);
      (this.observer ?? fallback)(this, performance.now() - this.startedAt);
      return this;
    }
  }
  // node types the option as generic over the request class; this one is bound to IdentifiedRequest's.
  return { IncomingMessage: IdentifiedRequest, ServerResponse: Response as unknown as typeof ServerResponse };
}

/**
 * Puts `observer` on a response. A response of another class (light-my-request's, under `app.inject()`) is made to
 * report on its `finish` event instead, the first time.
 */
export function observeResponse(response: ServerResponse, observer: ResponseObserver): void {
  const res = response as ObservedResponse;
  if (!Object.hasOwn(res, 'observer')) {
    const startedAt = performance.now();
    res.once('finish', () => res.observer?.(res, performance.now() - startedAt));
  }
  res.observer = observer;
}
