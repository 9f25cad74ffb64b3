/** The topic catalog: which topics make up the unified log, what they carry, and who owns them. */
import type { SourcePos } from '../diagnostics.js';
import type { TypeNode } from '../ir.js';

export const VISIBILITIES = ['shared', 'internal'] as const;
export const CLEANUP_POLICIES = ['compact', 'delete'] as const;
export const COMPATIBILITY_LEVELS = [
  'BACKWARD', 'BACKWARD_TRANSITIVE', 'FORWARD', 'FORWARD_TRANSITIVE', 'FULL', 'FULL_TRANSITIVE', 'NONE',
] as const;

export type Visibility = (typeof VISIBILITIES)[number];
export type CleanupPolicy = (typeof CLEANUP_POLICIES)[number];
export type CompatibilityLevel = (typeof COMPATIBILITY_LEVELS)[number];

export interface TopicSpec {
  readonly name: string;
  readonly key: TypeNode;
  readonly value: TypeNode;
  /** As written in the catalog: a full Avro name, or a primitive type name for simple keys. */
  readonly keySchemaName: string;
  readonly valueSchemaName: string;
  /** `shared` topics are the data API between services; `internal` ones belong to their owner alone. */
  readonly visibility: Visibility;
  readonly owner: string;
  readonly partitions: number;
  readonly cleanupPolicy: CleanupPolicy;
  readonly compatibility: CompatibilityLevel;
  readonly doc?: string;
  /** The topic's entry in the catalog file. */
  readonly pos: SourcePos;
}

export interface Catalog {
  readonly file: string;
  readonly topics: readonly TopicSpec[];
}
