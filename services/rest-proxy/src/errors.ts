// The proxy's errors, in Confluent REST Proxy's body shape `{ "error_code", "message" }` so its clients keep working.
// Confluent's numbers are kept where they mean the same; the HTTP status is always the number's first three digits
// (Confluent answers 408 with 40801 for any serialisation failure, 422 with no message, and 500 with 50003 when Kafka
// is unavailable). So the unavailable ones are 5030x here, with a 503: the code says what is wrong, the status says
// whether retrying can help, and the message says where (`records[3].value.address.city`).

export const PROXY_ERROR_CODES = {
  400: 'the body is not JSON',
  40101: 'no API key, or one the configuration does not know',
  40301: 'the API key belongs to a service that does not own the topic (catalog `owner`)',
  404: 'the v3 URL names another cluster than the one the proxy writes to',
  40401: 'the topic is not in the catalog, or not on the cluster',
  40402: 'the partition does not exist',
  413: 'the body is larger than `server.bodyLimit`, or has more records than `app.maxRecords`',
  415: 'a content type other than `application/vnd.kafka.avro.v2+json` (v2), or a JSON/binary embedded format for an Avro topic',
  42203: 'a key or value does not match its schema (Avro JSON encoding); the message names every record and field at fault',
  42205: 'a given schema is not valid Avro, is not in the registry (schema id, subject/version), or cannot be read by the catalog schema',
  42206: 'the request is not shaped as the API says (records missing, a partition that is not an integer, a key missing on a keyed topic …)',
  50002: 'Kafka refused the records with an error retrying cannot fix',
  50301: 'the schema registry cannot be reached; nothing was written; retry after `Retry-After` seconds',
  50302: 'Kafka did not acknowledge the records (unreachable, no leader, timeout); retry after `Retry-After` seconds',
} as const;

export type ProxyErrorCode = keyof typeof PROXY_ERROR_CODES;

export class ProxyError extends Error {
  override readonly name = 'ProxyError';
  readonly status: number;

  constructor(
    readonly code: ProxyErrorCode,
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.status = code < 1000 ? code : Math.floor(code / 100);
  }

  body(): { error_code: number; message: string } {
    return { error_code: this.code, message: this.message };
  }
}
