/** Topic helpers of the join runtime: the prefix a deployment puts before topic names, and the co-partitioning check. */
import type { Admin } from 'kafkajs';
import { UnilogError } from '../errors.js';
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
