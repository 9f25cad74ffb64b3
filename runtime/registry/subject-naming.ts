/**
 * Subject name strategies (Confluent serializer config `key.subject.name.strategy` / `value.subject.name.strategy`):
 * which registry subject a topic's key or value schema lives under.
 */
export type SubjectRole = 'key' | 'value';

export interface SubjectContext {
  readonly topic: string;
  readonly role: SubjectRole;
  /** Full name of the schema's named type (`com.state.users.User`), else its type name (`string`), as Confluent's. */
  readonly recordName: string;
}

export type SubjectNameStrategy = (ctx: SubjectContext) => string;

export const SUBJECT_NAME_STRATEGIES = {
  /** `<topic>-key`, `<topic>-value`: one schema history per topic (the default). */
  TopicNameStrategy: ({ topic, role }: SubjectContext): string => `${topic}-${role}`,
  /** `<record full name>`: one history per type, shared by every topic carrying it. */
  RecordNameStrategy: ({ recordName }: SubjectContext): string => recordName,
  /** `<topic>-<record full name>`: several types per topic, one history each. */
  TopicRecordNameStrategy: ({ topic, recordName }: SubjectContext): string => `${topic}-${recordName}`,
} as const satisfies Record<string, SubjectNameStrategy>;

export type SubjectStrategyName = keyof typeof SUBJECT_NAME_STRATEGIES;
