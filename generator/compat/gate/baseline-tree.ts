/**
 * One old state of the schemas folder and catalog (a git commit, or a folder), loaded with the same loader and catalog
 * reader as the new side, and the topics picked out of it.
 */
import { parseCatalog } from '../../catalog/load-catalog.js';
import type { Catalog, TopicSpec } from '../../catalog/catalog.js';
import type { Diagnostic } from '../../diagnostics.js';
import type { PrimitiveName, SchemaSet, TypeNode } from '../../ir.js';
import { resolveSchemaTexts } from '../../resolve/resolve-schemas.js';
import { PRIMITIVES, lookupCandidates } from '../../resolve/names.js';
import type { OldTopicSpec } from './baseline.js';

export interface OldTree {
  readonly set: SchemaSet;
  /** Undefined when the tree has no catalog file. */
  readonly catalog?: Catalog;
  readonly diagnostics: readonly Diagnostic[];
}

/** `schemas` maps display paths to `.avsc` texts; `catalog` is the catalog's display path and text, if any. */
export function loadTree(schemas: Readonly<Record<string, string>>, catalog?: { file: string; text: string }): OldTree {
  const loaded = resolveSchemaTexts(schemas);
  if (!catalog) return { set: loaded.set, diagnostics: loaded.diagnostics };
  const parsed = parseCatalog(catalog.text, catalog.file, loaded.set);
  return { set: loaded.set, catalog: parsed.catalog, diagnostics: [...loaded.diagnostics, ...parsed.diagnostics] };
}

export interface PickedTopic {
  readonly spec?: OldTopicSpec;
  readonly key?: TypeNode;
  readonly value?: TypeNode;
}

/**
 * The topic `current` as this old tree had it: from its catalog when it has one (the topic may be absent), else by
 * the schema names the new catalog uses.
 */
export function pickTopic(tree: OldTree, current: TopicSpec): PickedTopic | undefined {
  if (tree.catalog) {
    const old = tree.catalog.topics.find((t) => t.name === current.name);
    if (!old) return undefined;
    const { name, keySchemaName, valueSchemaName, visibility, partitions, cleanupPolicy, pos } = old;
    return { spec: { name, keySchemaName, valueSchemaName, visibility, partitions, cleanupPolicy, pos }, key: old.key, value: old.value };
  }
  const key = byName(tree.set, current.keySchemaName, current.key);
  const value = byName(tree.set, current.valueSchemaName, current.value);
  return key || value ? { ...(key ? { key } : {}), ...(value ? { value } : {}) } : undefined;
}

function byName(set: SchemaSet, name: string, current: TypeNode): TypeNode | undefined {
  if (PRIMITIVES.has(name)) return { kind: 'primitive', type: name as PrimitiveName, pos: current.pos, props: {} };
  return lookupCandidates(name, '').map((n) => set.named.get(n)).find((n) => n !== undefined);
}
