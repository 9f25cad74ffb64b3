/**
 * Builds the schema graph from positioned JSON (spec §Schema Declaration). One pass creates every node; references
 * by name are bound afterwards, so a type may be used before, or in another file than, the one defining it.
 */
import { diagnostic, type Diagnostic, type SourcePos } from '../diagnostics.js';
import type {
  ArrayNode, EnumNode, FieldNode, FixedNode, MapNode, NamedNode, PrimitiveName, PrimitiveNode, RecordNode, SchemaFile,
  SchemaSet, TypeNode, UnionNode,
} from '../ir.js';
import { prop, toPlain, type JsonEntry, type JsonNode, type JsonObject } from '../load/json-positions.js';
import { checkDefault } from './check-default.js';
import { checkUnion } from './check-union.js';
import { checkLogicalType, isKnownLogicalType } from './logical-types.js';
import {
  PRIMITIVES, isValidFullName, isValidNamespace, isValidSimpleName, lookupCandidates, qualify,
} from './names.js';

/** Attributes with a meaning in the spec; anything else is kept as a custom property. */
const RESERVED: Record<string, ReadonlySet<string>> = {
  record: new Set(['type', 'name', 'namespace', 'doc', 'aliases', 'fields']),
  enum: new Set(['type', 'name', 'namespace', 'doc', 'aliases', 'symbols', 'default']),
  fixed: new Set(['type', 'name', 'namespace', 'doc', 'aliases', 'size', 'logicalType', 'precision', 'scale']),
  array: new Set(['type', 'items']),
  map: new Set(['type', 'values']),
  primitive: new Set(['type', 'logicalType', 'precision', 'scale']),
  field: new Set(['name', 'type', 'doc', 'default', 'order', 'aliases']),
};

export interface SchemaDocument {
  readonly file: string;
  readonly node: JsonNode;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

interface PendingRef {
  readonly name: string;
  readonly namespace: string;
  readonly pos: SourcePos;
  readonly bind: (node: TypeNode) => void;
}

export function buildTypes(documents: readonly SchemaDocument[]): { set: SchemaSet; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const named = new Map<string, NamedNode>();
  const pending: PendingRef[] = [];
  const afterBinding: Array<() => void> = [];
  const report = (pos: SourcePos, code: string, message: string): void => {
    diagnostics.push(diagnostic(pos, code, message));
  };
  /** Stands in for a type that could not be built, so one mistake yields one error, not a cascade. */
  const placeholders = new WeakSet<TypeNode>();
  const placeholder = (pos: SourcePos): PrimitiveNode => {
    const node: PrimitiveNode = { kind: 'primitive', type: 'null', pos, props: {} };
    placeholders.add(node);
    return node;
  };
  const isBroken = (node: TypeNode): boolean => placeholders.has(node);

  const customProps = (obj: JsonObject, reserved: ReadonlySet<string>): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const e of obj.entries) if (!reserved.has(e.key)) out[e.key] = toPlain(e.value);
    return out;
  };

  const stringAttr = (obj: JsonObject, key: string, required: boolean): JsonEntry & { text: string } | undefined => {
    const e = prop(obj, key);
    if (!e) {
      if (required) report(obj.pos, 'MISSING_ATTRIBUTE', `missing '${key}'`);
      return undefined;
    }
    if (e.value.kind !== 'string') {
      report(e.value.pos, 'INVALID_ATTRIBUTE', `'${key}' must be a string`);
      return undefined;
    }
    return { ...e, text: e.value.value as string };
  };

  const aliasesOf = (obj: JsonObject, namespace: string | null): string[] => {
    const e = prop(obj, 'aliases');
    if (!e) return [];
    if (e.value.kind !== 'array') {
      report(e.value.pos, 'INVALID_ATTRIBUTE', "'aliases' must be an array of names");
      return [];
    }
    const out: string[] = [];
    for (const a of e.value.items) {
      const ok = a.kind === 'string' && (namespace === null ? isValidSimpleName(a.value as string) : isValidFullName(a.value as string));
      if (!ok) {
        report(a.pos, 'INVALID_NAME', `invalid alias ${JSON.stringify(toPlain(a))}`);
        continue;
      }
      out.push(namespace === null ? (a.value as string) : qualify(a.value as string, namespace).full);
    }
    return out;
  };

  const docOf = (obj: JsonObject): string | undefined => stringAttr(obj, 'doc', false)?.text;

  const reference = (name: string, namespace: string, pos: SourcePos, bind: (node: TypeNode) => void): TypeNode | undefined => {
    if (PRIMITIVES.has(name)) return { kind: 'primitive', type: name as PrimitiveName, pos, props: {} };
    pending.push({ name, namespace, pos, bind });
    return undefined;
  };

  /** Builds a type; `bind` receives it now, or once a reference by name is resolved. */
  const buildType = (json: JsonNode, namespace: string, bind: (node: TypeNode) => void): void => {
    if (json.kind === 'string') {
      const node = reference(json.value as string, namespace, json.pos, bind);
      if (node) bind(node);
      return;
    }
    if (json.kind === 'array') {
      bind(buildUnion(json.items, json.pos, namespace));
      return;
    }
    if (json.kind !== 'object') {
      report(json.pos, 'INVALID_TYPE', `expected a type (a name, an object or a union array), found ${JSON.stringify(json.value)}`);
      bind(placeholder(json.pos));
      return;
    }
    const typeEntry = prop(json, 'type');
    if (!typeEntry) {
      report(json.pos, 'MISSING_ATTRIBUTE', "missing 'type'");
      bind(placeholder(json.pos));
      return;
    }
    if (typeEntry.value.kind !== 'string') {
      // {"type": {...}} or {"type": [...]}: a wrapped type, legal Avro.
      buildType(typeEntry.value, namespace, bind);
      return;
    }
    const t = typeEntry.value.value as string;
    switch (t) {
      case 'record':
      case 'error':
        bind(buildRecord(json, namespace, t === 'error'));
        return;
      case 'enum':
        bind(buildEnum(json, namespace));
        return;
      case 'fixed':
        bind(buildFixed(json, namespace));
        return;
      case 'array': {
        const items = prop(json, 'items');
        const node: Mutable<ArrayNode> = { kind: 'array', pos: json.pos, items: placeholder(json.pos), props: customProps(json, RESERVED.array!) };
        if (!items) report(json.pos, 'MISSING_ATTRIBUTE', "array type is missing 'items'");
        else buildType(items.value, namespace, (n) => (node.items = n));
        bind(node);
        return;
      }
      case 'map': {
        const values = prop(json, 'values');
        const node: Mutable<MapNode> = { kind: 'map', pos: json.pos, values: placeholder(json.pos), props: customProps(json, RESERVED.map!) };
        if (!values) report(json.pos, 'MISSING_ATTRIBUTE', "map type is missing 'values'");
        else buildType(values.value, namespace, (n) => (node.values = n));
        bind(node);
        return;
      }
      default:
        if (PRIMITIVES.has(t)) {
          bind(buildPrimitive(json, t as PrimitiveName));
          return;
        }
        // {"type": "com.acme.Ref"} names a type; custom attributes beside it are allowed and ignored.
        {
          const node = reference(t, namespace, typeEntry.value.pos, bind);
          if (node) bind(node);
        }
    }
  };

  const buildPrimitive = (json: JsonObject, type: PrimitiveName): PrimitiveNode => {
    const base: PrimitiveNode = { kind: 'primitive', type, pos: json.pos, props: customProps(json, RESERVED.primitive!) };
    const lt = stringAttr(json, 'logicalType', false);
    if (!lt || !isKnownLogicalType(lt.text)) return lt ? { ...base, props: { ...base.props, logicalType: lt.text } } : base;
    const baseName = type === 'int' || type === 'long' || type === 'string' || type === 'bytes' ? type : 'other';
    const checked = checkLogicalType(lt.text, baseName === 'other' ? 'other' : baseName, {
      precision: prop(json, 'precision') && toPlain(prop(json, 'precision')!.value),
      scale: prop(json, 'scale') && toPlain(prop(json, 'scale')!.value),
    });
    if (!checked.ok) {
      report(lt.value.pos, 'INVALID_LOGICAL_TYPE', checked.message.replace(`'other'`, `'${type}'`));
      return base;
    }
    return { ...base, logical: checked.logical };
  };

  /** Common part of record, enum and fixed: name, namespace, aliases, registration. */
  const declare = <T extends NamedNode>(json: JsonObject, namespace: string, make: (q: { full: string; namespace: string; short: string }) => T): T | undefined => {
    const nameAttr = stringAttr(json, 'name', true);
    if (!nameAttr) return undefined;
    const nsAttr = stringAttr(json, 'namespace', false);
    if (nsAttr && !isValidNamespace(nsAttr.text)) {
      report(nsAttr.value.pos, 'INVALID_NAME', `invalid namespace '${nsAttr.text}': each part must match [A-Za-z_][A-Za-z0-9_]*`);
    }
    if (!isValidFullName(nameAttr.text)) {
      report(nameAttr.value.pos, 'INVALID_NAME', `invalid name '${nameAttr.text}': each part must match [A-Za-z_][A-Za-z0-9_]*`);
      return undefined;
    }
    const q = qualify(nameAttr.text, nsAttr ? nsAttr.text : namespace);
    if (PRIMITIVES.has(q.short) && q.namespace === '') {
      report(nameAttr.value.pos, 'INVALID_NAME', `'${q.short}' is a primitive type name and cannot name a type`);
      return undefined;
    }
    const node = make(q);
    const existing = named.get(q.full);
    if (existing) {
      const at = existing.pos;
      report(nameAttr.value.pos, 'DUPLICATE_NAME', `type '${q.full}' is already defined at ${at.file}:${at.line}:${at.col}`);
      return node;
    }
    named.set(q.full, node);
    return node;
  };

  const buildRecord = (json: JsonObject, namespace: string, isError: boolean): TypeNode => {
    const record = declare<RecordNode>(json, namespace, (q) => ({
      kind: 'record', name: q.full, namespace: q.namespace, shortName: q.short, isError, fields: [], pos: json.pos,
      aliases: aliasesOf(json, q.namespace), doc: docOf(json), props: customProps(json, RESERVED.record!),
    }));
    const fieldsEntry = prop(json, 'fields');
    if (!fieldsEntry) {
      report(json.pos, 'MISSING_ATTRIBUTE', "record is missing 'fields'");
      return record ?? placeholder(json.pos);
    }
    if (fieldsEntry.value.kind !== 'array') {
      report(fieldsEntry.value.pos, 'INVALID_ATTRIBUTE', "'fields' must be an array");
      return record ?? placeholder(json.pos);
    }
    const inner = record ? record.namespace : namespace;
    const seen = new Map<string, SourcePos>();
    for (const f of fieldsEntry.value.items) {
      const field = buildField(f, inner);
      if (!field) continue;
      const prev = seen.get(field.name);
      if (prev) {
        report(field.pos, 'DUPLICATE_FIELD', `duplicate field '${field.name}' (first at ${prev.line}:${prev.col})`);
        continue;
      }
      seen.set(field.name, field.pos);
      record?.fields.push(field);
    }
    return record ?? placeholder(json.pos);
  };

  const buildField = (json: JsonNode, namespace: string): FieldNode | undefined => {
    if (json.kind !== 'object') {
      report(json.pos, 'INVALID_FIELD', 'a field must be an object with a name and a type');
      return undefined;
    }
    const nameAttr = stringAttr(json, 'name', true);
    const typeEntry = prop(json, 'type');
    if (!typeEntry) report(json.pos, 'MISSING_ATTRIBUTE', `field ${nameAttr ? `'${nameAttr.text}' ` : ''}is missing 'type'`);
    if (!nameAttr || !typeEntry) return undefined;
    if (!isValidSimpleName(nameAttr.text)) {
      report(nameAttr.value.pos, 'INVALID_NAME', `invalid field name '${nameAttr.text}': must match [A-Za-z_][A-Za-z0-9_]*`);
      return undefined;
    }
    const orderAttr = stringAttr(json, 'order', false);
    let order: FieldNode['order'] = 'ascending';
    if (orderAttr) {
      if (orderAttr.text === 'ascending' || orderAttr.text === 'descending' || orderAttr.text === 'ignore') order = orderAttr.text;
      else report(orderAttr.value.pos, 'INVALID_ATTRIBUTE', `'order' must be 'ascending', 'descending' or 'ignore', not '${orderAttr.text}'`);
    }
    const defaultEntry = prop(json, 'default');
    const field: Mutable<FieldNode> = {
      name: nameAttr.text, pos: nameAttr.value.pos, type: placeholder(json.pos), doc: docOf(json),
      aliases: aliasesOf(json, null), order, props: customProps(json, RESERVED.field!),
    };
    if (defaultEntry) {
      field.default = { value: toPlain(defaultEntry.value), pos: defaultEntry.value.pos };
      afterBinding.push(() => {
        const problem = checkDefault(field.type, defaultEntry.value, isBroken);
        if (problem) report(problem.pos, 'INVALID_DEFAULT', `default of field '${field.name}' ${problem.message}`);
      });
    }
    buildType(typeEntry.value, namespace, (n) => (field.type = n));
    return field;
  };

  const buildEnum = (json: JsonObject, namespace: string): TypeNode => {
    const symbolsEntry = prop(json, 'symbols');
    const symbols: string[] = [];
    if (!symbolsEntry) report(json.pos, 'MISSING_ATTRIBUTE', "enum is missing 'symbols'");
    else if (symbolsEntry.value.kind !== 'array') report(symbolsEntry.value.pos, 'INVALID_ATTRIBUTE', "'symbols' must be an array of names");
    else {
      for (const s of symbolsEntry.value.items) {
        if (s.kind !== 'string' || !isValidSimpleName(s.value as string)) {
          report(s.pos, 'INVALID_NAME', `invalid enum symbol ${JSON.stringify(toPlain(s))}: must match [A-Za-z_][A-Za-z0-9_]*`);
        } else if (symbols.includes(s.value as string)) {
          report(s.pos, 'DUPLICATE_SYMBOL', `duplicate enum symbol '${s.value}'`);
        } else symbols.push(s.value as string);
      }
    }
    const def = stringAttr(json, 'default', false);
    if (def && !symbols.includes(def.text)) {
      report(def.value.pos, 'INVALID_DEFAULT', `enum default '${def.text}' is not one of its symbols`);
    }
    const node = declare<EnumNode>(json, namespace, (q) => ({
      kind: 'enum', name: q.full, namespace: q.namespace, shortName: q.short, symbols, pos: json.pos,
      aliases: aliasesOf(json, q.namespace), doc: docOf(json), props: customProps(json, RESERVED.enum!),
      ...(def && symbols.includes(def.text) ? { default: def.text } : {}),
    }));
    return node ?? placeholder(json.pos);
  };

  const buildFixed = (json: JsonObject, namespace: string): TypeNode => {
    const sizeEntry = prop(json, 'size');
    let size = 0;
    if (!sizeEntry) report(json.pos, 'MISSING_ATTRIBUTE', "fixed is missing 'size'");
    else if (sizeEntry.value.kind !== 'number' || !Number.isInteger(sizeEntry.value.value) || (sizeEntry.value.value as number) < 0) {
      report(sizeEntry.value.pos, 'INVALID_ATTRIBUTE', `fixed 'size' must be a non-negative integer, got ${JSON.stringify(toPlain(sizeEntry.value))}`);
    } else size = sizeEntry.value.value as number;
    const lt = stringAttr(json, 'logicalType', false);
    let logical: FixedNode['logical'];
    if (lt && isKnownLogicalType(lt.text) && sizeEntry) {
      const checked = checkLogicalType(lt.text, 'fixed', {
        size,
        precision: prop(json, 'precision') && toPlain(prop(json, 'precision')!.value),
        scale: prop(json, 'scale') && toPlain(prop(json, 'scale')!.value),
      });
      if (checked.ok) logical = checked.logical;
      else report(lt.value.pos, 'INVALID_LOGICAL_TYPE', checked.message);
    }
    const node = declare<FixedNode>(json, namespace, (q) => ({
      kind: 'fixed', name: q.full, namespace: q.namespace, shortName: q.short, size, pos: json.pos,
      aliases: aliasesOf(json, q.namespace), doc: docOf(json), props: customProps(json, RESERVED.fixed!),
      ...(logical ? { logical } : {}),
    }));
    return node ?? placeholder(json.pos);
  };

  const buildUnion = (items: readonly JsonNode[], pos: SourcePos, namespace: string): UnionNode => {
    const branches: TypeNode[] = [];
    const node: UnionNode = { kind: 'union', pos, branches, props: {} };
    items.forEach((item, i) => {
      branches.push(placeholder(item.pos));
      if (item.kind === 'array') {
        report(item.pos, 'NESTED_UNION', 'a union may not directly contain another union');
        return;
      }
      buildType(item, namespace, (n) => (branches[i] = n));
    });
    afterBinding.push(() => {
      diagnostics.push(...checkUnion(node, items, isBroken));
    });
    return node;
  };

  const files: SchemaFile[] = [];
  for (const doc of documents) {
    const roots: TypeNode[] = [];
    const tops = doc.node.kind === 'array' ? doc.node.items : [doc.node];
    tops.forEach((top, i) => {
      roots.push(placeholder(top.pos));
      buildType(top, '', (n) => (roots[i] = n));
    });
    files.push({ file: doc.file, roots });
  }

  for (const ref of pending) {
    const found = lookupCandidates(ref.name, ref.namespace).map((c) => named.get(c)).find((n) => n !== undefined);
    if (found) ref.bind(found);
    else if (!isValidFullName(ref.name)) report(ref.pos, 'UNKNOWN_TYPE', `'${ref.name}' is not a type name`);
    else {
      const tried = lookupCandidates(ref.name, ref.namespace);
      report(ref.pos, 'UNKNOWN_TYPE', `unknown type '${ref.name}'${tried.length > 1 ? ` (looked for ${tried.map((t) => `'${t}'`).join(' and ')})` : ''}`);
    }
  }
  for (const check of afterBinding) check();

  return { set: { files, named }, diagnostics };
}
