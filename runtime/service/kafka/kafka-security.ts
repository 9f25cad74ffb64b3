/**
 * The config's `kafka.ssl` and `kafka.sasl` as kafkajs options, and `registry.username`/`password`/`ca` as the
 * registry client's options. kafkajs speaks TLS and SASL (PLAIN, SCRAM-SHA-256/512) itself; unilog only maps its
 * config, so what a kafkajs user knows applies unchanged. The CLI's Kafka and registry flags map onto the same
 * sections (generator/cli/connection-flags.ts), so a service and `unilog topics` read them alike. The password stays
 * in these objects: nothing here logs it.
 */
import { readFileSync } from 'node:fs';
import type { KafkaConfig, SASLOptions } from 'kafkajs';
import type { RegistryOptions } from '../../registry/options.js';
import type { ServiceConfig } from '../config/config-schema.js';

type KafkaSection = NonNullable<ServiceConfig<unknown>['kafka']>;

export function kafkaSecurity(kafka: KafkaSection): Pick<KafkaConfig, 'ssl' | 'sasl'> {
  const out: { ssl?: KafkaConfig['ssl']; sasl?: SASLOptions } = {};
  const tls = kafka.ssl;
  if (tls?.enabled) {
    // Read once at start (the config loader checked they are readable); a rotated certificate needs a restart.
    const pem = (path: string | undefined): string | undefined => (path === undefined ? undefined : readFileSync(path, 'utf8'));
    const [ca, cert, key] = [pem(tls.ca), pem(tls.cert), pem(tls.key)];
    out.ssl = {
      rejectUnauthorized: tls.rejectUnauthorized,
      ...(ca !== undefined ? { ca: [ca] } : {}),
      ...(cert !== undefined && key !== undefined ? { cert, key } : {}),
    };
  }
  const sasl = kafka.sasl;
  if (sasl) {
    const { username, password } = sasl;
    out.sasl =
      sasl.mechanism === 'plain' ? { mechanism: 'plain', username, password }
      : sasl.mechanism === 'scram-sha-256' ? { mechanism: 'scram-sha-256', username, password }
      : { mechanism: 'scram-sha-512', username, password };
  }
  return out;
}

/**
 * The registry client's options for `registry.username`/`password` (an `authorization: Basic …` header, as for
 * Confluent Cloud's API key and secret) and `registry.ca` (the PEM file's text, trusted besides the system's CAs).
 */
export function registrySecurity(registry: NonNullable<ServiceConfig<unknown>['registry']>): Pick<RegistryOptions, 'headers' | 'ca'> {
  return {
    headers: registry.username === undefined || registry.password === undefined ? {} : basicAuth(registry.username, registry.password),
    ...(registry.ca === undefined ? {} : { ca: readFileSync(registry.ca, 'utf8') }),
  };
}

/** HTTP basic auth as every registry client sends it; the one place the header is built. */
export function basicAuth(username: string, password: string): Record<string, string> {
  return { authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` };
}
