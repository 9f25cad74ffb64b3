/**
 * The CLI's Kafka and registry connection settings: flags over environment variables, mapped through the service
 * framework's mapping; every incomplete or unsafe combination is a usage error that names the flag, never a secret.
 */
import { describe, expect, test } from 'vitest';
import { kafkaConnection, registryConnection } from '../../generator/cli/connection-flags.js';
import { UsageError } from '../../generator/cli/exit-codes.js';

const CA = 'package.json'; // any readable file stands for a PEM here: nothing connects

describe('kafkaConnection', () => {
  test('nothing set: no TLS, no SASL', () => {
    expect(kafkaConnection({}, {})).toEqual({});
  });

  test('a CA turns TLS on; the SASL password comes from the environment; the mechanism may be written as librdkafka does', () => {
    const got = kafkaConnection({ 'kafka-ca': CA, 'kafka-sasl-mechanism': 'SCRAM-SHA-512', 'kafka-sasl-username': 'svc' }, { KAFKA_SASL_PASSWORD: 's3cret' });
    expect(got.ssl).toMatchObject({ rejectUnauthorized: true, ca: [expect.stringContaining('"name": "unilog"')] });
    expect(got.sasl).toEqual({ mechanism: 'scram-sha-512', username: 'svc', password: 's3cret' });
  });

  test('the environment alone, and a flag wins over its variable', () => {
    const env = { KAFKA_SSL: 'true', KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'env-user', KAFKA_SASL_PASSWORD: 'p' };
    expect(kafkaConnection({}, env)).toEqual({ ssl: { rejectUnauthorized: true }, sasl: { mechanism: 'plain', username: 'env-user', password: 'p' } });
    expect(kafkaConnection({ 'kafka-sasl-username': 'flag-user' }, env).sasl).toMatchObject({ username: 'flag-user' });
  });

  test.each([
    [{ 'kafka-sasl-mechanism': 'plain', 'kafka-sasl-username': 'u' }, {}, 'SASL needs the password in $KAFKA_SASL_PASSWORD (never as a flag: it would show in ps)'],
    [{ 'kafka-sasl-username': 'u' }, { KAFKA_SASL_PASSWORD: 'p' }, '--kafka-sasl-username needs --kafka-sasl-mechanism (plain, scram-sha-256 or scram-sha-512)'],
    [{ 'kafka-sasl-mechanism': 'gssapi', 'kafka-sasl-username': 'u' }, { KAFKA_SASL_PASSWORD: 'p' }, "--kafka-sasl-mechanism must be one of plain, scram-sha-256, scram-sha-512 (got 'gssapi')"],
    [{ 'kafka-sasl-mechanism': 'plain' }, { KAFKA_SASL_PASSWORD: 'p' }, '--kafka-sasl-mechanism needs --kafka-sasl-username'],
    [{ 'kafka-cert': CA }, {}, '--kafka-cert and --kafka-key go together (a client certificate and its key)'],
    [{ 'kafka-ca': 'no/such/ca.pem' }, {}, "--kafka-ca: cannot read 'no/such/ca.pem' (ENOENT)"],
  ] as const)('usage error: %j %j', (flags, env, message) => {
    expect(() => kafkaConnection(flags, env)).toThrow(new UsageError(message));
  });
});

describe('registryConnection', () => {
  test('credentials in the URL become basic auth, and the URL keeps none of them', () => {
    const got = registryConnection('https://key:pa%40ss@reg.example/api/', {}, {});
    expect(got).toEqual({ url: 'https://reg.example/api', headers: { authorization: `Basic ${Buffer.from('key:pa@ss').toString('base64')}` } });
  });

  test('else the credentials from the environment; a CA file is read as PEM text', () => {
    const got = registryConnection('https://reg.example', { 'registry-ca': CA }, { SCHEMA_REGISTRY_USERNAME: 'u', SCHEMA_REGISTRY_PASSWORD: 'p' });
    expect(got.headers).toEqual({ authorization: `Basic ${Buffer.from('u:p').toString('base64')}` });
    expect(got.ca).toContain('"name": "unilog"');
  });

  test('half the credentials, a bad URL or an unreadable CA is a usage error that shows no secret', () => {
    expect(() => registryConnection('https://reg.example', {}, { SCHEMA_REGISTRY_USERNAME: 'u' })).toThrow(/needs both \$SCHEMA_REGISTRY_USERNAME and \$SCHEMA_REGISTRY_PASSWORD/);
    expect(() => registryConnection('not a url://u:hidden@x', {}, {})).toThrow(new UsageError("--url must be an absolute http(s) URL (got 'not a url://***@x')"));
    expect(() => registryConnection('https://reg.example', {}, { SCHEMA_REGISTRY_CA: 'nope.pem' })).toThrow(new UsageError("--registry-ca: cannot read 'nope.pem' (ENOENT)"));
  });
});
