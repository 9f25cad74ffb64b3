/**
 * Builds the schema graph from positioned JSON (spec §Schema Declaration). One pass creates every node; references
 * by name are bound afterwards, so a type may be used before, or in another file than, the one defining it.
 */
import { diagnostic, type Diagnostic, type SourcePos } from '../diagnostics.js';
import type { ArrayNode, MapNode, NamedNode, PrimitiveName, PrimitiveNode, RecordNode, SchemaFile, SchemaSet, TypeNode, UnionNode } from '../ir.js';
import { prop, toPlain, type JsonNode, type JsonObject } from '../load/json-positions.js';
import type { SchemaDocument } from '../load/read-schema-files.js';
import { NO_PROPS, RESERVED, customProps, decimalAttrs, stringAttr, type Report } from './attributes.js';
import { buildEnum, buildFixed, buildRecord } from './build-named.js';
import { OpenRecords, UNBOUND, type Bind, type BuildState, type SchemaRules } from './build-state.js';
import { checkUnion } from './check-union.js';
import { checkLogicalType, ignoredLogicalType, isKnownLogicalType } from './logical-types.js';
import { PRIMITIVES, isValidFullName, lookupCandidates } from './names.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

interface PendingRef {
  readonly name: string;
  readonly namespace: string;
  /** The name as written, for the position of an error. */
  readonly at: JsonNode;
  /** Whose position a stand-in takes if the name does not resolve. */
  readonly fallback: JsonNode;
  readonly bind: Bind;
  /** How many named types were complete when the reference was read, and which records were still open. */
  readonly completedBefore: number;
  readonly open: ReadonlySet<RecordNode>;
  /** The files this reference's file refers to (SchemaFile.refersTo), which the resolved type's file joins. */
  readonly fileRefs: Set<string>;
}

export interface BuildResult {
  readonly set: SchemaSet;
  readonly diagnostics: Diagnostic[];
  /** The schema is valid, but something in it is ignored (a logical type on the wrong type). */
  readonly warnings: Diagnostic[];
}

/** Builds the graph of every document at once. */
export function buildTypes(documents: readonly SchemaDocument[], rules: SchemaRules = 'generate'): BuildResult {
  const builder = createTypeBuilder(rules);
  for (const doc of documents) builder.add(doc);
  return builder.finish();
}

/**
 * Builds the graph one document at a time, so a caller can parse a file, add it and let its JSON go before reading
 * the next: only the schema graph grows with the project, not every file's positioned JSON at once as well.
 */
export interface TypeBuilder {
  /** Builds every type the document defines; references by name wait for `finish`. */
  add(doc: SchemaDocument): void;
  /** Resolves references by name and runs the checks that need them (defaults, unions). Call once. */
  finish(): BuildResult;
}

export function createTypeBuilder(rules: SchemaRules = 'generate'): TypeBuilder {
  const diagnostics: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];
  const warn: Report = (pos, code, message) => {
    warnings.push(diagnostic(pos, code, message));
  };
  const openRecords = new OpenRecords();
  const completed = new Map<NamedNode, number>();
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
  const state: BuildState = {
    rules, report, warn, named, afterBinding, placeholder, isBroken, openRecords,
    complete: (node) => {
      if (!completed.has(node)) completed.set(node, completed.size);
    },
    buildType: (json, namespace, bind, fallback) => buildType(json, namespace, bind, fallback),
  };

  /** A primitive type name is a type right away; any other name is resolved once every file is read. */
  const reference = (at: JsonNode & { value: unknown }, name: string, namespace: string, bind: Bind, fallback: JsonNode): void => {
    if (PRIMITIVES.has(name)) bind({ kind: 'primitive', type: name as PrimitiveName, pos: at.pos, props: NO_PROPS });
    else pending.push({ name, namespace, at, fallback, bind, completedBefore: completed.size, open: openRecords.snapshot(), fileRefs });
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
        bind(buildRecord(state, json, namespace, t === 'error'));
        return;
      case 'enum':
        bind(buildEnum(state, json, namespace));
        return;
      case 'fixed':
        bind(buildFixed(state, json, namespace));
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
      warn(lt.pos, 'IGNORED_LOGICAL_TYPE', ignoredLogicalType(checked.message.replace(`'other'`, `'${type}'`), type));
      // Kept as plain attributes, so the schema the registry sees still says what was written.
      return { ...base, props: { ...base.props, ...plainAttrs(json, ['logicalType', 'precision', 'scale']) } };
    }
    return { ...base, logical: checked.logical };
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
  /** The file being added: what its references by name will add to. */
  let fileRefs = new Set<string>();
  const add = (doc: SchemaDocument): void => {
    fileRefs = new Set();
    const roots: TypeNode[] = [];
    const tops = doc.node.kind === 'array' ? doc.node.items : [doc.node];
    for (let i = 0; i < tops.length; i++) {
      roots.push(UNBOUND);
      buildType(tops[i]!, '', (n) => (roots[i] = n), tops[i]!);
    }
    files.push({ file: doc.file, roots, digest: doc.digest, refersTo: fileRefs });
  };

  const finish = (): BuildResult => {
    resolvePending();
    for (const check of afterBinding) check();
    return { set: { files, named }, diagnostics, warnings };
  };

  const resolvePending = (): void => {
    for (const ref of pending) {
      const found = resolveName(named, ref.name, ref.namespace);
      if (found) {
        if (ref.namespace && found.namespace === '' && !ref.name.includes('.')) checkNullNamespaceFallback(ref, found);
        ref.bind(found);
        ref.fileRefs.add(found.pos.file);
        continue;
      }
      if (!isValidFullName(ref.name)) report(ref.at.pos, 'UNKNOWN_TYPE', `'${ref.name}' is not a type name`);
      else {
        const tried = lookupCandidates(ref.name, ref.namespace);
        report(ref.at.pos, 'UNKNOWN_TYPE', `unknown type '${ref.name}'${tried.length > 1 ? ` (looked for ${tried.map((t) => `'${t}'`).join(' and ')})` : ''}`);
      }
      ref.bind(placeholder(ref.fallback.pos));
    }
  };

  /**
   * A short name read inside a namespace means the type of that name in the namespace. Java's parser (1.12) falls
   * back to the null namespace only for a type it has completely read by then; otherwise it waits for `ns.name`,
   * which never comes ("Undefined schema: ns.name"). Under `java` rules that is the verdict. Under `generate` rules
   * only a record still being defined is refused: the registry gets the standalone schema, which defines every other
   * type before such a reference.
   */
  const checkNullNamespaceFallback = (ref: PendingRef, found: NamedNode): void => {
    const done = completed.get(found);
    const stillOpen = found.kind === 'record' && ref.open.has(found);
    if (!stillOpen && (rules === 'generate' || (done !== undefined && done < ref.completedBefore))) return;
    const meant = `${ref.namespace}.${ref.name}`;
    const how = stillOpen
      ? `give '${found.name}' a namespace and refer to it by its full name, or give the type that holds this reference "namespace": ""`
      : `define '${found.name}' before this reference, or give it a namespace and refer to it by its full name`;
    report(ref.at.pos, 'JAVA_UNDEFINED_NAME', `Apache Avro Java cannot read this schema: inside namespace '${ref.namespace}', '${ref.name}' means '${meant}' unless '${found.name}' (null namespace) is completely defined before it${stillOpen ? `, and '${found.name}' is still being defined here` : ''}; ${how}`);
  };

  return { add, finish };
}

/** The named type a reference means, trying the candidates in lookupCandidates' order without building the list. */
function resolveName(named: ReadonlyMap<string, NamedNode>, name: string, namespace: string): NamedNode | undefined {
  if (!namespace || name.includes('.')) return named.get(name);
  return named.get(`${namespace}.${name}`) ?? named.get(name);
}

function plainAttrs(json: JsonObject, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const e = prop(json, k);
    if (e) out[k] = toPlain(e.value);
  }
  return out;
}
