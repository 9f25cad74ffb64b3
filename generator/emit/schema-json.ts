/**
 * The Avro schema JSON of a type. It keeps docs, defaults, aliases and custom properties, and always uses full names
 * (no namespace inheritance to get wrong). `schemaJson` is self-contained (each named type defined where it first
 * occurs); `ownSchemaJson` defines only the type itself and names every other named type, which the runtime looks
 * up when it compiles a codec — so generated output grows with the number of types, not with their square.
 */
import type { FieldNode, NamedNode, TypeNode } from '../ir.js';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

interface Defined {
  has(node: NamedNode): boolean;
  add(node: NamedNode): void;
}

export function ownSchemaJson(node: NamedNode): JsonValue {
  // Inside its own definition every named type, the type itself included, is written as a reference.
  const none: Defined = { has: () => false, add: () => undefined };
  const all: Defined = { has: () => true, add: () => undefined };
  return namedJson(node, none, all);
}

export function schemaJson(node: TypeNode, defined: Defined = new Set<NamedNode>()): JsonValue {
  switch (node.kind) {
    case 'primitive': {
      if (!node.logical && !hasKeys(node.props)) return node.type;
      const out: Record<string, JsonValue> = { type: node.type };
      if (node.logical) Object.assign(out, logicalAttrs(node.logical));
      return withProps(out, node.props);
    }
    case 'array':
      return withProps({ type: 'array', items: schemaJson(node.items, defined) }, node.props);
    case 'map':
      return withProps({ type: 'map', values: schemaJson(node.values, defined) }, node.props);
    case 'union':
      return node.branches.map((b) => schemaJson(b, defined));
    default:
      return namedJson(node, defined);
  }
}

function namedJson(node: NamedNode, defined: Defined, inner: Defined = defined): JsonValue {
  if (defined.has(node)) return node.name;
  defined.add(node);
  defined = inner;
  const out: Record<string, JsonValue> = { type: node.kind === 'record' && node.isError ? 'error' : node.kind, name: node.name };
  if (node.doc !== undefined) out.doc = node.doc;
  if (node.aliases.length > 0) out.aliases = [...node.aliases];
  switch (node.kind) {
    case 'record':
      out.fields = node.fields.map((f) => fieldJson(f, defined));
      break;
    case 'enum':
      out.symbols = [...node.symbols];
      if (node.default !== undefined) out.default = node.default;
      break;
    case 'fixed':
      out.size = node.size;
      if (node.logical) Object.assign(out, logicalAttrs(node.logical));
      break;
  }
  return withProps(out, node.props);
}

function fieldJson(field: FieldNode, defined: Defined): JsonValue {
  const out: Record<string, JsonValue> = { name: field.name, type: schemaJson(field.type, defined) };
  if (field.doc !== undefined) out.doc = field.doc;
  if (field.default) out.default = field.default.value as JsonValue;
  if (field.order !== 'ascending') out.order = field.order;
  if (field.aliases.length > 0) out.aliases = [...field.aliases];
  return withProps(out, field.props);
}

function logicalAttrs(logical: NonNullable<Extract<TypeNode, { kind: 'primitive' }>['logical']>): Record<string, JsonValue> {
  return logical.name === 'decimal'
    ? { logicalType: 'decimal', precision: logical.precision, scale: logical.scale }
    : { logicalType: logical.name };
}

function withProps(out: Record<string, JsonValue>, props: Readonly<Record<string, unknown>>): Record<string, JsonValue> {
  if (!hasKeys(props)) return out; // nearly every node: no key list to allocate and sort
  for (const k of Object.keys(props).sort()) {
    if (!Object.hasOwn(out, k)) Object.defineProperty(out, k, { value: props[k] as JsonValue, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function hasKeys(props: Readonly<Record<string, unknown>>): boolean {
  for (const k in props) if (Object.hasOwn(props, k)) return true;
  return false;
}
