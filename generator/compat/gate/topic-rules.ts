/**
 * The catalog rules, as data (buf breaking's model): each rule looks at one matched pair, the topic as the baseline had
 * it and as the new catalog has it, and reports where in the new catalog the problem is.
 */
import type { SourcePos } from '../../diagnostics.js';
import type { TopicSpec } from '../../catalog/catalog.js';
import type { OldTopicSpec } from './baseline.js';
import type { CatalogPositions } from './catalog-positions.js';
import { finding, TOPIC_RULES, type Finding } from './finding.js';

/** The rules that compare a topic with its baseline entry (TOPIC_REMOVED and KEY_SCHEMA_CHANGED are found elsewhere). */
type PairRuleId = Extract<keyof typeof TOPIC_RULES, 'PARTITIONS_DECREASED' | 'CLEANUP_POLICY_CHANGED' | 'VISIBILITY_NARROWED'>;

interface PairRule {
  readonly id: PairRuleId;
  check(old: OldTopicSpec, current: TopicSpec): string | undefined;
}

export const PAIR_RULES: readonly PairRule[] = [
  {
    id: 'PARTITIONS_DECREASED',
    check: (old, current) =>
      current.partitions < old.partitions
        ? `topic '${current.name}' goes from ${old.partitions} to ${current.partitions} partitions; Kafka cannot remove partitions`
        : undefined,
  },
  {
    id: 'CLEANUP_POLICY_CHANGED',
    check: (old, current) =>
      old.cleanupPolicy === 'compact' && current.cleanupPolicy === 'delete'
        ? `topic '${current.name}' changes its cleanup policy from compact to delete; consumers rebuilding state from it would lose keys`
        : undefined,
  },
  {
    id: 'VISIBILITY_NARROWED',
    check: (old, current) =>
      old.visibility === 'shared' && current.visibility === 'internal'
        ? `topic '${current.name}' goes from shared to internal; other services may consume it`
        : undefined,
  },
];

/** Which attribute each rule points at. */
const ATTRIBUTE: Readonly<Record<PairRuleId, string>> = {
  PARTITIONS_DECREASED: 'partitions',
  CLEANUP_POLICY_CHANGED: 'cleanupPolicy',
  VISIBILITY_NARROWED: 'visibility',
};

export function checkTopicPair(old: OldTopicSpec, current: TopicSpec, positions: CatalogPositions): Finding[] {
  const out: Finding[] = [];
  for (const rule of PAIR_RULES) {
    const at = (attribute: string): SourcePos => positions.attribute(current.name, attribute) ?? current.pos;
    const message = rule.check(old, current);
    if (message) out.push(finding(rule.id, at(ATTRIBUTE[rule.id]), message, current.name));
  }
  return out;
}

/**
 * TOPIC_REMOVED: a baseline topic the new catalog lacks. When a new topic carries the same key and value schemas, it
 * is reported as a rename, at the new topic's name; otherwise at the catalog's `topics:` key.
 */
export function checkRemovedTopic(old: OldTopicSpec, current: readonly TopicSpec[], baselineNames: ReadonlySet<string>, positions: CatalogPositions): Finding {
  const renamed = current.find(
    (t) => !baselineNames.has(t.name) && t.keySchemaName === old.keySchemaName && t.valueSchemaName === old.valueSchemaName,
  );
  if (renamed) {
    return finding(
      'TOPIC_REMOVED',
      positions.attribute(renamed.name, 'name') ?? renamed.pos,
      `topic '${old.name}' is renamed to '${renamed.name}'; its consumers would read nothing new (add '${renamed.name}' beside it and migrate)`,
      old.name,
    );
  }
  return finding('TOPIC_REMOVED', positions.topicsKey, `topic '${old.name}' is no longer in the catalog; its consumers would read nothing new`, old.name);
}
