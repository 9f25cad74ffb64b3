/** Schema registry: Confluent REST client, subject naming, registry-aware serdes. */
export { createSchemaRegistry, type SchemaRegistry, type TopicSerdes } from './schema-registry.js';
export { RegistryClient } from './client.js';
export { SCHEMA_REGISTRY_CONTENT_TYPE } from './http.js';
export { normaliseRegistryOptions, type RegistryOptions, type RegistryContext, type SchemaPolicy } from './options.js';
export { createSerde, type Serde } from './serde.js';
export {
  SUBJECT_NAME_STRATEGIES,
  type SubjectContext,
  type SubjectNameStrategy,
  type SubjectRole,
  type SubjectStrategyName,
} from './subject-naming.js';
