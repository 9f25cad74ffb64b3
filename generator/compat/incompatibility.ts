/**
 * What the reader/writer check reports: Apache Avro Java's `SchemaCompatibility.Incompatibility`, plus the source
 * position of each side so the gate can print `file:line:col`.
 */
import type { SourcePos } from '../diagnostics.js';
import { isNamed, type TypeNode } from '../ir.js';

/** The six kinds the Java reference knows (`SchemaIncompatibilityType`), in its order. */
export const INCOMPATIBILITY_TYPES = [
  'NAME_MISMATCH',
  'FIXED_SIZE_MISMATCH',
  'MISSING_ENUM_SYMBOLS',
  'READER_FIELD_MISSING_DEFAULT_VALUE',
  'TYPE_MISMATCH',
  'MISSING_UNION_BRANCH',
] as const;
export type IncompatibilityType = (typeof INCOMPATIBILITY_TYPES)[number];

export interface Incompatibility {
  readonly type: IncompatibilityType;
  /** JSON pointer into the reader schema, exactly as the Java reference gives it (`/` is the root). */
  readonly location: string;
  /** The Java reference's message text (`expected: Enum2`, `[B, D]`, `reader type: INT not compatible ...`). */
  readonly message: string;
  /** One readable sentence for people. */
  readonly description: string;
  /** Where in the reader's file the problem is (the field, the enum, the type token ...). */
  readonly readerPos: SourcePos;
  /** The matching place in the writer's file. */
  readonly writerPos: SourcePos;
}

export interface CompatibilityResult {
  readonly compatible: boolean;
  /** Every incompatibility, in the reference's order; empty when compatible. */
  readonly incompatibilities: readonly Incompatibility[];
}

/** Java's `Schema.Type` name, as its messages print it (`INT`, `RECORD`, `UNION` ...). */
export function javaTypeName(node: TypeNode): string {
  return (node.kind === 'primitive' ? node.type : node.kind).toUpperCase();
}

/** How a type reads in a sentence: `int`, `record 'com.acme.User'`, `a union`. */
export function describeType(node: TypeNode): string {
  if (isNamed(node)) return `${node.kind} '${node.name}'`;
  if (node.kind === 'primitive') return node.type;
  return node.kind === 'union' ? 'union' : node.kind;
}

/** JSON-pointer escaping of one reference token (RFC 6901), as Java's `getLocation` applies it. */
export function pointer(tokens: readonly string[]): string {
  return `/${tokens.map((t) => t.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;
}
