/** Avro binary codec compiled from a plain Avro JSON schema (value mapping: docs/value-mapping.md). */
export { createCodec, type Codec, type Decoder } from './codec.js';
export type { NamedSchemaLookup } from './parse-schema.js';
export { schemaText } from './schema-text.js';
export { avroJsonReader, AVRO_JSON_CODEC_OPTIONS, type AvroJsonReader, type AvroJsonResult } from './avro-json.js';
export { CodecError, CODEC_ERROR_CODES, type CodecErrorCode, type CodecIssue } from './errors.js';
export {
  normaliseOptions,
  LOGICAL_TYPE_NAMES,
  LOGICAL_MAPPINGS,
  type CodecOptions,
  type CodecContext,
  type LongMode,
  type LogicalTypeName,
  type LogicalMapping,
} from './options.js';
export { logicalOf, type LogicalInfo, type UnderlyingKind } from './logical-types.js';
export { unionBucket, unionBranchName, unionIsWrapped, type NameScope, type UnionBucket } from './union-buckets.js';
export type * from './schema-json.js';
