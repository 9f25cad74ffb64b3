/**
 * The config's `kafka.ssl` and `kafka.sasl` as kafkajs options, and `registry.username`/`password` as the registry
 * client's basic-auth header. kafkajs speaks TLS and SASL (PLAIN, SCRAM-SHA-256/512) itself; unilog only maps its
 * config, so what a kafkajs user knows applies unchanged. The password stays in these objects: nothing here logs it.
 */
import { readFileSync } from 'node:fs';
import type { KafkaConfig, SASLOptions } from 'kafkajs';
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

/** `authorization: Basic …` for a registry that asks for a user (Confluent Cloud's API key and secret, say). */
export function registryHeaders(registry: NonNullable<ServiceConfig<unknown>['registry']>): Readonly<Record<string, string>> {
  if (registry.username === undefined || registry.password === undefined) return {};
  return { authorization: `Basic ${Buffer.from(`${registry.username}:${registry.password}`).toString('base64')}` };
}
