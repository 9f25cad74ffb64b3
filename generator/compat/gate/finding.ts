/**
 * What the gate reports. A finding is a value, like buf breaking's: a rule id and the place in the NEW files that
 * causes it (a schema field, or the topic's entry in the catalog), kept apart from input errors and from bugs.
 */
import { compareLocated, type Located, type SourcePos } from '../../diagnostics.js';
import { INCOMPATIBILITY_TYPES } from '../incompatibility.js';

/** Rules about the catalog and partitioning, beside the six schema-resolution rules. */
export const TOPIC_RULES = {
  TOPIC_REMOVED: 'a topic of the baseline is gone from the catalog, or renamed: its consumers would read nothing',
  KEY_SCHEMA_CHANGED: "the key schema's binary encoding changed, so murmur2 sends the same key to another partition",
  PARTITIONS_DECREASED: 'Kafka cannot remove partitions; a smaller count means a new topic and re-keyed data',
  CLEANUP_POLICY_CHANGED: 'compact -> delete: consumers that rebuild a table from the topic lose the older keys',
  VISIBILITY_NARROWED: 'a shared topic made internal: other services consume it today',
} as const;

export const SCHEMA_RULES: Readonly<Record<(typeof INCOMPATIBILITY_TYPES)[number], string>> = {
  NAME_MISMATCH: 'a named type was renamed without an alias for its old name',
  FIXED_SIZE_MISMATCH: 'a fixed type changed its size',
  MISSING_ENUM_SYMBOLS: 'the reading enum lacks symbols the writing one has, and has no default',
  READER_FIELD_MISSING_DEFAULT_VALUE: 'the reading record has a field the writing one lacks, without a default',
  TYPE_MISMATCH: 'a type changed into one that cannot read the other (promotions int->long->float->double, string<->bytes are fine)',
  MISSING_UNION_BRANCH: 'the reading union has no branch for a type the writer may write',
};

/** The topic rules that compare the baseline's catalog with the new one (a registry baseline has no catalog). */
export const CATALOG_RULES = {
  TOPIC_REMOVED: TOPIC_RULES.TOPIC_REMOVED,
  PARTITIONS_DECREASED: TOPIC_RULES.PARTITIONS_DECREASED,
  CLEANUP_POLICY_CHANGED: TOPIC_RULES.CLEANUP_POLICY_CHANGED,
  VISIBILITY_NARROWED: TOPIC_RULES.VISIBILITY_NARROWED,
} as const;

export const ACCEPT_RULES = {
  ACCEPT_UNUSED: 'with --fail-on-unused-accept, an accept-file entry that matches no finding (else a note)',
} as const;

export const RULES: Readonly<Record<string, string>> = { ...SCHEMA_RULES, ...TOPIC_RULES, ...ACCEPT_RULES };
export type RuleId = keyof typeof TOPIC_RULES | keyof typeof SCHEMA_RULES | keyof typeof ACCEPT_RULES;

export function isRuleId(s: string): s is RuleId {
  return Object.hasOwn(RULES, s);
}

/** A message at a position (as every diagnostic), with the rule that found it. */
export interface Finding extends Located {
  readonly ruleId: RuleId;
  /** The topic it concerns (absent only for ACCEPT_UNUSED). */
  readonly topic?: string;
}

/** A finding an accept-file entry excuses. */
export interface AcceptedFinding extends Finding {
  readonly reason: string;
}

export function finding(ruleId: RuleId, pos: SourcePos, message: string, topic?: string): Finding {
  return { ruleId, file: pos.file, line: pos.line, col: pos.col, message, ...(topic !== undefined ? { topic } : {}) };
}

/** By file, position, then rule, so output never depends on the order checks ran in. */
export function sortFindings<T extends Finding>(list: readonly T[]): T[] {
  return [...list].sort(
    (a, b) =>
      compareLocated(a, b) ||
      (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
  );
}
