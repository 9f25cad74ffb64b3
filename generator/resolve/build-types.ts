/**
 * Builds the schema graph from positioned JSON (spec §Schema Declaration). One pass creates every node; references
 * by name are bound afterwards, so a type may be used before, or in another file than, the one defining it.
 */
import { diagnostic, type Diagnostic, type SourcePos } from '../diagnostics.js';
import type {
  ArrayNode, EnumNode, FieldNode, FixedNode, MapNode, NamedNode, PrimitiveName, PrimitiveNode, RecordNode, SchemaFile,
  SchemaSet, TypeNode, UnionNode,
} from '../ir.js';
import { prop, toPlain, type JsonNode, type JsonObject } from '../load/json-positions.js';
import { NO_PROPS, RESERVED, aliasesOf, customProps, decimalAttrs, docOf, stringAttr, type Report } from './attributes.js';
import { checkDefault } from './check-default.js';
import { checkUnion } from './check-union.js';
import { checkLogicalType, isKnownLogicalType } from './logical-types.js';
import {
  PRIMITIVES, isValidFullName, isValidNamespace, isValidSimpleName, lookupCandidates, qualify,
} from './names.js';

export interface SchemaDocument {
  readonly file: string;
  readonly node: JsonNode;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Where a type is wanted: called with the type once it is built, or once its name is resolved. */
type Bind = (node: TypeNode) => void;

interface PendingRef {
  readonly name: string;
  readonly namespace: string;
  /** The name as written, for the position of an error. */
  readonly at: JsonNode;
  /** Whose position a stand-in takes if the name does not resolve. */
  readonly fallback: JsonNode;
  readonly bind: Bind;
}

/**
 * What a slot holds between its creation and its binding, which always happens before buildTypes returns: every
 * reference that does not resolve is bound to a placeholder, so no slot is left holding this.
 */
const UNBOUND: PrimitiveNode = Object.freeze({ kind: 'primitive', type: 'null', pos: Object.freeze({ file: '', line: 0, col: 0 }), props: NO_PROPS });

export function buildTypes(documents: readonly SchemaDocument[]): { set: SchemaSet; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const named = new Map<string, NamedNode>();
  const pending: PendingRef[] = [];
  const afterBinding: Array<() => void> = [];
  const report: Report = (pos, code, message) => {
    diagnostics.push(diagnostic(pos, code, message));
  };
  /**
   * Stands in for a type that could not be built, so one mistake yields one error, not a cascade. Only broken
   * places get one, so the set of them stays as small as the number of errors.
   */
  const broken = new Set<TypeNode>();
  const placeholder = (pos: SourcePos): PrimitiveNode => {
    const node: PrimitiveNode = { kind: 'primitive', type: 'null', pos, props: {} };
    broken.add(node);
    return node;
  };
  const isBroken = (node: TypeNode): boolean => broken.has(node);

  /** A primitive type name is a type right away; any other name is resolved once every file is read. */
  const reference = (at: JsonNode & { value: unknown }, name: string, namespace: string, bind: Bind, fallback: JsonNode): void => {
    if (PRIMITIVES.has(name)) bind({ kind: 'primitive', type: name as PrimitiveName, pos: at.pos, props: NO_PROPS });
    else pending.push({ name, namespace, at, fallback, bind });
  };

  /** Builds a type; `bind` receives it now, or once a reference by name is resolved (else a stand-in at `fallback`). */
  const buildType = (json: JsonNode, namespace: string, bind: Bind, fallback: JsonNode): void => {
    if (json.kind === 'string') {
      reference(json, json.value as string, namespace, bind, fallback);
      return;
    }
    if (json.kind === 'array') {
      bind(buildUnion(json.items, json.pos, namespace));
      return;
    }
    if (json.kind !== 'object') {
      const pos = json.pos;
      report(pos, 'INVALID_TYPE', `expected a type (a name, an object or a union array), found ${JSON.stringify(json.value)}`);
      bind(placeholder(pos));
      return;
    }
    const typeEntry = prop(json, 'type');
    if (!typeEntry) {
      const pos = json.pos;
      report(pos, 'MISSING_ATTRIBUTE', "missing 'type'");
      bind(placeholder(pos));
      return;
    }
    if (typeEntry.value.kind !== 'string') {
      // {"type": {...}} or {"type": [...]}: a wrapped type, legal Avro.
      buildType(typeEntry.value, namespace, bind, fallback);
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
        const pos = json.pos;
        const node: Mutable<ArrayNode> = { kind: 'array', pos, items: UNBOUND, props: customProps(json, RESERVED.array) };
        if (!items) {
          node.items = placeholder(pos);
          report(pos, 'MISSING_ATTRIBUTE', "array type is missing 'items'");
        } else buildType(items.value, namespace, (n) => (node.items = n), json);
        bind(node);
        return;
      }
      case 'map': {
        const values = prop(json, 'values');
        const pos = json.pos;
        const node: Mutable<MapNode> = { kind: 'map', pos, values: UNBOUND, props: customProps(json, RESERVED.map) };
        if (!values) {
          node.values = placeholder(pos);
          report(pos, 'MISSING_ATTRIBUTE', "map type is missing 'values'");
        } else buildType(values.value, namespace, (n) => (node.values = n), json);
        bind(node);
        return;
      }
      default:
        if (PRIMITIVES.has(t)) bind(buildPrimitive(json, t as PrimitiveName));
        // {"type": "com.acme.Ref"} names a type; custom attributes beside it are allowed and ignored.
        else reference(typeEntry.value, t, namespace, bind, fallback);
    }
  };

  const buildPrimitive = (json: JsonObject, type: PrimitiveName): PrimitiveNode => {
    const base: PrimitiveNode = { kind: 'primitive', type, pos: json.pos, props: customProps(json, RESERVED.primitive) };
    const lt = stringAttr(json, 'logicalType', false, report);
    if (!lt || !isKnownLogicalType(lt.value)) return lt ? { ...base, props: { ...base.props, logicalType: lt.value } } : base;
    const baseName = type === 'int' || type === 'long' || type === 'string' || type === 'bytes' ? type : 'other';
    const checked = checkLogicalType(lt.value, baseName, decimalAttrs(json));
    if (!checked.ok) {
      report(lt.pos, 'INVALID_LOGICAL_TYPE', checked.message.replace(`'other'`, `'${type}'`));
      return base;
    }
    return { ...base, logical: checked.logical };
  };

  /** Common part of record, enum and fixed: name, namespace, aliases, registration. */
  const declare = <T extends NamedNode>(json: JsonObject, namespace: string, make: (q: { full: string; namespace: string; short: string }) => T): T | undefined => {
    const nameAttr = stringAttr(json, 'name', true, report);
    if (!nameAttr) return undefined;
    const nsAttr = stringAttr(json, 'namespace', false, report);
    if (nsAttr && !isValidNamespace(nsAttr.value)) {
      report(nsAttr.pos, 'INVALID_NAME', `invalid namespace '${nsAttr.value}': each part must match [A-Za-z_][A-Za-z0-9_]*`);
    }
    if (!isValidFullName(nameAttr.value)) {
      report(nameAttr.pos, 'INVALID_NAME', `invalid name '${nameAttr.value}': each part must match [A-Za-z_][A-Za-z0-9_]*`);
      return undefined;
    }
    const q = qualify(nameAttr.value, nsAttr ? nsAttr.value : namespace);
    if (PRIMITIVES.has(q.short) && q.namespace === '') {
      report(nameAttr.pos, 'INVALID_NAME', `'${q.short}' is a primitive type name and cannot name a type`);
      return undefined;
    }
    const node = make(q);
    const existing = named.get(q.full);
    if (existing) {
      const at = existing.pos;
      report(nameAttr.pos, 'DUPLICATE_NAME', `type '${q.full}' is already defined at ${at.file}:${at.line}:${at.col}`);
      return node;
    }
    named.set(q.full, node);
    return node;
  };

  const buildRecord = (json: JsonObject, namespace: string, isError: boolean): TypeNode => {
    const record = declare<RecordNode>(json, namespace, (q) => ({
      kind: 'record', name: q.full, namespace: q.namespace, shortName: q.short, isError, fields: [], pos: json.pos,
      aliases: aliasesOf(json, q.namespace, report), doc: docOf(json, report), props: customProps(json, RESERVED.record),
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
    const nameAttr = stringAttr(json, 'name', true, report);
    const typeEntry = prop(json, 'type');
    if (!typeEntry) report(json.pos, 'MISSING_ATTRIBUTE', `field ${nameAttr ? `'${nameAttr.value}' ` : ''}is missing 'type'`);
    if (!nameAttr || !typeEntry) return undefined;
    if (!isValidSimpleName(nameAttr.value)) {
      report(nameAttr.pos, 'INVALID_NAME', `invalid field name '${nameAttr.value}': must match [A-Za-z_][A-Za-z0-9_]*`);
      return undefined;
    }
    const orderAttr = stringAttr(json, 'order', false, report);
    let order: FieldNode['order'] = 'ascending';
    if (orderAttr) {
      const o = orderAttr.value;
      if (o === 'ascending' || o === 'descending' || o === 'ignore') order = o;
      else report(orderAttr.pos, 'INVALID_ATTRIBUTE', `'order' must be 'ascending', 'descending' or 'ignore', not '${o}'`);
    }
    const defaultEntry = prop(json, 'default');
    const field: Mutable<FieldNode> = {
      name: nameAttr.value, pos: nameAttr.pos, type: UNBOUND, doc: docOf(json, report),
      aliases: aliasesOf(json, null, report), order, props: customProps(json, RESERVED.field),
    };
    if (defaultEntry) {
      const value = defaultEntry.value;
      field.default = { value: toPlain(value), pos: value.pos };
      afterBinding.push(() => {
        const problem = checkDefault(field.type, value, isBroken);
        if (problem) report(problem.pos, 'INVALID_DEFAULT', `default of field '${field.name}' ${problem.message}`);
      });
    }
    buildType(typeEntry.value, namespace, (n) => (field.type = n), json);
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
    const def = stringAttr(json, 'default', false, report);
    const defaultOk = def !== undefined && symbols.includes(def.value);
    if (def && !defaultOk) report(def.pos, 'INVALID_DEFAULT', `enum default '${def.value}' is not one of its symbols`);
    const node = declare<EnumNode>(json, namespace, (q) => ({
      kind: 'enum', name: q.full, namespace: q.namespace, shortName: q.short, symbols, pos: json.pos,
      aliases: aliasesOf(json, q.namespace, report), doc: docOf(json, report), props: customProps(json, RESERVED.enum),
      ...(defaultOk ? { default: def.value } : {}),
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
    const lt = stringAttr(json, 'logicalType', false, report);
    let logical: FixedNode['logical'];
    if (lt && isKnownLogicalType(lt.value) && sizeEntry) {
      const checked = checkLogicalType(lt.value, 'fixed', { size, ...decimalAttrs(json) });
      if (checked.ok) logical = checked.logical;
      else report(lt.pos, 'INVALID_LOGICAL_TYPE', checked.message);
    }
    const node = declare<FixedNode>(json, namespace, (q) => ({
      kind: 'fixed', name: q.full, namespace: q.namespace, shortName: q.short, size, pos: json.pos,
      aliases: aliasesOf(json, q.namespace, report), doc: docOf(json, report), props: customProps(json, RESERVED.fixed),
      ...(logical ? { logical } : {}),
    }));
    return node ?? placeholder(json.pos);
  };

  const buildUnion = (items: readonly JsonNode[], pos: SourcePos, namespace: string): UnionNode => {
    const branches: TypeNode[] = [];
    const node: UnionNode = { kind: 'union', pos, branches, props: NO_PROPS };
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      if (item.kind === 'array') {
        const itemPos = item.pos;
        branches.push(placeholder(itemPos));
        report(itemPos, 'NESTED_UNION', 'a union may not directly contain another union');
        continue;
      }
      branches.push(UNBOUND);
      buildType(item, namespace, (n) => (branches[i] = n), item);
    }
    afterBinding.push(() => {
      diagnostics.push(...checkUnion(node, items, isBroken));
    });
    return node;
  };

  const files: SchemaFile[] = [];
  for (const doc of documents) {
    const roots: TypeNode[] = [];
    const tops = doc.node.kind === 'array' ? doc.node.items : [doc.node];
    for (let i = 0; i < tops.length; i++) {
      roots.push(UNBOUND);
      buildType(tops[i]!, '', (n) => (roots[i] = n), tops[i]!);
    }
    files.push({ file: doc.file, roots });
  }

  for (const ref of pending) {
    const found = resolveName(named, ref.name, ref.namespace);
    if (found) {
      ref.bind(found);
      continue;
    }
    if (!isValidFullName(ref.name)) report(ref.at.pos, 'UNKNOWN_TYPE', `'${ref.name}' is not a type name`);
    else {
      const tried = lookupCandidates(ref.name, ref.namespace);
      report(ref.at.pos, 'UNKNOWN_TYPE', `unknown type '${ref.name}'${tried.length > 1 ? ` (looked for ${tried.map((t) => `'${t}'`).join(' and ')})` : ''}`);
    }
    ref.bind(placeholder(ref.fallback.pos));
  }
  for (const check of afterBinding) check();

  return { set: { files, named }, diagnostics };
}

/** The named type a reference means, trying the candidates in lookupCandidates' order without building the list. */
function resolveName(named: ReadonlyMap<string, NamedNode>, name: string, namespace: string): NamedNode | undefined {
  if (!namespace || name.includes('.')) return named.get(name);
  return named.get(`${namespace}.${name}`) ?? named.get(name);
}
