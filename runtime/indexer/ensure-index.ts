/**
 * The index an indexer writes, made ready at its start: created with the schema's mapping when missing, given the
 * fields the schema gained when it exists, and refused (with every conflicting field named) when its mapping cannot
 * take the schema's documents.
 */
import type { Client } from '@opensearch-project/opensearch';
import { UnilogError } from '../errors.js';
import type { IndexMapping } from './index-schema.js';
import { diffMapping } from './mapping-diff.js';

export interface EnsureIndexResult {
  /** The index did not exist and was created (empty: it must be filled from the beginning of the topic). */
  readonly created: boolean;
  /** Fields put into an existing index's mapping. */
  readonly added: readonly string[];
}

export async function ensureIndex(
  client: Client,
  index: string,
  mapping: IndexMapping,
  settings: Readonly<Record<string, unknown>> = {},
): Promise<EnsureIndexResult> {
  const exists = (await client.indices.exists({ index })).body;
  if (!exists) {
    try {
      await client.indices.create({ index, body: { settings, mappings: mapping } });
      return { created: true, added: [] };
    } catch (error) {
      // Another instance created it first: check its mapping like any existing index's.
      if (errorType(error) !== 'resource_already_exists_exception') throw error;
    }
  }
  const body = (await client.indices.getMapping({ index })).body as Record<string, { mappings?: Record<string, unknown> }>;
  const existing = Object.values(body)[0]?.mappings ?? {};
  const diff = diffMapping(existing, mapping);
  if (diff.conflicts.length) {
    throw new UnilogError(
      'INDEX_MAPPING_CONFLICT',
      `index '${index}' cannot take this schema's documents: ${diff.conflicts.join('; ')}. ` +
        `Index under a new name, or delete the index and restart the indexer: it refills a new index from the beginning of its topic`,
    );
  }
  if (diff.added.length) await client.indices.putMapping({ index, body: mapping });
  return { created: false, added: diff.added };
}

/** The `error.type` of an OpenSearch response error (`resource_already_exists_exception`, …). */
export function errorType(error: unknown): string | undefined {
  const body = (error as { meta?: { body?: { error?: { type?: unknown } } } }).meta?.body;
  const type = body?.error?.type;
  return typeof type === 'string' ? type : undefined;
}
