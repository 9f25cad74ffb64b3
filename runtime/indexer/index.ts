/**
 * `unilog/runtime/indexer`: a keyed topic kept in a search index (OpenSearch, through `@opensearch-project/opensearch`,
 * an optional peer dependency that only this entry point loads). See docs/indexer.md.
 */
export { createIndexer, type Indexer, type IndexerOptions, type IndexerStats, type BulkEvent } from './indexer.js';
export { indexSchemaOf, type IndexSchema, type IndexSchemaOptions, type IndexMapping, type FieldMapping } from './index-schema.js';
export { ensureIndex, type EnsureIndexResult } from './ensure-index.js';
export { diffMapping, type MappingDiff } from './mapping-diff.js';
export { documentIdOf } from './document-id.js';
export { indexHealth, type IndexHealth } from './index-health.js';
