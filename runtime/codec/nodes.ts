/**
 * The parsed schema graph the compilers walk. A reference to a named type is the very node of its definition, so a
 * recursive type is a cycle. Each node keeps its JSON object (logical type attributes) and enclosing namespace
 * (union branch names), so the pure JSON helpers decide the same way for the codec and the type emitter.
 */
import type { AvroSchema } from './schema-json.js';

export type PrimitiveKind = 'null' | 'boolean' | 'int' | 'long' | 'float' | 'double' | 'bytes' | 'string';
export type Json = { readonly [k: string]: unknown };

interface Base {
  /** The schema object as written ({} for a bare primitive name). */
  readonly json: Json;
  /** Namespace enclosing this node ('' = null namespace). */
  readonly namespace: string;
}

export interface PrimitiveNode extends Base {
  readonly kind: PrimitiveKind;
}

interface NamedBase extends Base {
  readonly fullName: string;
  /** Full names. */
  readonly aliases: readonly string[];
}

export interface FieldNode {
  readonly name: string;
  type: Node;
  readonly aliases: readonly string[];
  readonly hasDefault: boolean;
  /** The default as written (Avro JSON form). */
  readonly default: unknown;
}

export interface RecordNode extends NamedBase {
  readonly kind: 'record';
  readonly fields: FieldNode[];
}

export interface EnumNode extends NamedBase {
  readonly kind: 'enum';
  readonly symbols: readonly string[];
  readonly default: string | undefined;
}

export interface FixedNode extends NamedBase {
  readonly kind: 'fixed';
  readonly size: number;
}

export interface ArrayNode extends Base {
  readonly kind: 'array';
  items: Node;
}

export interface MapNode extends Base {
  readonly kind: 'map';
  values: Node;
}

export interface UnionNode extends Base {
  readonly kind: 'union';
  readonly branches: Node[];
  /** The branch schemas as written, for `union-buckets.ts`. */
  readonly branchJson: readonly AvroSchema[];
}

export type NamedNode = RecordNode | EnumNode | FixedNode;
export type Node = PrimitiveNode | NamedNode | ArrayNode | MapNode | UnionNode;

export interface ParsedSchema {
  readonly root: Node;
  /** Every named type by full name. */
  readonly named: ReadonlyMap<string, NamedNode>;
}

export function isNamed(node: Node): node is NamedNode {
  return node.kind === 'record' || node.kind === 'enum' || node.kind === 'fixed';
}
