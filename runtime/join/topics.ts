/** Topic helpers of the join runtime: the prefix a deployment puts before topic names, and the co-partitioning checks. */
import type { Admin } from 'kafkajs';
import { UnilogError } from '../errors.js';
import type { Serde } from '../registry/index.js';
import { defineTopic, type Topic } from '../topic.js';

export function prefixed<K, KI, V, VI>(topic: Topic<K, KI, V, VI>, prefix: string): Topic<K, KI, V, VI> {
  return prefix ? defineTopic({ ...topic, name: `${prefix}${topic.name}` }) : topic;
}

/**
 * Partition counts on the cluster of every topic named, refusing to go on when one is missing or when the
 * co-partitioned inputs (`together`) differ: partition p of each must hold the same keys.
 */
export async function checkCoPartitioned(
  admin: Admin, join: string, together: readonly [string, string], others: readonly string[],
): Promise<Map<string, number>> {
  const names = [...new Set([...together, ...others])];
  const existing = new Set(await admin.listTopics());
  const missing = names.filter((n) => !existing.has(n));
  if (missing.length > 0) {
    throw new UnilogError('TOPIC_MISSING', `join ${join}: topic${missing.length > 1 ? 's' : ''} ${missing.join(', ')} missing on the cluster: create the catalog's topics first (\`unilog topics --create\`)`);
  }
  const { topics } = await admin.fetchTopicMetadata({ topics: names });
  const counts = new Map(topics.map((t) => [t.name, t.partitions.length]));
  const [a, b] = together;
  if (counts.get(a) !== counts.get(b)) {
    throw new UnilogError(
      'JOIN_NOT_COPARTITIONED',
      `join ${join}: ${a} has ${counts.get(a)} partitions on the cluster and ${b} has ${counts.get(b)}: a join reads partition p of both together, so they need the same count; recreate ${b} with ${counts.get(a)} partitions (or re-key it through a 'via' topic in schemas/joins.yaml)`,
    );
  }
  return counts;
}

/**
 * Co-partitioned inputs read directly (a stream keyed like the table) must frame their keys with the same registry
 * schema id: a key's partition is computed from its framed bytes, id included, so the same key under two ids can land
 * in two partitions. Resolves both key serdes (registering or looking up their schemas) and compares the ids.
 */
export async function checkKeySchemas(join: string, a: { topic: string; key: Serde<unknown, unknown> }, b: { topic: string; key: Serde<unknown, unknown> }): Promise<void> {
  const [idA, idB] = await Promise.all([a.key.prepare(), b.key.prepare()]);
  if (idA === idB) return;
  throw new UnilogError(
    'JOIN_NOT_COPARTITIONED',
    `join ${join}: ${a.topic} frames its keys with schema id ${idA} (subject ${a.key.subject}) and ${b.topic} with ${idB} (subject ${b.key.subject}): a join reads partition p of both together and a key's partition comes from its framed bytes, so both need the same key schema, registered under the same id; give ${b.topic} the key schema of ${a.topic} in the catalog (or re-key it through a 'via' topic in schemas/joins.yaml)`,
  );
}
