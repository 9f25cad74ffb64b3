/**
 * A service on the broker's SASL_SSL listener (dev/up.sh: TLS with a throw-away CA, SASL/PLAIN user `unilog`): it
 * produces and consumes through `kafka.ssl` and `kafka.sasl` of its config; a wrong password stops its start with
 * kafkajs's authentication error, and the password appears in no log line and no error.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, describe, expect, test } from 'vitest';
import { users } from '../../generated/topics.js';
import type { TypedProducer } from '../../runtime/index.js';
import { createService, defineService, type Service } from '../../runtime/service/index.js';
import { petsContract } from '../service/support/pets-contract.js';
import { saslSsl, schemaRegistryUrl } from './infra.js';
import { userInput, userKey } from './example-records.js';
import { kafka, renamed, until } from './runtime-support.js';

const { brokers: SASL_SSL, tlsDir, password: PASSWORD } = saslSsl();
const CA = join(tlsDir, 'ca.pem');
const stops: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
});

const unused = () => {
  throw new Error('not called');
};

async function secureService(topicName: string, password: string, lines: string[]): Promise<{ service: Service; seen: string[]; producer: () => TypedProducer<unknown, unknown> }> {
  const seen: string[] = [];
  let producer: TypedProducer<unknown, unknown> | undefined;
  const topic = { ...users, name: topicName };
  const definition = defineService({
    contract: petsContract,
    setup: (env) => {
      producer = env.kafka.producer(topic) as TypedProducer<unknown, unknown>;
      env.kafka.consumer(topic, (record) => void seen.push(record.value?.username ?? '(tombstone)'));
      return {};
    },
    handlers: { listPets: unused, getPet: unused, createPet: unused, deletePet: unused, slow: unused },
  });
  const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
  const service = await createService(definition, {
    config: {
      server: { port: 0, host: '127.0.0.1' }, admin: { port: 0 },
      kafka: { brokers: [SASL_SSL], ssl: { ca: CA }, sasl: { mechanism: 'plain', username: 'unilog', password } },
      registry: { url: schemaRegistryUrl() },
    },
    logger: pino({ level: 'info' }, sink),
  });
  return { service, seen, producer: () => producer! };
}

describe('Kafka over TLS with SASL/PLAIN', () => {
  test('a service configured with kafka.ssl and kafka.sasl produces and consumes on the SASL_SSL listener', { timeout: 90_000 }, async () => {
    const topic = await renamed(kafka(), users);
    const lines: string[] = [];
    const { service, seen, producer } = await secureService(topic.name, PASSWORD, lines);
    stops.push(() => service.stop());
    const { admin } = await service.start();
    const id = randomUUID();
    await producer().send({ key: userKey(id), value: { ...userInput(id), username: 'over-tls' } });
    await until(() => seen.includes('over-tls'), 'the record read back over SASL_SSL');
    const health = (await (await fetch(`${admin}/healthcheck`)).json()) as { checks: Record<string, { healthy: boolean }> };
    expect(health.checks['kafka']?.healthy).toBe(true);
    expect(lines.join('')).not.toContain(PASSWORD);
  });

  test('a wrong password fails the start with the broker\'s answer, and the password is in no log line or error', { timeout: 90_000 }, async () => {
    const topic = await renamed(kafka(), users);
    const lines: string[] = [];
    const wrong = 'not-the-password-42';
    const { service } = await secureService(topic.name, wrong, lines);
    stops.push(() => service.stop());
    const error = await service.start().then(() => undefined, (e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    expect(String(error?.message)).toMatch(/SASL PLAIN authentication failed/);
    expect(`${error?.message} ${error?.stack} ${lines.join('')}`).not.toContain(wrong);
  });
});
