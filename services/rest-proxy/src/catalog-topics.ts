// The topics the proxy serves: the catalog's (generated/topics.ts), named on the cluster with `kafka.topicPrefix`,
// with their partition counts as the cluster has them (cached briefly: a partition added is seen within seconds).
import type { Admin } from 'kafkajs';
import { defineTopic, type AnyTopic } from 'unilog/runtime';
import { topics } from '../../../generated/topics.js';
import { ProxyError } from './errors.js';

const CATALOG: ReadonlyMap<string, AnyTopic> = new Map(Object.entries(topics as unknown as Record<string, AnyTopic>));
const METADATA_TTL_MS = 10_000;

export class CatalogTopics {
  private readonly onCluster = new Map<string, AnyTopic>();
  private readonly partitions = new Map<string, { count: number; at: number }>();

  constructor(
    private readonly prefix: string,
    private readonly admin: () => Promise<Admin>,
  ) {
    for (const [name, topic] of CATALOG) this.onCluster.set(name, prefix ? defineTopic({ ...topic, name: `${prefix}${name}` }) : topic);
  }

  /** The topic by its catalog name; 40401 for any other name. */
  get(name: string): AnyTopic {
    const topic = this.onCluster.get(name);
    if (!topic) throw new ProxyError(40401, `topic ${name} is not in the catalog (schemas/topics.yaml); the proxy writes catalog topics only`);
    return topic;
  }

  /** The topic's partition count on the cluster; 40401 when it is not there, 50302 when Kafka cannot say. */
  async partitionCount(topic: AnyTopic): Promise<number> {
    const cached = this.partitions.get(topic.name);
    if (cached && Date.now() - cached.at < METADATA_TTL_MS) return cached.count;
    let count: number;
    try {
      const metadata = await (await this.admin()).fetchTopicMetadata({ topics: [topic.name] });
      count = metadata.topics[0]?.partitions.length ?? 0;
    } catch (error) {
      const type = (error as { type?: unknown }).type;
      if (type === 'UNKNOWN_TOPIC_OR_PARTITION') {
        throw new ProxyError(40401, `topic ${topic.name} is in the catalog but not on the cluster (create it: unilog topics --create)`);
      }
      throw new ProxyError(50302, `cannot read the metadata of ${topic.name} from Kafka: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    this.partitions.set(topic.name, { count, at: Date.now() });
    return count;
  }

  /** Throws 40402 unless every partition given exists. */
  async checkPartitions(topic: AnyTopic, given: readonly { at: string; partition: number }[]): Promise<void> {
    if (given.length === 0) return;
    const count = await this.partitionCount(topic);
    const bad = given.filter((g) => g.partition >= count);
    if (bad.length > 0) {
      throw new ProxyError(40402, `${bad.map((b) => `${b.at}: partition ${b.partition}`).join('; ')}: topic ${topic.name} has partitions 0-${count - 1}`);
    }
  }
}
