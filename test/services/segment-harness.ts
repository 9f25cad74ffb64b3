/**
 * segment-ingest in process, as Segment's webhook sees it: the service's own context (createContext: the typed
 * producer of segment-events over test/runtime/fake-kafka.ts and an in-process registry, the recent ids, the metrics),
 * its route on a fastify app with the framework's error handler, requests made with `inject`. What reached Kafka is
 * read back, decoded, from the fake's logs.
 */
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import { Registry } from 'prom-client';
import { ensureRuntimeLink } from '../../generator/scaffold/runtime-link.js';
import { segmentEvents } from '../../generated/topics.js';
import { FakeKafka } from '../runtime/fake-kafka.js';
import { FakeRegistry } from '../runtime/fake-registry.js';
import { REPO } from '../support/generate-into.js';

// The service imports `unilog/runtime`: a fresh checkout (or Stryker's sandbox) has no link for it yet.
ensureRuntimeLink(`${REPO}/services/segment-ingest`, REPO);
// The runtime as the service loads it, through that link: in Stryker's sandbox the link is made while the tests run
// and vite keeps its path, so the runtime loaded any other way is a second copy whose classes (HttpError) differ.
const { createProducer, createSchemaRegistry } = (await import('../../services/segment-ingest/node_modules/unilog/runtime/index.js' as string)) as typeof import('../../runtime/index.js');
const { handleError } = (await import('../../services/segment-ingest/node_modules/unilog/runtime/service/http/error-handler.js' as string)) as typeof import('../../runtime/service/http/error-handler.js');
const { createContext } = await import('../../services/segment-ingest/src/context.js');
const { segmentRoutes } = await import('../../services/segment-ingest/src/routes.js');
const { signatureOf } = await import('../../services/segment-ingest/src/signature.js');
type AppConfig = import('../../services/segment-ingest/src/config.js').AppConfig;

export const SECRET = 'sixteen-chars-at-least';

export interface Segment {
  readonly app: FastifyInstance;
  readonly kafka: FakeKafka;
  readonly metrics: Registry;
  /** The request log's lines at warn and above, parsed. */
  readonly logs: Array<Record<string, unknown>>;
  /** Makes the producer's sends fail with `error` while set (undefined: they write again). */
  failSends(error: unknown): void;
  /** POSTs `body` (an object is sent as JSON) signed with SECRET unless `signature` is given. */
  deliver(body: unknown, options?: { signature?: string | null; contentType?: string }): Promise<LightMyRequestResponse>;
  /** Every record written to segment-events, decoded: key and value, with its partition. */
  written(): Promise<Array<{ partition: number; key: unknown; value: Record<string, unknown> }>>;
}

export async function startSegment(app: Partial<AppConfig> = {}): Promise<Segment> {
  const kafka = new FakeKafka();
  kafka.topics.set('segment-events', 6);
  const fakeRegistry = new FakeRegistry();
  const registry = createSchemaRegistry({ url: fakeRegistry.base, fetch: fakeRegistry.fetch });
  const metrics = new Registry();
  const env = {
    name: 'segment-ingest',
    config: { app: { sharedSecret: SECRET, dedupeWindowSeconds: 60, dedupeMaxIds: 100, retryAfterSeconds: 30, ...app } },
    metrics,
    kafka: { producer: (topic: typeof segmentEvents) => createProducer(kafka.asKafka(), topic, { registry }) },
  };
  const ctx = createContext(env as never);
  let failure: unknown;
  const producer = { send: (record: never) => (failure === undefined ? ctx.producer.send(record) : Promise.reject(failure)) };
  const logs: Array<Record<string, unknown>> = [];
  const server = Fastify({ logger: { level: 'warn', stream: { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) } } });
  server.setErrorHandler(handleError);
  await server.register((instance) => segmentRoutes(instance, { ...ctx, producer: producer as never }));
  return {
    app: server,
    kafka,
    metrics,
    logs,
    failSends: (error) => void (failure = error),
    deliver: (body, options = {}) => {
      const payload = typeof body === 'string' ? body : JSON.stringify(body);
      const signature = options.signature === undefined ? signatureOf(payload, SECRET) : options.signature;
      const headers: Record<string, string> = { 'content-type': options.contentType ?? 'application/json', ...(signature === null ? {} : { 'x-signature': signature }) };
      return server.inject({ method: 'POST', url: '/segment', headers, payload });
    },
    written: async () => {
      const serdes = registry.topicSerdes(segmentEvents);
      const out: Array<{ partition: number; key: unknown; value: Record<string, unknown> }> = [];
      for (let partition = 0; partition < 6; partition++) {
        for (const m of (kafka.logs.get(`segment-events[${partition}]`) ?? []) as Array<{ key: Buffer; value: Buffer }>) {
          out.push({ partition, key: await serdes.key.decodeAsync(m.key), value: (await serdes.value.decodeAsync(m.value)) as unknown as Record<string, unknown> });
        }
      }
      return out;
    },
  };
}

/** The value of one metric of the service with these labels (0 when never set). */
export async function metric(metrics: Registry, name: string, labels: Record<string, string> = {}): Promise<number> {
  const found = (await metrics.getSingleMetric(name)?.get())?.values.find((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l));
  return found?.value ?? 0;
}
