/**
 * `createSchemaRegistry(options)`: one client (one cache of ids and schemas) and the serdes built on it, one per
 * codec and subject, so a producer and a consumer of the same topic in one process share their warm-up.
 */
import type { Codec } from '../codec/index.js';
import type { CompatibilityLevel, Topic } from '../topic.js';
import { RegistryClient } from './client.js';
import { normaliseRegistryOptions, type RegistryOptions, type SchemaPolicy } from './options.js';
import { createSerde, type Serde } from './serde.js';
import type { SubjectRole } from './subject-naming.js';

export interface TopicSerdes<Key, KeyInput, Value, ValueInput> {
  readonly key: Serde<Key, KeyInput>;
  readonly value: Serde<Value, ValueInput>;
}

export interface SchemaRegistry {
  readonly url: string;
  readonly policy: SchemaPolicy;
  readonly client: RegistryClient;
  /** The subject a topic's key or value schema lives under, by the configured strategy. */
  subjectFor(topic: string, role: SubjectRole, codec: { readonly name: string }): string;
  /**
   * The serde of `codec` under `subject` (one per pair). `firstLevel`: with auto-register, the compatibility level the
   * subject gets if registering creates it.
   */
  serde<R, W>(codec: Codec<R, W>, subject: string, firstLevel?: CompatibilityLevel): Serde<R, W>;
  /** Key and value serdes of a topic, subjects named by the strategy; a subject they create gets the topic's level. */
  topicSerdes<K, KI, V, VI>(topic: Topic<K, KI, V, VI>): TopicSerdes<K, KI, V, VI>;
}

export function createSchemaRegistry(options: RegistryOptions): SchemaRegistry {
  const ctx = normaliseRegistryOptions(options);
  const client = new RegistryClient(ctx);
  const serdes = new WeakMap<object, Map<string, Serde<unknown, never>>>();
  const byTopic = new WeakMap<object, TopicSerdes<unknown, never, unknown, never>>();

  const registry: SchemaRegistry = {
    url: ctx.url,
    policy: ctx.policy,
    client,
    subjectFor: (topic, role, codec) => ctx.subjectName({ topic, role, recordName: codec.name }),
    serde<R, W>(codec: Codec<R, W>, subject: string, firstLevel?: CompatibilityLevel): Serde<R, W> {
      let bySubject = serdes.get(codec);
      if (!bySubject) serdes.set(codec, (bySubject = new Map()));
      let s = bySubject.get(subject) as Serde<R, W> | undefined;
      if (!s) {
        s = createSerde(client, codec, subject, ctx.policy, firstLevel);
        bySubject.set(subject, s as unknown as Serde<unknown, never>);
      }
      return s;
    },
    topicSerdes<K, KI, V, VI>(topic: Topic<K, KI, V, VI>): TopicSerdes<K, KI, V, VI> {
      let t = byTopic.get(topic) as TopicSerdes<K, KI, V, VI> | undefined;
      if (!t) {
        t = {
          key: registry.serde(topic.key, registry.subjectFor(topic.name, 'key', topic.key), topic.compatibility),
          value: registry.serde(topic.value, registry.subjectFor(topic.name, 'value', topic.value), topic.compatibility),
        };
        byTopic.set(topic, t as unknown as TopicSerdes<unknown, never, unknown, never>);
      }
      return t;
    },
  };
  return registry;
}
