/**
 * The one registry of codec error codes, and the one error class the codec throws. A code says what went wrong in
 * terms a caller can branch on; the message says where (a value path such as `User.address.city` or `tags[3]`) and
 * what was expected against what was found.
 */
export const CODEC_ERROR_CODES = {
  INVALID_VALUE: 'a value does not match the schema (encode)',
  TRUNCATED: 'the input ended before the value did (decode)',
  TRAILING_BYTES: 'bytes are left after the value (decode)',
  BAD_MAGIC: 'framed input does not start with the magic byte 0x00',
  PRECISION_LOSS: 'a value does not fit its JavaScript mapping (a long beyond ±(2^53−1) as a number, an instant beyond the range of Date)',
  INVALID_ENCODING: 'the bytes are not valid Avro binary for the schema (decode)',
  INCOMPATIBLE_SCHEMA: 'data written with the writer schema cannot be read as the reader schema',
  INVALID_SCHEMA: 'the Avro JSON schema is not valid',
  INVALID_OPTIONS: 'codec options are not valid',
} as const;

export type CodecErrorCode = keyof typeof CODEC_ERROR_CODES;

/** One problem found by `validate`: where in the value, and what was expected against what was found. */
export interface CodecIssue {
  readonly path: string;
  readonly message: string;
}

export class CodecError extends Error {
  override readonly name = 'CodecError';
  readonly code: CodecErrorCode;
  /** Codec errors come from data or schemas, never from a transient condition: retrying cannot help. */
  readonly retriable = false;
  /** Value path (`User.tags[3]`), '' when the error is not about one place. */
  path: string;
  /** The message without its path. */
  readonly detail: string;
  /** Every issue, for INVALID_VALUE. */
  readonly issues: readonly CodecIssue[];

  constructor(
    code: CodecErrorCode,
    detail: string,
    opts: { path?: string; issues?: readonly CodecIssue[]; cause?: unknown } = {},
  ) {
    const path = opts.path ?? '';
    super(path ? `${path}: ${detail}` : detail, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.code = code;
    this.path = path;
    this.detail = detail;
    this.issues = opts.issues ?? [];
  }

  /** Called while an error unwinds through containers (decode): `seg` is `.field`, `[3]` or `["key"]`. */
  prependPath(seg: string): this {
    this.path = seg + this.path;
    this.message = `${this.path}: ${this.detail}`;
    return this;
  }
}

/** Path segment for a property: `.name` when it is an identifier, `["a b"]` otherwise. */
export function propSegment(key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

/** Adds a path segment to a codec error passing through a container decoder; other errors pass unchanged. */
export function withSegment(e: unknown, seg: string): unknown {
  return e instanceof CodecError ? e.prependPath(seg) : e;
}

/**
 * Thrown by the hot-path encoders when a value does not fit. It carries nothing: the caller catches it and runs
 * `validate` to find the path and build the message, so the fast path never computes one.
 */
export const INVALID: { readonly invalid: true } = Object.freeze({ invalid: true });

export function schemaError(where: string, detail: string): CodecError {
  return new CodecError('INVALID_SCHEMA', detail, { path: where });
}
