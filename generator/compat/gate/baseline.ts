/**
 * A baseline is what the new schemas and catalog are compared with: the same files at a git ref (`git:<ref>`), an old
 * copy of the schemas folder (`dir:<path>`), or what a schema registry holds (`registry:<url>`). Whatever its kind, it
 * comes down to the earlier versions of each topic's key and value schemas, and (git, dir) the old catalog entry.
 */
import type { SourcePos } from '../../diagnostics.js';
import type { TypeNode } from '../../ir.js';
import type { TopicSpec } from '../../catalog/catalog.js';

export type BaselineSpec =
  | { readonly kind: 'git'; readonly ref: string }
  | { readonly kind: 'dir'; readonly path: string }
  | { readonly kind: 'registry'; readonly url: string; readonly connection?: RegistryConnection };

/** How to reach a registry: its URL without credentials, the auth header they stand for, a CA to trust (PEM text). */
export interface RegistryConnection {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly ca?: string;
}

export interface BaselineVersion {
  readonly schema: TypeNode;
  /** How messages name this version: `origin/main`, `commit 1a2b3c4`, `version 3`. */
  readonly label: string;
}

/** The old catalog entry, for the topic rules. */
export type OldTopicSpec = Pick<TopicSpec, 'name' | 'keySchemaName' | 'valueSchemaName' | 'visibility' | 'partitions' | 'cleanupPolicy'> & {
  readonly pos: SourcePos;
};

export interface BaselineTopic {
  readonly name: string;
  /** Absent when the baseline has no catalog (a registry, or a folder without one). */
  readonly spec?: OldTopicSpec;
  /** Oldest first; the last one is the baseline's current version. Empty when the baseline never had it. */
  readonly key: readonly BaselineVersion[];
  readonly value: readonly BaselineVersion[];
}

export interface Baseline {
  /** As given to --against. */
  readonly label: string;
  /** Whether topics missing from the new catalog can be told apart (git and dir baselines with a catalog). */
  readonly hasCatalog: boolean;
  readonly topics: ReadonlyMap<string, BaselineTopic>;
  /** Things the user should know that are not findings (a shallow history, skipped broken commits ...). */
  readonly notes: readonly string[];
}

/** What the loaders are told about the new side. */
export interface BaselineRequest {
  /** Absolute paths of the new schemas folder and catalog; a baseline looks for the same paths in its own tree. */
  readonly schemasDir: string;
  readonly catalogFile: string;
  /** The new catalog: topic names (registry subjects) and schema names for a baseline without a catalog. */
  readonly topics: readonly TopicSpec[];
  /** Topics whose level is transitive: they need every earlier version, not only the latest. */
  readonly transitive: ReadonlySet<string>;
  readonly cwd: string;
}

export function parseBaselineSpec(text: string): BaselineSpec | string {
  const colon = text.indexOf(':');
  const kind = colon < 0 ? '' : text.slice(0, colon);
  const rest = colon < 0 ? '' : text.slice(colon + 1);
  if (!rest) return `--against must be git:<ref>, dir:<path> or registry:<url>, not '${text}'`;
  switch (kind) {
    case 'git':
      return { kind, ref: rest };
    case 'dir':
      return { kind, path: rest };
    case 'registry':
      if (!/^https?:\/\//.test(rest)) return `registry baseline must be an http(s) URL, not '${rest}'`;
      return { kind, url: rest.replace(/\/+$/, '') };
    default:
      return `--against must be git:<ref>, dir:<path> or registry:<url>, not '${text}'`;
  }
}
