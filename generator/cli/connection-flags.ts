/**
 * How the CLI verbs reach a secured Kafka cluster or schema registry: flags (each with an environment variable as its
 * default, as --brokers has $KAFKA_BROKERS) mapped onto a service config's `kafka.ssl`/`kafka.sasl` and `registry`
 * sections, then through the service framework's own mapping (kafka-security.ts), so a verb and a service read the
 * same settings alike. A password is taken from the environment only: a flag's value shows in `ps` and shell history.
 */
import { accessSync, constants } from 'node:fs';
import type { KafkaConfig } from 'kafkajs';
import { SASL_MECHANISMS, type KafkaSaslConfig, type ServiceConfig } from '../../runtime/service/config/config-schema.js';
import { basicAuth, kafkaSecurity, registrySecurity } from '../../runtime/service/kafka/kafka-security.js';
import type { RegistryOptions } from '../../runtime/registry/options.js';
import { splitCredentials } from '../registry/registry-url.js';
import { UsageError } from './exit-codes.js';

export const KAFKA_FLAGS = {
  'kafka-ssl': 'boolean', 'kafka-ca': 'string', 'kafka-cert': 'string', 'kafka-key': 'string', 'kafka-sasl-mechanism': 'string', 'kafka-sasl-username': 'string',
} as const;

export const REGISTRY_FLAGS = { 'registry-ca': 'string' } as const;

export const KAFKA_FLAGS_HELP = `Kafka security (librdkafka's property, then the environment variable each flag defaults to):
  --kafka-ssl               TLS to the brokers (security.protocol SSL or SASL_SSL)   $KAFKA_SSL=true
  --kafka-ca FILE           PEM of the CA that signed the brokers' certificates,
                            implies --kafka-ssl (ssl.ca.location)                    $KAFKA_SSL_CA
  --kafka-cert FILE         client certificate, with --kafka-key, for mTLS           $KAFKA_SSL_CERT
  --kafka-key FILE          the client certificate's key (PEM)                       $KAFKA_SSL_KEY
  --kafka-sasl-mechanism M  plain, scram-sha-256 or scram-sha-512 (sasl.mechanisms)  $KAFKA_SASL_MECHANISM
  --kafka-sasl-username U   the SASL user (sasl.username)                            $KAFKA_SASL_USERNAME
  The SASL password is read from $KAFKA_SASL_PASSWORD only: a flag would show it in ps.`;

export const REGISTRY_FLAGS_HELP = `Registry security:
  credentials in the URL (https://user:secret@host/...), else $SCHEMA_REGISTRY_USERNAME and
  $SCHEMA_REGISTRY_PASSWORD (HTTP basic auth, Confluent's basic.auth.user.info)
  --registry-ca FILE   PEM of the CA that signed an https registry's certificate   $SCHEMA_REGISTRY_CA`;

type KafkaFlags = { readonly [F in keyof typeof KAFKA_FLAGS]?: (typeof KAFKA_FLAGS)[F] extends 'boolean' ? boolean : string };
type KafkaSection = NonNullable<ServiceConfig<unknown>['kafka']>;

/** kafkajs's `ssl` and `sasl` for the verb's flags and environment; a usage error names the flag to fix. */
export function kafkaConnection(flags: KafkaFlags, env: NodeJS.ProcessEnv = process.env): Pick<KafkaConfig, 'ssl' | 'sasl'> {
  const pick = (flag: keyof typeof KAFKA_FLAGS, variable: string): string | undefined => {
    const v = (flags[flag] as string | undefined) ?? env[variable];
    return v === '' ? undefined : v;
  };
  const ca = readable(pick('kafka-ca', 'KAFKA_SSL_CA'), '--kafka-ca');
  const cert = readable(pick('kafka-cert', 'KAFKA_SSL_CERT'), '--kafka-cert');
  const key = readable(pick('kafka-key', 'KAFKA_SSL_KEY'), '--kafka-key');
  if ((cert === undefined) !== (key === undefined)) throw new UsageError('--kafka-cert and --kafka-key go together (a client certificate and its key)');
  const sslSwitch = flags['kafka-ssl'] === true || /^(true|1|yes)$/i.test(env['KAFKA_SSL'] ?? '');
  const section: { -readonly [K in keyof KafkaSection]: KafkaSection[K] } = { brokers: [], topicPrefix: '' };
  if (sslSwitch || ca !== undefined || cert !== undefined) section.ssl = { enabled: true, rejectUnauthorized: true, ...(ca ? { ca } : {}), ...(cert && key ? { cert, key } : {}) };

  const mechanism = pick('kafka-sasl-mechanism', 'KAFKA_SASL_MECHANISM')?.toLowerCase();
  const username = pick('kafka-sasl-username', 'KAFKA_SASL_USERNAME');
  if (mechanism !== undefined || username !== undefined) {
    if (mechanism === undefined) throw new UsageError('--kafka-sasl-username needs --kafka-sasl-mechanism (plain, scram-sha-256 or scram-sha-512)');
    if (!(SASL_MECHANISMS as readonly string[]).includes(mechanism)) throw new UsageError(`--kafka-sasl-mechanism must be one of ${SASL_MECHANISMS.join(', ')} (got '${mechanism}')`);
    if (username === undefined) throw new UsageError('--kafka-sasl-mechanism needs --kafka-sasl-username');
    const password = env['KAFKA_SASL_PASSWORD'];
    if (password === undefined) throw new UsageError('SASL needs the password in $KAFKA_SASL_PASSWORD (never as a flag: it would show in ps)');
    section.sasl = { mechanism: mechanism as KafkaSaslConfig['mechanism'], username, password };
  }
  return kafkaSecurity(section);
}

/**
 * The registry client's options for a URL as users write it: credentials in the URL (else from the environment)
 * become a basic-auth header, and `url` keeps none of them, so it can be printed.
 */
export function registryConnection(raw: string, flags: { readonly 'registry-ca'?: string }, env: NodeJS.ProcessEnv = process.env, what = '--url'): Required<Pick<RegistryOptions, 'url' | 'headers'>> & Pick<RegistryOptions, 'ca'> {
  let parts: ReturnType<typeof splitCredentials>;
  try {
    parts = splitCredentials(raw);
  } catch {
    throw new UsageError(`${what} must be an absolute http(s) URL (got '${redactable(raw)}')`);
  }
  const username = parts.username ?? env['SCHEMA_REGISTRY_USERNAME'] ?? undefined;
  const password = parts.password ?? env['SCHEMA_REGISTRY_PASSWORD'] ?? undefined;
  if ((username === undefined) !== (password === undefined)) throw new UsageError('registry basic auth needs both $SCHEMA_REGISTRY_USERNAME and $SCHEMA_REGISTRY_PASSWORD');
  const ca = readable(flags['registry-ca'] ?? (env['SCHEMA_REGISTRY_CA'] || undefined), '--registry-ca');
  const security = registrySecurity({ url: parts.base, ...(ca ? { ca } : {}) });
  return { url: parts.base, ...security, headers: username !== undefined && password !== undefined ? basicAuth(username, password) : {} };
}

/** A URL that did not parse may still hold `user:secret@`: never echo what stands before an `@`. */
function redactable(raw: string): string {
  return raw.replace(/\/\/[^/@]*@/, '//***@');
}

function readable(path: string | undefined, flag: string): string | undefined {
  if (path === undefined) return undefined;
  try {
    accessSync(path, constants.R_OK);
  } catch (e) {
    throw new UsageError(`${flag}: cannot read '${path}' (${(e as { code?: string }).code ?? String(e)})`);
  }
  return path;
}
