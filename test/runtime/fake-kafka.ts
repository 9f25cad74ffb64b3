/**
 * An in-process stand-in for the part of kafkajs that the typed consumer, replay, the producers and the dead-letter writer use
 * (unit tests only; test/integration runs the same code against a real broker). The test drives it: `deliver` hands
 * one batch to the consumer's `eachBatch` as kafkajs would, and everything the code under test does is recorded
 * (offsets resolved and committed, heartbeats, records sent and where they were written, admin calls).
 */
import type { ICustomPartitioner, Kafka, KafkaMessage, Message, PartitionMetadata, RecordMetadata } from 'kafkajs';

export interface Commit {
  /** Only for an explicit `commitOffsets` (a consumer of several topics). */
  readonly topic?: string;
  readonly partition: number;
  /** The next offset to read, as kafkajs commits it (last resolved + 1). */
  readonly offset: string;
}

export interface TopicOffsets {
  readonly partition: number;
  readonly low: string;
  readonly high: string;
}

type EachBatch = (payload: unknown) => Promise<void>;

export class FakeConsumer {
  readonly events = { CRASH: 'consumer.crash', GROUP_JOIN: 'consumer.group_join', END_BATCH_PROCESS: 'consumer.end_batch_process' } as const;
  readonly calls: string[] = [];
  readonly commits: Commit[] = [];
  readonly heartbeats: number[] = [];
  subscribed: { topics: string[]; fromBeginning: boolean } | undefined;
  runConfig: Record<string, unknown> | undefined;
  running = false;
  private eachBatch: EachBatch | undefined;
  private inFlight: Promise<unknown> | undefined;
  private readonly listeners = new Map<string, Array<(e: { payload: never }) => void>>();
  readonly seeks: Array<{ topic: string; partition: number; offset: string }> = [];
  /** Resolved offset per partition not yet committed. */
  private readonly resolved = new Map<number, string>();

  constructor(readonly config: Record<string, unknown>) {}

  on(event: string, listener: (e: { payload: never }) => void): void {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
  }

  /** Fires a kafkajs instrumentation event (GROUP_JOIN with `{ memberAssignment }`, END_BATCH_PROCESS, ...). */
  emit(event: string, payload: unknown): void {
    for (const l of this.listeners.get(event) ?? []) l({ payload: payload as never });
  }

  seek(s: { topic: string; partition: number; offset: string }): void {
    this.seeks.push(s);
  }

  async connect(): Promise<void> {
    this.calls.push('connect');
  }

  async subscribe(s: { topics: string[]; fromBeginning: boolean }): Promise<void> {
    this.calls.push('subscribe');
    this.subscribed = s;
  }

  async run(config: Record<string, unknown> & { eachBatch: EachBatch }): Promise<void> {
    this.calls.push('run');
    this.runConfig = config;
    this.eachBatch = config.eachBatch;
    this.running = true;
  }

  /** kafkajs's stop waits for the batch in hand to finish before it resolves. */
  async stop(): Promise<void> {
    this.calls.push('stop');
    this.running = false;
    await this.inFlight?.catch(() => undefined);
  }

  async disconnect(): Promise<void> {
    this.calls.push('disconnect');
  }

  /** kafkajs's explicit commit (autoCommit false), recorded with the other commits. */
  async commitOffsets(offsets: Array<{ topic: string; partition: number; offset: string }>): Promise<void> {
    this.calls.push('commitOffsets');
    for (const o of offsets) this.commits.push({ topic: o.topic, partition: o.partition, offset: o.offset });
  }

  /** Hands one batch of `partition` to eachBatch; resolves or rejects as eachBatch does. */
  deliver(partition: number, messages: KafkaMessage[], opts: { lastOffset?: string; stale?: boolean; topic?: string; highWatermark?: string } = {}): Promise<void> {
    if (!this.eachBatch || !this.running) throw new Error('fake consumer: deliver() before run() or after stop()');
    const lastOffset = opts.lastOffset ?? messages.at(-1)?.offset ?? '-1';
    const payload = {
      batch: { topic: opts.topic ?? String(this.subscribed?.topics[0]), partition, messages, lastOffset: () => lastOffset, highWatermark: opts.highWatermark ?? String(Number(lastOffset) + 1) },
      resolveOffset: (offset: string) => void this.resolved.set(partition, offset),
      heartbeat: async () => void this.heartbeats.push(partition),
      isRunning: () => this.running,
      isStale: () => opts.stale === true,
      uncommittedOffsets: () => ({
        topics: [{ topic: String(this.subscribed?.topics[0]), partitions: [...this.resolved].map(([p, o]) => ({ partition: p, offset: String(BigInt(o) + 1n) })) }],
      }),
      commitOffsetsIfNecessary: async (offsets?: { topics: Array<{ partitions: Array<{ partition: number; offset: string }> }> }) => {
        for (const t of offsets?.topics ?? []) for (const p of t.partitions) this.commits.push({ partition: p.partition, offset: p.offset });
        this.resolved.clear();
      },
    };
    const run = this.eachBatch(payload);
    this.inFlight = run;
    return run;
  }

  crash(error: unknown, restart: boolean): void {
    this.emit(this.events.CRASH, { error, restart });
  }
}

/**
 * A kafkajs producer over per-partition logs: each message goes to the partition the producer's `createPartitioner`
 * picks (over the topic's partitions, every one led by broker 1), or to `message.partition` (else 0) without one, as
 * kafkajs routes; a send resolves with one entry per partition written, with the offset of its first record there
 * (acks 0: [], no acknowledgement). Like kafkajs it refuses a send while disconnected; `failConnects` and
 * `failSends` make the next calls throw, one each.
 */
export class FakeProducer {
  readonly sent: Array<{
    topic: string;
    acks?: number;
    compression?: number;
    timeout?: number;
    messages: Array<{ key: unknown; value: unknown; headers?: Record<string, unknown>; partition?: number; timestamp?: string }>;
  }> = [];
  readonly failConnects: Error[] = [];
  readonly failSends: Error[] = [];
  connected = false;
  private readonly partitioner: ((args: { topic: string; partitionMetadata: PartitionMetadata[]; message: Message }) => number) | undefined;

  constructor(
    readonly config: Record<string, unknown>,
    private readonly kafka?: FakeKafka,
  ) {
    this.partitioner = (config.createPartitioner as ICustomPartitioner | undefined)?.();
  }
  async connect(): Promise<void> {
    const failure = this.failConnects.shift();
    if (failure) throw failure;
    this.connected = true;
  }
  async send(r: FakeProducer['sent'][number]): Promise<RecordMetadata[]> {
    if (!this.connected) throw new Error('The producer is disconnected');
    this.sent.push(r);
    const failure = this.failSends.shift();
    if (failure) throw failure;
    const count = this.kafka?.topics.get(r.topic) ?? 1;
    const partitionMetadata = Array.from({ length: count }, (_, partitionId) => ({ partitionId, leader: 1, partitionErrorCode: 0, replicas: [1], isr: [1] }));
    const first = new Map<number, string>();
    for (const message of r.messages) {
      const partition = this.partitioner ? this.partitioner({ topic: r.topic, partitionMetadata, message: message as Message }) : (message.partition ?? 0);
      const log = this.kafka?.log(r.topic, partition) ?? [];
      if (!first.has(partition)) first.set(partition, String(log.length));
      log.push(message);
    }
    if (r.acks === 0) return [];
    return [...first].sort(([a], [b]) => a - b).map(([partition, baseOffset]) => ({ topicName: r.topic, partition, errorCode: 0, baseOffset }));
  }
  async disconnect(): Promise<void> {
    this.connected = false;
  }

  /** What each transaction did, in order (`send <topic>`, `sendOffsets <group> <topic>/<partition>@<offset>…`, `commit`, `abort`). */
  readonly transactions: string[][] = [];
  /** Errors the next transactional sends throw, one each. */
  readonly transactionFailures: Error[] = [];
  /** kafkajs's transaction: its sends are recorded in `sent` too. */
  async transaction(): Promise<{
    send(r: FakeProducer['sent'][number]): Promise<RecordMetadata[]>;
    sendOffsets(o: { consumerGroupId: string; topics: Array<{ topic: string; partitions: Array<{ partition: number; offset: string }> }> }): Promise<void>;
    commit(): Promise<void>;
    abort(): Promise<void>;
  }> {
    const events: string[] = [];
    this.transactions.push(events);
    return {
      send: async (r) => {
        events.push(`send ${r.topic}`);
        const failure = this.transactionFailures.shift();
        if (failure) throw failure;
        return this.send(r);
      },
      sendOffsets: async (o) => void events.push(`sendOffsets ${o.consumerGroupId} ${o.topics.flatMap((t) => t.partitions.map((p) => `${t.topic}/${p.partition}@${p.offset}`)).join(' ')}`),
      commit: async () => void events.push('commit'),
      abort: async () => void events.push('abort'),
    };
  }
}

export class FakeAdmin {
  constructor(private readonly kafka: FakeKafka) {}
  async connect(): Promise<void> {
    this.kafka.adminCalls.push('connect');
  }
  async disconnect(): Promise<void> {
    this.kafka.adminCalls.push('disconnect');
  }
  async fetchTopicOffsets(topic: string): Promise<TopicOffsets[]> {
    this.kafka.adminCalls.push(`fetchTopicOffsets ${topic}`);
    const failure = this.kafka.offsetFailures.shift();
    if (failure) throw failure;
    return this.kafka.offsets.get(topic) ?? [];
  }
  async fetchOffsets(r: { groupId: string; topics: string[] }): Promise<Array<{ topic: string; partitions: Array<{ partition: number; offset: string }> }>> {
    this.kafka.adminCalls.push(`fetchOffsets ${r.groupId} ${r.topics.join(',')}`);
    return r.topics.map((topic) => ({ topic, partitions: this.kafka.committed.get(topic) ?? [] }));
  }
  async listTopics(): Promise<string[]> {
    return [...this.kafka.topics.keys()];
  }
  async createTopics(r: CreateTopicsRequest): Promise<boolean> {
    this.kafka.adminCalls.push(`createTopics ${r.topics.map((t) => t.topic).join(',')}`);
    this.kafka.createRequests.push(r);
    for (const t of r.topics) {
      this.kafka.topics.set(t.topic, t.numPartitions ?? 1);
      this.kafka.topicConfigs.set(t.topic, Object.fromEntries((t.configEntries ?? []).map((e) => [e.name, e.value])));
    }
    return true;
  }
  async fetchTopicMetadata(r: { topics: string[] }): Promise<{ topics: Array<{ name: string; partitions: Array<{ partitionId: number; leader: number }> }> }> {
    this.kafka.adminCalls.push(`fetchTopicMetadata ${r.topics.join(',')}`);
    const next = this.kafka.metadataAnswers.shift() ?? 1;
    if (next instanceof Error) throw next;
    const leaders = (name: string): number[] | 'no-partitions' => {
      const answer = typeof next === 'object' ? (next[name] ?? 1) : next;
      return typeof answer === 'number' ? Array.from({ length: this.kafka.topics.get(name) ?? 0 }, () => answer) : answer;
    };
    return {
      topics: r.topics.map((name) => {
        const l = leaders(name);
        return { name, partitions: l === 'no-partitions' ? [] : l.map((leader, partitionId) => ({ partitionId, leader })) };
      }),
    };
  }
  async describeConfigs(r: { resources: Array<{ name: string; configNames: string[] }> }): Promise<{
    resources: Array<{ resourceName: string; configEntries: Array<{ configName: string; configValue: string }> }>;
  }> {
    this.kafka.adminCalls.push(`describeConfigs ${r.resources.map((c) => c.name).join(',')}`);
    return {
      resources: r.resources.map((c) => ({
        resourceName: c.name,
        configEntries: Object.entries(this.kafka.topicConfigs.get(c.name) ?? {})
          .filter(([name]) => c.configNames.includes(name))
          .map(([configName, configValue]) => ({ configName, configValue })),
      })),
    };
  }
}

export interface CreateTopicsRequest {
  waitForLeaders?: boolean;
  topics: Array<{ topic: string; numPartitions?: number; replicationFactor?: number; configEntries?: Array<{ name: string; value: string }> }>;
}

export class FakeKafka {
  readonly consumers: FakeConsumer[] = [];
  readonly producers: FakeProducer[] = [];
  readonly adminCalls: string[] = [];
  /** Partitions per existing topic. */
  readonly topics = new Map<string, number>();
  /** fetchTopicOffsets answers, per topic. */
  readonly offsets = new Map<string, TopicOffsets[]>();
  /** Errors the next fetchTopicOffsets calls throw, one each. */
  readonly offsetFailures: unknown[] = [];
  /** Configs per existing topic (cleanup.policy, ...), as createTopics set them or a test put them. */
  readonly topicConfigs = new Map<string, Record<string, string>>();
  readonly createRequests: CreateTopicsRequest[] = [];
  /** fetchOffsets answers (the group's committed offsets), per topic. */
  readonly committed = new Map<string, Array<{ partition: number; offset: string }>>();
  /**
   * How the next fetchTopicMetadata calls answer, one each: an error thrown, no partitions yet, the leader of every
   * partition (-1: none yet), or per topic (others led by broker 1) one of those or the leader of each partition.
   * Then every partition led by broker 1.
   */
  readonly metadataAnswers: Array<Error | 'no-partitions' | number | Record<string, 'no-partitions' | number | number[]>> = [];

  consumer(config: Record<string, unknown>): FakeConsumer {
    const c = new FakeConsumer(config);
    this.consumers.push(c);
    return c;
  }
  /** Messages written per topic and partition, in offset order. */
  readonly logs = new Map<string, unknown[]>();

  log(topic: string, partition: number): unknown[] {
    const name = `${topic}[${partition}]`;
    if (!this.logs.has(name)) this.logs.set(name, []);
    return this.logs.get(name)!;
  }

  producer(config: Record<string, unknown>): FakeProducer {
    const p = new FakeProducer(config, this);
    this.producers.push(p);
    return p;
  }
  admin(): FakeAdmin {
    return new FakeAdmin(this);
  }
  /** The only consumer created so far. */
  get theConsumer(): FakeConsumer {
    if (this.consumers.length !== 1) throw new Error(`fake kafka: ${this.consumers.length} consumers`);
    return this.consumers[0]!;
  }
  asKafka(): Kafka {
    return this as unknown as Kafka;
  }
}

export function message(offset: number, key: Buffer | null, value: Buffer | null): KafkaMessage {
  return { key, value, offset: String(offset), timestamp: '1700000000000', headers: {}, attributes: 0, size: 0 } as unknown as KafkaMessage;
}
