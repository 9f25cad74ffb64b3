import { describe, expect, it } from 'vitest';
import { parseServiceConfig } from '../../runtime/service/config/load-service-config.js';
import { substitute } from '../../runtime/service/config/env-substitution.js';
import { ServiceConfigError } from '../../runtime/service/config/config-error.js';
import { loadServiceConfig } from '../../runtime/service/config/load-service-config.js';

function problems(text: string, env: Record<string, string> = {}, appSchema?: object): string[] {
  try {
    parseServiceConfig(text, 'config.yaml', { env, ...(appSchema ? { appSchema } : {}) });
  } catch (e) {
    if (e instanceof ServiceConfigError) return e.message.split('\n');
    throw e;
  }
  return [];
}

describe('env substitution', () => {
  it.each([
    ['plain', 'abc', {}, 'abc', []],
    ['set', '${A}', { A: 'x' }, 'x', []],
    ['default when unset', '${A:-d}', {}, 'd', []],
    ['default when empty', '${A:-d}', { A: '' }, 'd', []],
    ['empty default', '${A:-}', {}, '', []],
    ['missing', 'a${A}b', {}, 'a${A}b', ['A']],
    ['escaped', '$${A}', { A: 'x' }, '${A}', []],
    ['several', '${H:-localhost}:${P:-80}', { P: '9' }, 'localhost:9', []],
    ['several, one empty', '${H:-localhost}:${P:-80}', { H: '', P: '9' }, 'localhost:9', []],
    ['empty inside text', 'a-${A:-d}-b', { A: '' }, 'a-d-b', []],
    ['empty with empty default', '${A:-}', { A: '' }, '', []],
    ['empty without default is missing', '${A}', { A: '' }, '${A}', ['A']],
  ] as const)('%s', (_name, text, env, want, missing) => {
    const s = substitute(text, env);
    expect(s.value).toBe(want);
    expect(s.missing).toEqual(missing);
  });
});

describe('service config', () => {
  it('fills defaults for an empty file', () => {
    const c = parseServiceConfig('', 'config.yaml', { env: {} });
    expect(c.server).toEqual({
      host: '0.0.0.0', port: 8080, bodyLimit: 1_048_576, headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, connectionTimeoutMs: 60_000, keepAliveTimeoutMs: 72_000,
    });
    expect(c.admin).toEqual({ host: '127.0.0.1', port: 8081 });
    expect(c.shutdown.graceMs).toBe(10_000);
    expect(c.logging).toEqual({ level: 'info', accessLog: true });
    expect(c.kafka).toBeUndefined();
    expect(c.app).toEqual({});
  });

  it('substitutes and coerces values from the environment', () => {
    const c = parseServiceConfig(
      ['server:', '  port: ${PORT:-8080}', 'kafka:', '  brokers: ${KAFKA_BROKERS}', 'app:', '  limit: ${LIMIT:-5}'].join('\n'),
      'config.yaml',
      { env: { PORT: '9090', KAFKA_BROKERS: 'a:1,b:2' }, appSchema: { type: 'object', properties: { limit: { type: 'integer' } } } },
    );
    expect(c.server.port).toBe(9090);
    expect(c.kafka?.brokers).toEqual(['a:1', 'b:2']);
    expect(c.app).toEqual({ limit: 5 });
  });

  it('an empty variable takes its default, as in a shell, and coerces like a set one', () => {
    const text = ['server:', '  port: ${PORT:-8080}', 'kafka:', '  brokers: ${KAFKA_BROKERS:-k:9092}', 'app:', '  limit: ${LIMIT:-5}'].join('\n');
    const appSchema = { type: 'object', properties: { limit: { type: 'integer' } } };
    const c = parseServiceConfig(text, 'config.yaml', { env: { PORT: '', KAFKA_BROKERS: '', LIMIT: '' }, appSchema });
    expect(c.server.port).toBe(8080);
    expect(c.kafka?.brokers).toEqual(['k:9092']);
    expect(c.app).toEqual({ limit: 5 });
    expect(problems('server:\n  port: ${PORT}\n', { PORT: '' })).toEqual([
      'config.yaml:2:9: ${PORT} is not set and has no default (write ${PORT:-value} for one)',
    ]);
  });

  it.each([
    ['a variable without default', 'server:\n  port: ${PORT}\n', {}, ['config.yaml:2:9: ${PORT} is not set and has no default (write ${PORT:-value} for one)']],
    ['a SASL password never echoed in an error', 'kafka:\n  brokers: [k:1]\n  sasl:\n    mechanism: plain\n    username: u\n    password: ${KAFKA_PASSWORD}\n', { KAFKA_PASSWORD: '' }, [
      'config.yaml:6:15: ${KAFKA_PASSWORD} is not set and has no default (write ${KAFKA_PASSWORD:-value} for one)',
    ]],
    ['a wrong SASL password, never echoed', 'kafka:\n  brokers: [k:1]\n  sasl:\n    mechanism: plain\n    username: u\n    password: { hunter2: 1 }\n', {}, [
      'config.yaml:6:15: kafka.sasl.password: must be string, found (secret, not shown)',
    ]],
    ['a bad SASL mechanism and a TLS file that cannot be read', 'kafka:\n  brokers: [k:1]\n  ssl:\n    ca: /no/such/ca.pem\n  sasl:\n    mechanism: kerberos\n    username: u\n    password: p\n', {}, [
      "config.yaml:4:9: kafka.ssl.ca: cannot read '/no/such/ca.pem' (ENOENT)",
      'config.yaml:6:16: kafka.sasl.mechanism: must be one of "plain", "scram-sha-256", "scram-sha-512", found "kerberos"',
    ]],
    ['a registry CA file that cannot be read', 'registry:\n  url: https://reg.example\n  ca: /no/such/registry-ca.pem\n', {}, [
      "config.yaml:3:7: registry.ca: cannot read '/no/such/registry-ca.pem' (ENOENT)",
    ]],
    ['an unset variable beside other problems: all of them', 'server:\n  port: ${PORT}\nadmin:\n  port: 70000\nlogging:\n  level: loud\n', {}, [
      'config.yaml:2:9: ${PORT} is not set and has no default (write ${PORT:-value} for one)',
      'config.yaml:4:9: admin.port: must be <= 65535, found 70000',
      'config.yaml:6:10: logging.level: must be one of "fatal", "error", "warn", "info", "debug", "trace", "silent", found "loud"',
    ]],
    ['a wrong type from the environment', 'server:\n  port: ${PORT}\n', { PORT: 'eighty' }, ['config.yaml:2:9: server.port: must be integer, found "eighty" (from ${PORT})']],
    ['out of range', 'admin:\n  port: 70000\n', {}, ['config.yaml:2:9: admin.port: must be <= 65535, found 70000']],
    ['an unknown key', 'server:\n  prot: 1\n', {}, ['config.yaml:2:3: server.prot: unknown key (expected one of host, port, bodyLimit, validateResponses, headersTimeoutMs, requestTimeoutMs, connectionTimeoutMs, keepAliveTimeoutMs)']],
    ['a non-boolean flag', 'logging:\n  accessLog: sometimes\n', {}, ['config.yaml:2:14: logging.accessLog: must be boolean, found "sometimes"']],
    ['an unknown section', 'servre: {}\n', {}, ['config.yaml:1:1: servre: unknown key (expected one of server, admin, shutdown, logging, kafka, registry, app)']],
    ['a missing required key', 'kafka:\n  clientId: x\n', {}, ['config.yaml:2:3: kafka.brokers: missing (required)']],
    ['a bad enum', 'logging:\n  level: loud\n', {}, ['config.yaml:2:10: logging.level: must be one of "fatal", "error", "warn", "info", "debug", "trace", "silent", found "loud"']],
    ['a bad registry url', 'registry:\n  url: localhost:8081\n', {}, ['config.yaml:2:8: registry.url: must match pattern "^https?://", found "localhost:8081"']],
    ['a duplicate key', 'server:\n  port: 1\n  port: 2\n', {}, ['config.yaml:3:3: malformed YAML: Map keys must be unique']],
    ['not a mapping', '- 1\n', {}, ['config.yaml:1:1: the config must be a mapping of keys to values']],
  ])('reports %s at its position', (_name, text, env, want) => {
    expect(problems(text, env)).toEqual(want);
  });

  it("validates the service's app section with its schema", () => {
    const schema = { type: 'object', required: ['indexName'], additionalProperties: false, properties: { indexName: { type: 'string' } } };
    expect(problems('app:\n  other: 1\n', {}, schema)).toEqual([
      'config.yaml:2:3: app.indexName: missing (required)',
      'config.yaml:2:3: app.other: unknown key (expected one of indexName)',
    ]);
  });

  it('names a missing file', () => {
    expect(() => loadServiceConfig('/nonexistent/config.yaml')).toThrow(/config.yaml: config file not found/);
  });
});
