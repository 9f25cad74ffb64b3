/**
 * The schema model every emitter and the compatibility checker read. It is built only by `resolve/`, from files read
 * by `load/`; nothing downstream looks at JSON again. Named types form a graph: a reference is the very same node
 * object as its definition, so recursion is a cycle and identity means "same named type".
 */
import type { SourcePos } from './diagnostics.js';

export type PrimitiveName = 'null' | 'boolean' | 'int' | 'long' | 'float' | 'double' | 'bytes' | 'string';

export type LogicalType =
  | { readonly name: 'decimal'; readonly precision: number; readonly scale: number }
  | {
      readonly name:
        | 'uuid'
        | 'date'
        | 'time-millis'
        | 'time-micros'
        | 'timestamp-millis'
        | 'timestamp-micros'
        | 'timestamp-nanos'
        | 'local-timestamp-millis'
        | 'local-timestamp-micros'
        | 'local-timestamp-nanos'
        | 'duration';
    };
export type LogicalTypeName = LogicalType['name'];

interface NodeBase {
  /** Where the type is written (for a reference by name, where the definition is). */
  readonly pos: SourcePos;
  /** Attributes the Avro spec does not define, kept for the schema text the registry sees. */
  readonly props: Readonly<Record<string, unknown>>;
}

export interface PrimitiveNode extends NodeBase {
  readonly kind: 'primitive';
  readonly type: PrimitiveName;
  readonly logical?: LogicalType;
}

interface NamedBase extends NodeBase {
  /** Full name: `namespace.name`, or just `name` in the null namespace. */
  readonly name: string;
  readonly namespace: string;
  readonly shortName: string;
  /** Full names. */
  readonly aliases: readonly string[];
  readonly doc?: string;
}

export interface RecordNode extends NamedBase {
  readonly kind: 'record';
  readonly isError: boolean;
  /** Filled after every name is known (fields may refer to types defined later, or to the record itself). */
  readonly fields: FieldNode[];
}

export interface FieldNode {
  readonly name: string;
  readonly pos: SourcePos;
  readonly type: TypeNode;
  readonly doc?: string;
  readonly aliases: readonly string[];
  readonly order: 'ascending' | 'descending' | 'ignore';
  /** Present when the field has a default; `value` is the JSON as written (already checked against `type`). */
  readonly default?: { readonly value: unknown; readonly pos: SourcePos };
  readonly props: Readonly<Record<string, unknown>>;
}

export interface EnumNode extends NamedBase {
  readonly kind: 'enum';
  readonly symbols: readonly string[];
  readonly default?: string;
}

export interface FixedNode extends NamedBase {
  readonly kind: 'fixed';
  readonly size: number;
  readonly logical?: LogicalType;
}

export interface ArrayNode extends NodeBase {
  readonly kind: 'array';
  readonly items: TypeNode;
}

export interface MapNode extends NodeBase {
  readonly kind: 'map';
  readonly values: TypeNode;
}

export interface UnionNode extends NodeBase {
  readonly kind: 'union';
  readonly branches: readonly TypeNode[];
}

export type NamedNode = RecordNode | EnumNode | FixedNode;
export type TypeNode = PrimitiveNode | NamedNode | ArrayNode | MapNode | UnionNode;

/** One `.avsc` file: the schemas written at its top level, in order. */
export interface SchemaFile {
  readonly file: string;
  readonly roots: readonly TypeNode[];
  /** SHA-1 of the file's text, when it was read from text: what reusing a generated module is keyed on
   * (emit/module-key.ts). */
  readonly digest?: string;
  /** The files defining a type this file refers to by name (itself included when it refers to its own types). */
  readonly refersTo: ReadonlySet<string>;
}

/** Everything under a schemas folder, resolved as one graph. */
export interface SchemaSet {
  readonly files: readonly SchemaFile[];
  /** Every named type by full name, in a stable order (file order, then position). */
  readonly named: ReadonlyMap<string, NamedNode>;
}

export function isNamed(node: TypeNode): node is NamedNode {
  return node.kind === 'record' || node.kind === 'enum' || node.kind === 'fixed';
}

/** The name a union branch is known by: full name for named types, the type name otherwise (Avro spec). */
export function branchName(node: TypeNode): string {
  return isNamed(node) ? node.name : node.kind === 'primitive' ? node.type : node.kind;
}
