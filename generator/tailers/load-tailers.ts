/**
 * Reads and checks `tailers.yaml` (beside the topic catalog) against the catalog and the schemas: every field a
 * mapping names exists, every column type converts to its field's type (the rule of runtime/tailer/pg-types.ts), a
 * nullable column feeds only a nullable field, and every field without a default is fed. Every mistake is a
 * diagnostic at its token, and checking goes on, so one run reports all of them.
 */
import { readFileSync } from 'node:fs';
import type { Catalog, TopicSpec } from '../catalog/catalog.js';
import { checkEnvelope } from './envelope-schema.js';
import type { TypeMapping } from '../config/type-mapping.js';
import { diagnostic, type Diagnostic, type SourcePos } from '../diagnostics.js';
import type { FieldNode, RecordNode, TypeNode } from '../ir.js';
import type { JsonNode, JsonObject } from '../load/json-positions.js';
import { displayPath } from '../paths.js';
import { FieldReader, expectObject } from '../load/validate-object.js';
import { parseYamlWithPositions } from '../load/yaml-positions.js';
import { describeType } from '../joins/type-match.js';
import { conversionProblem, parsePgType, type AvroTarget } from '../../runtime/tailer/pg-types.js';
import { TAILER_SHAPES, type FieldSource, type Representation, type TailerDeclarations, type TailerSpec } from './tailer-spec.js';

const TAILER_NAME = /^[a-z][a-z0-9-]*$/;
const TABLE_NAME = /^([a-z_][a-z0-9_]*\.)?[a-z_][a-z0-9_]*$/;
const COLUMN_SPEC = /^([a-z_][a-z0-9_]*)\s+(.+?)(\s+not\s+null)?$/i;
const TAILER_KEYS = ['name', 'table', 'topic', 'shape', 'key', 'value', 'doc'];

export function loadTailers(path: string, catalog: Catalog, types: TypeMapping): { declarations: TailerDeclarations; diagnostics: Diagnostic[] } {
  return parseTailers(readFileSync(path, 'utf8'), displayPath(path), catalog, types);
}

export function parseTailers(text: string, file: string, catalog: Catalog, types: TypeMapping): { declarations: TailerDeclarations; diagnostics: Diagnostic[] } {
  const out: Diagnostic[] = [];
  const tailers: TailerSpec[] = [];
  const declarations = { file, tailers };
  const parsed = parseYamlWithPositions(text, file);
  if (!parsed.ok) return { declarations, diagnostics: parsed.errors };
  const root = expectObject(parsed.node, 'the tailer declarations', out);
  if (!root) return { declarations, diagnostics: out };
  const top = new FieldReader(root, 'the tailer declarations', out);
  top.onlyKeys(['tailers']);
  const list = top.node('tailers');
  if (!list || list.kind !== 'array') {
    out.push(diagnostic(list?.pos ?? root.pos, 'INVALID_CONFIG', "the tailer declarations need a 'tailers' list"));
    return { declarations, diagnostics: out };
  }
  const names = new Map<string, SourcePos>();
  const writers = new Map<string, string>();
  for (const item of list.items) {
    const obj = expectObject(item, 'a tailer', out);
    if (!obj) continue;
    const tailer = readTailer(obj, catalog, types, out);
    if (!tailer) continue;
    const r = new FieldReader(obj, 'tailer', out);
    const dup = names.get(tailer.name);
    const writer = writers.get(tailer.topic.name);
    if (dup) out.push(diagnostic(r.node('name')!.pos, 'TAILER_DUPLICATE', `tailer '${tailer.name}' is already declared at ${dup.line}:${dup.col}`));
    else if (writer) out.push(diagnostic(r.node('topic')!.pos, 'TAILER_DUPLICATE', `topic '${tailer.topic.name}' is already fed by tailer '${writer}' (one writer per topic)`));
    else {
      names.set(tailer.name, tailer.pos);
      writers.set(tailer.topic.name, tailer.name);
      tailers.push(tailer);
    }
  }
  return { declarations, diagnostics: out };
}

function readTailer(obj: JsonObject, catalog: Catalog, types: TypeMapping, out: Diagnostic[]): TailerSpec | undefined {
  const r = new FieldReader(obj, 'tailer', out);
  r.onlyKeys(TAILER_KEYS);
  const before = out.length;
  const name = r.string('name', { required: true, pattern: TAILER_NAME, patternText: 'must be lower-case letters, digits and -' });
  const table = r.string('table', { required: true, pattern: TABLE_NAME, patternText: 'must be a table name, optionally schema-qualified (public.users)' });
  const shape = r.oneOf('shape', TAILER_SHAPES, 'row');
  r.string('doc');
  const topicName = r.string('topic', { required: true });
  const topic = topicName === undefined ? undefined : catalog.topics.find((t) => t.name === topicName);
  if (topicName !== undefined && !topic) {
    out.push(diagnostic(r.node('topic')!.pos, 'TAILER_UNKNOWN_TOPIC', `unknown topic '${topicName}' (${catalog.file} has ${catalog.topics.map((t) => t.name).join(', ') || 'no topics'})`));
  }
  if (topic && shape === 'row' && topic.cleanupPolicy !== 'compact') {
    out.push(diagnostic(r.node('topic')!.pos, 'TAILER_TOPIC_NOT_COMPACTED', `topic '${topic.name}' has cleanup policy '${topic.cleanupPolicy}': the row shape keeps the latest row per key and writes a deleted row as a tombstone, so the topic must be compacted`));
  }
  const envelope = topic && shape === 'envelope' ? checkEnvelope(topic, r.node('topic')!.pos, out) : undefined;
  const key = topic ? readSide(r, 'key', topic.key, topic.name, types, out) : undefined;
  const rowType = shape === 'envelope' ? envelope?.row : topic?.value;
  const value = topic && rowType ? readSide(r, 'value', rowType, topic.name, types, out) : undefined;
  if (out.length > before || !name || !table || !shape || !topic || !key || !value) return undefined;
  const [schema, tableName] = table.includes('.') ? (table.split('.') as [string, string]) : ['public', table];
  return { name, table: { schema, name: tableName }, topic, shape, key, value, ...(envelope ? { envelopeSource: envelope.source } : {}), pos: obj.pos };
}

/** The `key` or `value` mapping of a tailer: field path → column spec, checked against the topic's schema. */
function readSide(r: FieldReader, part: 'key' | 'value', type: TypeNode, topicName: string, types: TypeMapping, out: Diagnostic[]): FieldSource[] | undefined {
  const node = r.node(part);
  const topic = { name: topicName };
  if (!node) {
    out.push(diagnostic(r.obj.pos, 'INVALID_CONFIG', `tailer is missing '${part}' (field: column type [not null], for the fields of ${describeType(type)})`));
    return undefined;
  }
  const sources: FieldSource[] = [];
  if (type.kind !== 'record') {
    // A key that is a plain value (`key: string`) is fed by one column, written as the mapping itself.
    const source = node.kind === 'string' ? readSource([], node, type, `${topic.name} ${part}`, types, out) : undefined;
    if (node.kind !== 'string') out.push(diagnostic(node.pos, 'INVALID_CONFIG', `the ${part} of '${topic.name}' is ${describeType(type)}: map it to one column ('${part}: user_id text not null')`));
    return source ? [source] : undefined;
  }
  if (node.kind !== 'object' || node.entries.length === 0) {
    out.push(diagnostic(node.pos, 'INVALID_CONFIG', `'${part}' must map fields of ${type.name} to columns, e.g. '${type.fields[0]?.name ?? 'id'}: id uuid not null'`));
    return undefined;
  }
  const before = out.length;
  for (const e of node.entries) {
    const path = e.key.split('.');
    const field: TypeNode | undefined = fieldAt(type, path, `${topic.name} ${part}`, e.keyPos, out);
    if (!field) continue;
    const source = readSource(path, e.value, field, `${part}.${e.key}`, types, out);
    if (source) sources.push(source);
  }
  if (out.length === before) checkComplete(type, [], sources.map((s) => s.path), r.node(part)!.pos, `${topic.name} ${part}`, out);
  return out.length > before ? undefined : sources;
}

function fieldAt(record: RecordNode, path: readonly string[], at: string, pos: SourcePos, out: Diagnostic[]): TypeNode | undefined {
  let type: TypeNode = record;
  for (const name of path) {
    if (type.kind !== 'record') {
      out.push(diagnostic(pos, 'TAILER_UNKNOWN_FIELD', `'${path.join('.')}': ${at} is ${describeType(type)}, not a record, so it has no field '${name}'`));
      return undefined;
    }
    const field: FieldNode | undefined = type.fields.find((f) => f.name === name);
    if (!field) {
      out.push(diagnostic(pos, 'TAILER_UNKNOWN_FIELD', `'${path.join('.')}': ${type.name} has no field '${name}' (it has ${type.fields.map((f) => f.name).join(', ')})`));
      return undefined;
    }
    type = field.type;
    at = `${at}.${name}`;
  }
  return type;
}

function readSource(path: string[], node: JsonNode, field: TypeNode, what: string, types: TypeMapping, out: Diagnostic[]): FieldSource | undefined {
  if (node.kind !== 'string') {
    out.push(diagnostic(node.pos, 'INVALID_CONFIG', `${what} must be 'column type' (with 'not null' when the column has that constraint) or '= constant'`));
    return undefined;
  }
  const text = (node.value as string).trim();
  const nullable = field.kind === 'union' && field.branches.length === 2 && field.branches.some((b) => b.kind === 'primitive' && b.type === 'null');
  const inner = nullable && field.kind === 'union' ? field.branches.find((b) => !(b.kind === 'primitive' && b.type === 'null'))! : field;
  const target = targetOf(inner, types);
  if (typeof target === 'string') {
    out.push(diagnostic(node.pos, 'TAILER_TYPE_MISMATCH', `${what} is ${describeType(field)}: ${target}`));
    return undefined;
  }
  if (text.startsWith('=')) return readConstant(path, text.slice(1).trim(), target.target, node.pos, what, out);
  const m = COLUMN_SPEC.exec(text);
  const type = m ? parsePgType(m[2]!) : undefined;
  if (!m || !type) {
    out.push(diagnostic(node.pos, 'INVALID_CONFIG', `${what}: '${text}' is not 'column type [not null]' (e.g. 'display_name text not null') or '= constant'`));
    return undefined;
  }
  const problem = conversionProblem(type, target.target);
  if (problem) {
    out.push(diagnostic(node.pos, 'TAILER_TYPE_MISMATCH', `${what} is ${describeType(field)}, column ${m[1]} is ${m[2]}: ${problem}`));
    return undefined;
  }
  const notNull = m[3] !== undefined;
  if (!notNull && !nullable) {
    out.push(diagnostic(node.pos, 'TAILER_NULLABLE_COLUMN', `${what} is ${describeType(field)} and cannot hold NULL, but column ${m[1]} is nullable: declare the column NOT NULL (and write 'not null' here), or make the field a union with null`));
    return undefined;
  }
  return { path, column: m[1]!, type, notNull, target: target.target, nullable, ...(target.representation ? { representation: target.representation } : {}) };
}

function readConstant(path: string[], text: string, target: AvroTarget, pos: SourcePos, what: string, out: Diagnostic[]): FieldSource | undefined {
  const ok =
    (target.kind === 'enum' && target.symbols.includes(text)) ||
    (target.kind === 'string' && target.logical === undefined) ||
    (target.kind === 'boolean' && (text === 'true' || text === 'false')) ||
    ((target.kind === 'int' || target.kind === 'double' || target.kind === 'float') && text !== '' && Number.isFinite(Number(text)));
  if (!ok) {
    const expected = target.kind === 'enum' ? `one of ${target.symbols.join(', ')}` : `a ${target.kind}`;
    out.push(diagnostic(pos, 'TAILER_TYPE_MISMATCH', `${what}: constant '${text}' is not ${expected}`));
    return undefined;
  }
  const constant = target.kind === 'boolean' ? text === 'true' : target.kind === 'int' || target.kind === 'double' || target.kind === 'float' ? Number(text) : text;
  return { path, constant };
}

/** What a column can feed for this (non-null) Avro type, or why none can. */
function targetOf(type: TypeNode, types: TypeMapping): { target: AvroTarget; representation?: Representation } | string {
  switch (type.kind) {
    case 'primitive': {
      const logical = type.logical?.name;
      if (type.type === 'string') return { target: logical === 'uuid' ? { kind: 'string', logical: 'uuid' } : { kind: 'string' } };
      if (type.type === 'int' && logical === 'date') return { target: { kind: 'date' }, representation: rep(types.logicalTypes.date, 'number') };
      if (type.type === 'long' && (logical === 'timestamp-millis' || logical === 'timestamp-micros')) {
        return { target: { kind: 'long', logical }, representation: rep(types.logicalTypes[logical], types.long) };
      }
      if (logical !== undefined) return `logical type ${logical} is not fed by a column yet`;
      if (type.type === 'long') return { target: { kind: 'long' }, representation: types.long };
      if (type.type === 'null') return 'a null field is not fed by a column';
      return { target: { kind: type.type } };
    }
    case 'enum':
      return { target: { kind: 'enum', symbols: type.symbols } };
    case 'array': {
      const itemsNullable = type.items.kind === 'union' && type.items.branches.length === 2 && type.items.branches.some((b) => b.kind === 'primitive' && b.type === 'null');
      const itemType = itemsNullable && type.items.kind === 'union' ? type.items.branches.find((b) => !(b.kind === 'primitive' && b.type === 'null'))! : type.items;
      const items = targetOf(itemType, types);
      if (typeof items === 'string') return items;
      if (items.target.kind === 'array' || items.target.kind === 'map-of-string' || items.representation) return `arrays of ${describeType(itemType)} are not fed by a column yet`;
      return { target: { kind: 'array', items: items.target, itemsNullable } };
    }
    case 'map':
      return type.values.kind === 'primitive' && type.values.type === 'string' && !type.values.logical ? { target: { kind: 'map-of-string' } } : 'only a map of strings is fed by a column (from json or jsonb)';
    case 'record':
      return `map its fields one by one (${type.fields.map((f) => f.name).join(', ')}) as '<field>.<subfield>'`;
    case 'union':
      return 'only a union of null and one type is fed by a column';
    case 'fixed':
      return 'a fixed is not fed by a column yet';
  }
}

function rep(mapping: string, underlying: Representation): Representation {
  return mapping === 'date' || mapping === 'number' || mapping === 'bigint' ? mapping : underlying;
}

/** Every field of the record (and of records a mapped path goes into) without a default is fed. */
function checkComplete(record: RecordNode, prefix: readonly string[], mapped: readonly (readonly string[])[], pos: SourcePos, at: string, out: Diagnostic[]): void {
  for (const field of record.fields) {
    const path = [...prefix, field.name];
    const exact = mapped.some((m) => m.length === path.length && m.every((p, i) => p === path[i]));
    const inside = mapped.filter((m) => m.length > path.length && path.every((p, i) => m[i] === p));
    if (exact && inside.length > 0) out.push(diagnostic(pos, 'INVALID_CONFIG', `${at}: '${path.join('.')}' is mapped both whole and field by field`));
    if (exact) continue;
    if (inside.length > 0 && field.type.kind === 'record') {
      checkComplete(field.type, path, mapped, pos, at, out);
      continue;
    }
    if (field.default === undefined) {
      out.push(diagnostic(pos, 'TAILER_FIELD_UNMAPPED', `${at}: field '${path.join('.')}' (${describeType(field.type)}) has no default, so a column must feed it: add '${path.join('.')}: <column> <type>'`));
    }
  }
}
