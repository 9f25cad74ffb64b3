/**
 * Named types (spec §Records, §Enums, §Fixed): their names and registration, record fields with their defaults,
 * enum symbols, fixed sizes. Types inside them are built through `state.buildType`.
 */
import type { SourcePos } from '../diagnostics.js';
import type { EnumNode, FieldNode, FixedNode, NamedNode, RecordNode, TypeNode } from '../ir.js';
import { prop, toPlain, type JsonNode, type JsonObject } from '../load/json-positions.js';
import { RESERVED, aliasesOf, customProps, decimalAttrs, docOf, stringAttr } from './attributes.js';
import { UNBOUND, type BuildState } from './build-state.js';
import { canonicalForm } from './canonical.js';
import { checkDefault } from './check-default.js';
import { checkLogicalType, ignoredLogicalType, isKnownLogicalType } from './logical-types.js';
import { PRIMITIVES, isValidFullName, isValidNamespace, isValidSimpleName, qualify, type QualifiedName } from './names.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Common part of record, enum and fixed: name, namespace, aliases, registration. Returns the node to build and the
 * node its users get: the same one, except for a redefinition of a name, which is built only to be compared with the
 * first definition once every reference is bound (same Parsing Canonical Form: accepted, as Java does; else an error
 * naming both places), while its users get the first definition.
 */
function declare<T extends NamedNode>(state: BuildState, json: JsonObject, namespace: string, make: (q: QualifiedName) => T): { node: T; use: NamedNode } | undefined {
  const { report, named } = state;
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
    state.afterBinding.push(() => {
      if (canonicalForm(existing) === canonicalForm(node)) return;
      const at = existing.pos;
      report(nameAttr.pos, 'DUPLICATE_NAME', `type '${q.full}' is already defined at ${at.file}:${at.line}:${at.col}, differently (a redefinition must be identical in Parsing Canonical Form)`);
    });
    return { node, use: existing };
  }
  named.set(q.full, node);
  return { node, use: node };
}

export function buildRecord(state: BuildState, json: JsonObject, namespace: string, isError: boolean): TypeNode {
  const { report } = state;
  const declared = declare<RecordNode>(state, json, namespace, (q) => ({
    kind: 'record', name: q.full, namespace: q.namespace, shortName: q.short, isError, fields: [], pos: json.pos,
    aliases: aliasesOf(json, q.namespace, report), doc: docOf(json, report), props: customProps(json, RESERVED.record),
  }));
  const record = declared?.node;
  const result = declared?.use ?? state.placeholder(json.pos);
  const fieldsEntry = prop(json, 'fields');
  if (!fieldsEntry) {
    report(json.pos, 'MISSING_ATTRIBUTE', "record is missing 'fields'");
    return result;
  }
  if (fieldsEntry.value.kind !== 'array') {
    report(fieldsEntry.value.pos, 'INVALID_ATTRIBUTE', "'fields' must be an array");
    return result;
  }
  const inner = record ? record.namespace : namespace;
  const seen = new Map<string, SourcePos>();
  if (record) state.openRecords.add(record);
  for (const f of fieldsEntry.value.items) {
    const field = buildField(state, f, inner);
    if (!field) continue;
    const prev = seen.get(field.name);
    if (prev) {
      report(field.pos, 'DUPLICATE_FIELD', `duplicate field '${field.name}' (first at ${prev.line}:${prev.col})`);
      continue;
    }
    seen.set(field.name, field.pos);
    record?.fields.push(field);
  }
  if (record) {
    state.openRecords.delete(record);
    state.complete(record);
  }
  return result;
}

function buildField(state: BuildState, json: JsonNode, namespace: string): FieldNode | undefined {
  const { report } = state;
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
    field.default = { value: toPlain(value, true), pos: value.pos };
    // Java checks a default as it parses the field: a record still being defined has no fields to check it against.
    const open = state.openRecords.snapshot();
    state.afterBinding.push(() => {
      const problem = checkDefault(field.type, value, { isBroken: state.isBroken, isOpen: (r) => open.has(r), rules: state.rules });
      if (problem) report(problem.pos, 'INVALID_DEFAULT', `default of field '${field.name}' ${problem.message}`);
    });
  }
  state.buildType(typeEntry.value, namespace, (n) => (field.type = n), json);
  return field;
}

export function buildEnum(state: BuildState, json: JsonObject, namespace: string): TypeNode {
  const { report } = state;
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
  const declared = declare<EnumNode>(state, json, namespace, (q) => ({
    kind: 'enum', name: q.full, namespace: q.namespace, shortName: q.short, symbols, pos: json.pos,
    aliases: aliasesOf(json, q.namespace, report), doc: docOf(json, report), props: customProps(json, RESERVED.enum),
    ...(defaultOk ? { default: def.value } : {}),
  }));
  if (!declared) return state.placeholder(json.pos);
  state.complete(declared.node);
  return declared.use;
}

export function buildFixed(state: BuildState, json: JsonObject, namespace: string): TypeNode {
  const { report } = state;
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
    else state.warn(lt.pos, 'IGNORED_LOGICAL_TYPE', ignoredLogicalType(checked.message, 'fixed'));
  }
  const declared = declare<FixedNode>(state, json, namespace, (q) => ({
    kind: 'fixed', name: q.full, namespace: q.namespace, shortName: q.short, size, pos: json.pos,
    aliases: aliasesOf(json, q.namespace, report), doc: docOf(json, report), props: customProps(json, RESERVED.fixed),
    ...(logical ? { logical } : {}),
  }));
  if (!declared) return state.placeholder(json.pos);
  state.complete(declared.node);
  return declared.use;
}
