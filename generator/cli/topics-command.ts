/**
 * `unilog topics`: compares the catalog's topics with a Kafka cluster and, with --create, creates the missing ones
 * (partitions and cleanup policy from the catalog). Services never create topics themselves; a deployment, or a
 * developer with a fresh broker, runs this before they start. Exit 0 the cluster matches, 100 drift remains.
 */
import { Kafka, logLevel } from 'kafkajs';
import { loadCatalog } from '../catalog/load-catalog.js';
import type { TopicSpec as CatalogTopic } from '../catalog/catalog.js';
import { loadConfig } from '../config/load-config.js';
import { formatLocated, UserErrors } from '../diagnostics.js';
import { resolveSchemaDir } from '../resolve/resolve-schemas.js';
import { describeDrift, ensureTopics, topicDrift, type TopicSpec } from '../../runtime/kafka/admin.js';
import { parseArgs } from './args.js';
import { KAFKA_FLAGS, KAFKA_FLAGS_HELP, kafkaConnection } from './connection-flags.js';
import { EXIT, UsageError } from './exit-codes.js';

/** The broker `npm run dev:up` starts. */
const DEV_BROKERS = '127.0.0.1:19092';
/** As a service's `kafka.topicPrefix`. */
const PREFIX = /^[A-Za-z0-9._-]*$/;
const BROKER = /^[^\s,]+:[0-9]+$/;

export const TOPICS_HELP = `Usage: unilog topics [--create] [--brokers HOST:PORT,...] [--prefix PREFIX] [--replication-factor N]

Compares every topic of the catalog with a Kafka cluster and prints, at the topic's entry in the catalog
(file:line:col), each one that is missing or has another partition count or cleanup policy. Services do not
create their topics: run this with --create before they start, on a fresh broker or as a deployment step.

Options:
  --create                  create the missing topics, with the catalog's partitions and cleanup policy (a
                            topic that exists is never changed; its drift is printed for you to resolve)
  --brokers LIST            the cluster (default: $KAFKA_BROKERS, else ${DEV_BROKERS}, the dev broker)
  --prefix PREFIX           put before every topic name, as a service's kafka.topicPrefix (default: $TOPIC_PREFIX)
  --replication-factor N    for created topics (default: the broker's default.replication.factor)
  --config FILE             config file (default: unilog.config.yaml if present)

${KAFKA_FLAGS_HELP}

Exit codes: 0 the cluster matches the catalog, 100 drift remains (printed), 1 bad input or Kafka unreachable,
2 internal error.`;

export async function runTopicsCommand(argv: readonly string[]): Promise<number> {
  const { flags, positional } = parseArgs(argv, { create: 'boolean', brokers: 'string', prefix: 'string', 'replication-factor': 'string', config: 'string', ...KAFKA_FLAGS });
  if (positional.length > 0) throw new UsageError(`unexpected argument '${positional[0]}'`);
  const brokers = (flags.brokers ?? process.env['KAFKA_BROKERS'] ?? DEV_BROKERS).split(',').map((b) => b.trim()).filter(Boolean);
  const bad = brokers.find((b) => !BROKER.test(b));
  if (brokers.length === 0 || bad !== undefined) throw new UsageError(`brokers must be host:port,... (got '${bad ?? ''}')`);
  const prefix = flags.prefix ?? process.env['TOPIC_PREFIX'] ?? '';
  if (!PREFIX.test(prefix)) throw new UsageError(`--prefix may hold letters, digits, '.', '_' and '-' only (got '${prefix}')`);
  const rf = flags['replication-factor'];
  if (rf !== undefined && !/^[1-9][0-9]*$/.test(rf)) throw new UsageError(`--replication-factor must be a positive integer (got '${rf}')`);
  const security = kafkaConnection(flags);

  const config = loadConfig({ config: flags.config });
  const loaded = resolveSchemaDir(config.schemas);
  const { catalog, diagnostics } = loadCatalog(config.catalog, loaded.set);
  if (loaded.diagnostics.length + diagnostics.length > 0) throw new UserErrors([...loaded.diagnostics, ...diagnostics]);
  const byName = new Map<string, CatalogTopic>(catalog.topics.map((t) => [`${prefix}${t.name}`, t]));
  const specs: TopicSpec[] = catalog.topics.map((t) => ({ name: `${prefix}${t.name}`, partitions: t.partitions, cleanupPolicy: t.cleanupPolicy }));
  const where = brokers.join(',');

  const kafka = new Kafka({ clientId: 'unilog-topics', brokers, ...security, logLevel: logLevel.NOTHING, connectionTimeout: 3_000, retry: { retries: 2 } });
  try {
    if (flags.create) {
      const { created } = await ensureTopics(kafka, specs, rf === undefined ? {} : { replicationFactor: Number(rf) });
      for (const name of created) {
        const t = byName.get(name)!;
        process.stdout.write(`created ${name} (${t.partitions} partition${t.partitions === 1 ? '' : 's'}, cleanup.policy=${t.cleanupPolicy})\n`);
      }
    }
    const drift = await topicDrift(kafka, specs);
    for (const d of drift) process.stdout.write(`${formatLocated({ ...byName.get(d.topic)!.pos, message: describeDrift(d) })}\n`);
    const missing = drift.filter((d) => d.kind === 'missing').length;
    const differing = new Set(drift.map((d) => d.topic)).size;
    process.stderr.write(
      differing === 0
        ? `unilog topics: the ${specs.length} topic${specs.length === 1 ? '' : 's'} of ${catalog.file} match ${where}\n`
        : `unilog topics: ${differing} of ${specs.length} topics differ from ${catalog.file} on ${where}` +
            `${missing > 0 ? ' (--create creates the missing ones)' : ''}\n`,
    );
    return differing === 0 ? EXIT.OK : EXIT.FINDINGS;
  } catch (e) {
    // A cluster that cannot be reached (or refuses) is the user's to fix: one line, no stack trace.
    if (e instanceof Error && /^KafkaJS/.test(e.name)) throw new UsageError(`Kafka at ${where}: ${kafkaReason(e)}`);
    throw e;
  }
}

/** kafkajs wraps the reason (connection refused, unknown broker) in retry errors; the innermost message says it. */
function kafkaReason(e: Error): string {
  let inner: Error = e;
  for (let c: unknown = (e as { cause?: unknown }).cause ?? (e as { originalError?: unknown }).originalError; c instanceof Error; ) {
    inner = c;
    c = (c as { cause?: unknown }).cause ?? (c as { originalError?: unknown }).originalError;
  }
  return inner.message;
}
