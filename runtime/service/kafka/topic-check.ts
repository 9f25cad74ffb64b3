/**
 * Before a service's Kafka clients start, every topic it uses must exist. Otherwise a replay or consumer retries for
 * seconds and fails with kafkajs's "This server does not host this topic-partition", and a producer may have the
 * broker auto-create its topic with the broker's defaults (one partition, delete policy: wrong for a compacted,
 * keyed topic). Topics that exist but differ from the catalog are only logged: the service still works on them.
 */
import type { Admin } from 'kafkajs';
import { describeDrift, topicDrift, type TopicSpec } from '../../kafka/admin.js';
import { UnilogError } from '../../errors.js';

interface WarnLog {
  warn(obj: object, msg: string): void;
}

export async function checkServiceTopics(
  admin: Admin,
  topics: readonly TopicSpec[],
  where: { readonly brokers: readonly string[]; readonly prefix: string },
  log: WarnLog,
): Promise<void> {
  const drift = await topicDrift(admin, topics);
  for (const d of drift) if (d.kind !== 'missing') log.warn({ topic: d.topic, drift: d.kind, expected: d.expected, actual: d.actual }, describeDrift(d));
  const missing = drift.filter((d) => d.kind === 'missing').map((d) => d.topic);
  if (missing.length === 0) return;
  const brokers = where.brokers.join(',');
  const command = `unilog topics --create${where.prefix ? ` --prefix ${where.prefix}` : ''} --brokers ${brokers}`;
  throw new UnilogError(
    'TOPIC_MISSING',
    `${missing.length === 1 ? 'topic' : 'topics'} ${missing.join(', ')} ${missing.length === 1 ? 'does' : 'do'} not exist on ${brokers}: ` +
      `create the catalog's topics first (\`${command}\` in the project)`,
  );
}
