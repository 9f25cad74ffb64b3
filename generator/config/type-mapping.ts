/**
 * How Avro values appear in TypeScript. The generator and the runtime codec must agree exactly, so the choices and
 * their defaults come from the runtime's own table, and the generated `codec-options.ts` hands the normalised choice
 * back to the runtime.
 */
import {
  LOGICAL_MAPPINGS, LOGICAL_TYPE_NAMES, type LogicalMapping, type LogicalTypeName, type LongMode,
} from '../../runtime/codec/options.js';

export { LOGICAL_MAPPINGS, type LogicalMapping, type LongMode };

export interface TypeMapping {
  readonly long: LongMode;
  /** `underlying` ignores the logical type: values have the underlying Avro type's representation. */
  readonly logicalTypes: Readonly<Record<LogicalTypeName, LogicalMapping>>;
}

export function defaultTypeMapping(): TypeMapping {
  const logicalTypes = {} as Record<LogicalTypeName, LogicalMapping>;
  for (const name of LOGICAL_TYPE_NAMES) logicalTypes[name] = LOGICAL_MAPPINGS[name][0]!;
  return { long: 'number', logicalTypes };
}
