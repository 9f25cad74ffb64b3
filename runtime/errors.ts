/**
 * The one registry of runtime error codes above the codec (registry, producer, consumer, replay, admin), and the error
 * class they are thrown with. Whether an error is worth retrying is a property of its code, as in kafkajs; the
 * description is what docs/runtime.md lists (a unit test keeps the two in step). Codec errors keep their own registry
 * (`CODEC_ERROR_CODES`, never retriable) and travel as the `cause` of these errors, or as themselves.
 */
export const RUNTIME_ERROR_CODES = {
  INVALID_CONFIG: { retriable: false, description: 'options given to the runtime are not valid' },
  REGISTRY_UNREACHABLE: { retriable: true, description: 'the schema registry could not be reached (connection failed)' },
  REGISTRY_TIMEOUT: { retriable: true, description: 'the schema registry did not answer within the timeout' },
  REGISTRY_SERVER_ERROR: { retriable: true, description: 'the schema registry answered with a 5xx status' },
  REGISTRY_REQUEST_REJECTED: { retriable: false, description: 'the schema registry refused a request (4xx other than 404/409)' },
  REGISTRY_BAD_RESPONSE: { retriable: false, description: 'the schema registry answered with a body the runtime cannot use' },
  SCHEMA_NOT_REGISTERED: { retriable: false, description: 'lookup-only policy: the schema is not registered under its subject' },
  SCHEMA_REJECTED: { retriable: false, description: 'the registry refused to register the schema (409: incompatible with the subject)' },
  SCHEMA_ID_NOT_FOUND: { retriable: false, description: 'a message names a schema id the registry does not know' },
  SCHEMA_VERSION_NOT_FOUND: { retriable: false, description: 'a subject, or a version of it, the registry does not have' },
  UNSUPPORTED_SCHEMA_TYPE: { retriable: false, description: 'a message was written with a non-Avro schema, or one with references' },
  SERDE_NOT_PREPARED: { retriable: false, description: 'encode was called before the serde knew its schema id (`await prepare()`)' },
  WRITER_SCHEMA_NOT_LOADED: { retriable: false, description: 'a synchronous decode met a schema id not loaded yet (`await loadWriter(id)`)' },
  INVALID_RECORD: { retriable: false, description: 'a record given to a producer does not match its topic schema' },
  SEND_NOT_ACKNOWLEDGED: { retriable: true, description: 'a send left records of some partitions unacknowledged, also after sending them again; the error names the partitions that were written' },
  TOMBSTONE_NOT_ALLOWED: { retriable: false, description: 'a null value was sent to a topic whose cleanup policy is not `compact`' },
  KEY_MISSING: { retriable: false, description: 'a consumed record has no key, but every catalog topic is keyed' },
  UNDECODABLE_RECORD: { retriable: false, description: 'a consumed record cannot be decoded (and no dead-letter topic took it)' },
  HANDLER_FAILED: { retriable: false, description: 'the consumer handler threw on every attempt (and no dead-letter topic took the record)' },
  DEAD_LETTER_FAILED: { retriable: true, description: 'a record could not be written to the dead-letter topic' },
  TOPIC_MISSING: { retriable: false, description: 'a topic a service uses does not exist on the cluster (create it from the catalog: `unilog topics --create`)' },
  TOPIC_NOT_READY: { retriable: true, description: 'created topics did not get a leader for every partition within the timeout' },
  REPLAY_STOPPED: { retriable: false, description: 'a replay was stopped, or its consumer crashed, before it caught up' },
  HANDLERS_MISMATCH: { retriable: false, description: "a service's handlers do not match its contract: an operation has no handler, or a handler has no operation" },
  KAFKA_NOT_CONFIGURED: { retriable: false, description: 'a service uses Kafka (`env.kafka`) but its config.yaml has no `kafka:` section with `brokers` or no `registry:` section with `url`' },
  ALREADY_REGISTERED: { retriable: false, description: 'a service registers a health check under a name it already used' },
  SERVICE_ALREADY_STARTED: { retriable: false, description: 'a managed object was registered after the service started (register it in `setup`)' },
  JOIN_NOT_COPARTITIONED: { retriable: false, description: "a join's co-partitioned inputs have different partition counts on the cluster, or different key schemas" },
  JOIN_FUNCTION_FAILED: { retriable: false, description: "a join's function threw; the join stops without committing the input that caused it" },
  JOIN_TRANSACTION_FAILED: { retriable: true, description: "exactly-once join: a partition's transaction failed and was aborted; the join takes no batch until it has rejoined the group and restored its state" },
  JOIN_RESTORE_OUTPUT_FAILED: { retriable: true, description: "at-least-once join: the outputs a partition's restore implies could not be written; the join takes no batch until it has rejoined the group and restored its partitions again" },
  INDEX_MAPPING_CONFLICT: { retriable: false, description: "an indexer's index exists with a mapping that cannot take the documents of its topic's schema (a field of another type or analyzer)" },
  INDEX_MISSING: { retriable: false, description: 'the index an indexer writes was deleted while it ran; a restart creates it and refills it from the beginning of the topic' },
  INDEX_WRITE_FAILED: { retriable: false, description: 'the search engine refused a bulk request as a whole (4xx other than 429)' },
  DOCUMENT_REJECTED: { retriable: false, description: 'the search engine refused one document (it does not fit the mapping, or a value is too large); the indexer dead-lettered its record' },
  TAILER_TABLE_MISMATCH: { retriable: false, description: "a tailer's table (or publication or slot) does not match its mapping; the error lists every problem and the tailer does not start" },
  TAILER_SLOT_IN_USE: { retriable: true, description: "another process reads the tailer's replication slot (one slot is one stream)" },
  TAILER_STOPPED: { retriable: false, description: 'the replication stream ended or met a change the tailer cannot write (a truncate); nothing after the last acknowledged transaction is confirmed' },
} as const satisfies Record<string, { retriable: boolean; description: string }>;

export type RuntimeErrorCode = keyof typeof RUNTIME_ERROR_CODES;

export class UnilogError extends Error {
  override readonly name = 'UnilogError';
  readonly code: RuntimeErrorCode;
  /** True when the same call may succeed later (a network problem), false when it cannot (bad data, bad config). */
  readonly retriable: boolean;

  constructor(code: RuntimeErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retriable = RUNTIME_ERROR_CODES[code].retriable;
  }
}

/** The `code` of any error that has a string one (unilog, codec, kafkajs `type`), else `fallback`. */
export function errorCodeOf(error: unknown, fallback: string): string {
  if (typeof error === 'object' && error !== null) {
    const e = error as { code?: unknown; type?: unknown };
    if (typeof e.code === 'string' && e.code) return e.code;
    if (typeof e.type === 'string' && e.type) return e.type;
  }
  return fallback;
}

/**
 * A codec error, also one thrown by another copy of the runtime (generated code may resolve `unilog/runtime` to a
 * different file than the caller does), where `instanceof` fails.
 */
export function isCodecError(error: unknown): error is Error & { code: string; retriable: false } {
  return error instanceof Error && error.name === 'CodecError' && typeof (error as { code?: unknown }).code === 'string';
}

/** A one-line message for any thrown value. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
