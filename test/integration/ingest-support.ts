/**
 * Shared by the HTTP ingest tests (rest-proxy, segment-ingest): a service of services/ started in this process on
 * free ports against the real broker and registry, the catalog's topics under a random prefix, and what a topic holds.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import type { Kafka } from 'kafkajs';
import { topics } from '../../generated/topics.js';
import { ensureRuntimeLink } from '../../generator/scaffold/runtime-link.js';
import { defineTopic, ensureTopics, type AnyTopic } from '../../runtime/index.js';
import type { Service, ServiceDefinition } from '../../runtime/service/index.js';
import { REPO } from '../support/generate-into.js';
import { kafkaBrokers, schemaRegistryUrl } from './infra.js';

/**
 * The `service` export of `services/<name>/src/service.ts`, imported once `unilog` resolves from that folder (as
 * `npm install` of its `file:` dependency would make it).
 */
export async function serviceDefinition(name: string): Promise<ServiceDefinition<unknown, unknown, Record<string, unknown>>> {
  ensureRuntimeLink(join(REPO, 'services', name), REPO);
  const mod = (await import(join(REPO, 'services', name, 'src', 'service.ts'))) as { service: ServiceDefinition<unknown, unknown, Record<string, unknown>> };
  return mod.service;
}

export interface Started {
  readonly service: Service;
  readonly url: string;
  readonly admin: string;
}

/** Starts the service on free ports; `app` is its `app:` section, `registryUrl` overrides the registry. */
export async function startIngestService(name: string, prefix: string, app: Record<string, unknown>, registryUrl = schemaRegistryUrl()): Promise<Started> {
  const { createService } = await import('../../runtime/service/index.js');
  const def = await serviceDefinition(name);
  const service = await createService(def, {
    config: {
      server: { host: '127.0.0.1', port: 0, bodyLimit: 1_048_576 },
      admin: { host: '127.0.0.1', port: 0 },
      logging: { level: 'silent', accessLog: false },
      kafka: { brokers: kafkaBrokers(), topicPrefix: prefix },
      registry: { url: registryUrl },
      app,
    },
  });
  const { app: url, admin } = await service.start();
  return { service, url, admin };
}

/** The catalog topic `name` under `prefix`, created on the broker. */
export async function prefixedTopic(client: Kafka, prefix: string, name: keyof typeof topics): Promise<AnyTopic> {
  const topic = defineTopic({ ...(topics[name] as unknown as AnyTopic), name: `${prefix}${name}` });
  await ensureTopics(client, [topic]);
  return topic;
}

/** How many records the topic holds (the sum of its partitions' high-watermarks: nothing is ever deleted here). */
export async function recordCount(client: Kafka, topic: string): Promise<number> {
  const admin = client.admin();
  await admin.connect();
  try {
    return (await admin.fetchTopicOffsets(topic)).reduce((n, p) => n + Number(p.high), 0);
  } finally {
    await admin.disconnect();
  }
}

/** Runs a shell command line (a documented curl example) and gives its stdout. */
export function shell(command: string): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile('bash', ['-c', command], { encoding: 'utf8' }, (error, stdout, stderr) => (error ? reject(new Error(`${command}\n${stderr}`, { cause: error })) : resolve(stdout))),
  );
}
