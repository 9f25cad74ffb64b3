/**
 * `unilog/runtime/tailer`: a PostgreSQL table into its catalog topic (docs/tailer.md). Needs `pg` and
 * `pg-logical-replication` (optional peer dependencies of unilog, installed by projects that run a tailer).
 */
export {
  defineTailer, type TailerDefinition, type TailerMapping, type EnvelopeMapping, type FieldMapping, type ColumnField, type ConstantField,
} from './definition.js';
export type { AvroTarget } from './pg-types.js';
export { createTailer, type Tailer, type TailerOptions, type TailerPhase, type TailerStats } from './tailer.js';
export { dropTailerSlot, defaultSlotName } from './slot.js';
export { UnmappableValue } from './convert.js';
