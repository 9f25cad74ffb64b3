/**
 * A handler returns the body of its operation's primary success response, or `reply(status, body)` for any other
 * declared response (201 with a location, 404 with an error body, 204 with none). The status and body are checked
 * against the contract at compile time.
 */
export class Reply<S extends number = number, B = unknown> {
  constructor(
    readonly status: S,
    readonly body: B,
    readonly headers?: Readonly<Record<string, string>>,
  ) {}
}

export function reply<S extends number>(status: S): Reply<S, undefined>;
export function reply<S extends number, B>(status: S, body: B, headers?: Readonly<Record<string, string>>): Reply<S, B>;
export function reply(status: number, body?: unknown, headers?: Readonly<Record<string, string>>): Reply {
  return new Reply(status, body, headers);
}
