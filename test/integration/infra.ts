/**
 * Addresses of the real Kafka broker and Confluent-API schema registry used by the
 * integration tests. `npm run dev:up` (dev/up.sh) starts both on these defaults;
 * KAFKA_BROKERS / SCHEMA_REGISTRY_URL point the tests at other infrastructure.
 * See docs/dev-infrastructure.md.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEFAULT_KAFKA_BROKERS = '127.0.0.1:19092';
export const DEFAULT_SCHEMA_REGISTRY_URL = 'http://127.0.0.1:18081/apis/ccompat/v7';

/** Content type of the Confluent Schema Registry REST API. */
export const SCHEMA_REGISTRY_CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';

/** Broker list for kafkajs: `KAFKA_BROKERS` (comma-separated) or 127.0.0.1:19092. */
export function kafkaBrokers(): string[] {
  const raw = process.env['KAFKA_BROKERS']?.trim() || DEFAULT_KAFKA_BROKERS;
  const brokers = raw
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b.length > 0);
  if (brokers.length === 0) throw new Error(`KAFKA_BROKERS has no broker address: ${JSON.stringify(raw)}`);
  return brokers;
}

/**
 * Base URL of the Confluent-compatible registry API, without a trailing slash:
 * `SCHEMA_REGISTRY_URL` or http://127.0.0.1:18081/apis/ccompat/v7 (Apicurio's ccompat v7).
 */
export function schemaRegistryUrl(): string {
  const raw = process.env['SCHEMA_REGISTRY_URL']?.trim() || DEFAULT_SCHEMA_REGISTRY_URL;
  return raw.replace(/\/+$/, '');
}

/** One-line hint for tests that cannot reach the infrastructure. */
export function infraHint(): string {
  return (
    `Kafka ${kafkaBrokers().join(',')} / registry ${schemaRegistryUrl()}: ` +
    'start them with `npm run dev:up`, or set KAFKA_BROKERS / SCHEMA_REGISTRY_URL'
  );
}

/**
 * The dev broker's SASL_SSL listener (dev/up.sh: KAFKA_PORT+2, SASL/PLAIN user `unilog`) and the folder of its
 * throw-away CA and certificate (dev/lib.sh write_tls_material), under UNILOG_DEV_STATE like the rest of the stack.
 */
export function saslSsl(): { brokers: string; tlsDir: string; username: string; password: string } {
  const [host, port] = kafkaBrokers()[0]!.split(':');
  const state = process.env['UNILOG_DEV_STATE'] || join(dirname(fileURLToPath(import.meta.url)), '..', '..', '.dev');
  return {
    brokers: process.env['KAFKA_SASL_SSL_BROKERS'] ?? `${host}:${Number(port) + 2}`,
    tlsDir: join(state, 'kafka', 'tls'),
    username: 'unilog',
    password: 'unilog-dev-secret',
  };
}
