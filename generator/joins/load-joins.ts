/**
 * Reads and validates `joins.yaml` (beside the topic catalog) against the catalog and the schemas. Every mistake is a
 * diagnostic at its token, and validation goes on, so one run reports all of them. The rules are the ones a join
 * needs to be computable partition by partition (docs/joins.md): co-partitioned inputs with one key schema, or a
 * re-key topic; an output its owner may write; a compacted output for a table result.
 */
import { readFileSync } from 'node:fs';
import type { Catalog, TopicSpec } from '../catalog/catalog.js';
import { diagnostic, type Diagnostic, type SourcePos } from '../diagnostics.js';
import type { TypeNode } from '../ir.js';
import type { JsonNode, JsonObject } from '../load/json-positions.js';
import { displayPath } from '../paths.js';
import { FieldReader, expectObject } from '../load/validate-object.js';
import { parseYamlWithPositions } from '../load/yaml-positions.js';
import {
  JOIN_KINDS, JOIN_MODES, type FieldPath, type JoinDeclarations, type JoinSpec, type StreamTableJoin, type TableTableJoin,
} from './join-spec.js';
import { describeType, sameType, tableKeyMatchTypes } from './type-match.js';

const JOIN_NAME = /^[a-z][a-z0-9-]*$/;
const SERVICE_NAME = /^[a-z][a-z0-9-]*$/;
const SIDE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const JOIN_KEYS = ['name', 'owner', 'kind', 'join', 'table', 'related', 'stream', 'match', 'via', 'output', 'doc'];

export function loadJoins(path: string, catalog: Catalog): { declarations: JoinDeclarations; diagnostics: Diagnostic[] } {
  const file = displayPath(path);
  return parseJoins(readFileSync(path, 'utf8'), file, catalog);
}

export function parseJoins(text: string, file: string, catalog: Catalog): { declarations: JoinDeclarations; diagnostics: Diagnostic[] } {
  const out: Diagnostic[] = [];
  const joins: JoinSpec[] = [];
  const declarations = { file, joins };
  const parsed = parseYamlWithPositions(text, file);
  if (!parsed.ok) return { declarations, diagnostics: parsed.errors };
  const root = expectObject(parsed.node, 'the join declarations', out);
  if (!root) return { declarations, diagnostics: out };
  const top = new FieldReader(root, 'the join declarations', out);
  top.onlyKeys(['joins']);
  const list = top.node('joins');
  if (!list || list.kind !== 'array') {
    out.push(diagnostic(list?.pos ?? root.pos, 'INVALID_CONFIG', "the join declarations need a 'joins' list"));
    return { declarations, diagnostics: out };
  }
  const seen = new Map<string, SourcePos>();
  for (const item of list.items) {
    const obj = expectObject(item, 'a join', out);
    if (!obj) continue;
    const join = readJoin(obj, catalog, out);
    if (!join) continue;
    const dup = seen.get(join.name);
    if (dup) {
      out.push(diagnostic(new FieldReader(obj, 'join', out).node('name')!.pos, 'JOIN_DUPLICATE', `join '${join.name}' is already declared at ${dup.line}:${dup.col}`));
      continue;
    }
    seen.set(join.name, join.pos);
    joins.push(join);
  }
  return { declarations, diagnostics: out };
}

function readJoin(obj: JsonObject, catalog: Catalog, out: Diagnostic[]): JoinSpec | undefined {
  const r = new FieldReader(obj, 'join', out);
  r.onlyKeys(JOIN_KEYS);
  const name = r.string('name', { required: true, pattern: JOIN_NAME, patternText: 'must be lower-case letters, digits and -' });
  const owner = r.string('owner', { required: true, pattern: SERVICE_NAME, patternText: 'must be a service name (lower-case letters, digits and -)' });
  const kind = r.oneOf('kind', JOIN_KINDS);
  const mode = r.oneOf('join', JOIN_MODES);
  r.string('doc');
  const table = topicAt(r, 'table', catalog, out, true);
  const output = topicAt(r, 'output', catalog, out, true);
  const via = topicAt(r, 'via', catalog, out, false);
  const before = out.length;

  if (table && table.cleanupPolicy !== 'compact') {
    out.push(diagnostic(r.node('table')!.pos, 'JOIN_TABLE_NOT_COMPACTED', `table '${table.name}' has cleanup policy '${table.cleanupPolicy}': a table input must be compacted (the latest row per key), else its state cannot be restored`));
  }
  if (output && owner && output.owner !== owner) {
    out.push(diagnostic(r.node('output')!.pos, 'JOIN_OUTPUT_NOT_OWNED', `output topic '${output.name}' is owned by ${output.owner}, not by this join's owner ${owner} (one writer per topic): make ${owner} its owner in ${catalog.file}, or run the join in ${output.owner}`));
  }
  if (via && owner) checkVia(r, via, owner, table, kind, catalog, out);

  if (kind === 'table-table') {
    for (const k of ['stream', 'match']) if (r.node(k)) out.push(diagnostic(r.node(k)!.pos, 'INVALID_CONFIG', `'${k}' belongs to a stream-table join; a table-table join lists its sides under 'related.match'`));
    const related = readRelated(r, table, catalog, out);
    if (output && table && output.cleanupPolicy !== 'compact') {
      out.push(diagnostic(r.node('output')!.pos, 'JOIN_OUTPUT_NOT_COMPACTED', `output topic '${output.name}' has cleanup policy '${output.cleanupPolicy}': a table join's result is a table (one record per key, a deleted row becomes a tombstone), so it must be compacted`));
    }
    if (output && table && !sameType(output.key, table.key)) {
      out.push(diagnostic(r.node('output')!.pos, 'JOIN_KEY_SCHEMA_MISMATCH', `output topic '${output.name}' is keyed by ${describeType(output.key)}, the table '${table.name}' by ${describeType(table.key)}: a table join's output is keyed like its table`));
    }
    if (!via && r.node('via') === undefined && related) {
      out.push(diagnostic(r.node('related')!.pos, 'JOIN_REKEY_TOPIC_MISSING', `'${related.topic.name}' is matched on fields, not on its key, so its rows must be re-keyed by the table key: add 'via: ${name ?? 'join'}.by-${table?.name ?? 'table'}' and declare that topic in ${catalog.file} (internal, owner ${owner ?? 'the join owner'}, key bytes, value bytes, cleanupPolicy compact, ${table?.partitions ?? 'the table\'s'} partitions)`));
    }
    if (out.length > before || !name || !owner || !kind || !mode || !table || !output || !via || !related) return undefined;
    const join: TableTableJoin = { kind, name, owner, mode, table, output, via, related: related.topic, sides: related.sides, pos: obj.pos };
    return join;
  }
  if (kind === 'stream-table') {
    if (r.node('related')) out.push(diagnostic(r.node('related')!.pos, 'INVALID_CONFIG', "'related' belongs to a table-table join; a stream-table join names its 'stream' and 'match'"));
    const stream = topicAt(r, 'stream', catalog, out, true);
    const matchText = r.string('match', { required: true });
    const match = stream && matchText !== undefined ? fieldPath(stream, matchText, r.node('match')!.pos, out) : undefined;
    if (match && table) checkMatchType(match, table, out);
    if (stream && table && match) {
      const wholeKey = match.part === 'key' && match.fields.length === 0;
      if (wholeKey && !via) {
        if (stream.partitions !== table.partitions) {
          out.push(diagnostic(r.node('stream')!.pos, 'JOIN_NOT_COPARTITIONED', `'${stream.name}' has ${stream.partitions} partitions and '${table.name}' ${table.partitions}: co-partitioned inputs need the same count; give them the same partitions in ${catalog.file}, or re-key the stream through a 'via' topic`));
        }
        if (!sameType(stream.key, table.key)) {
          out.push(diagnostic(r.node('stream')!.pos, 'JOIN_KEY_SCHEMA_MISMATCH', `'${stream.name}' is keyed by ${describeType(stream.key)} and '${table.name}' by ${describeType(table.key)}: co-partitioned inputs need one key schema (the same key must land in the same partition); re-key the stream through a 'via' topic`));
        }
      } else if (!via && r.node('via') === undefined) {
        out.push(diagnostic(r.node('match')!.pos, 'JOIN_REKEY_TOPIC_MISSING', `'${stream.name}' is matched on ${match.text}, not on its key, so its records must be re-keyed by the table key: add 'via: ${name ?? 'join'}.by-${table.name}' and declare that topic in ${catalog.file} (internal, owner ${owner ?? 'the join owner'}, key bytes, value bytes, ${table.partitions} partitions)`));
      }
      if (output && !sameType(output.key, stream.key)) {
        out.push(diagnostic(r.node('output')!.pos, 'JOIN_KEY_SCHEMA_MISMATCH', `output topic '${output.name}' is keyed by ${describeType(output.key)}, the stream '${stream.name}' by ${describeType(stream.key)}: an enriched record keeps its stream key`));
      }
    }
    if (out.length > before || !name || !owner || !mode || !table || !output || !stream || !match) return undefined;
    const join: StreamTableJoin = { kind, name, owner, mode, table, output, stream, match, pos: obj.pos, ...(via ? { via } : {}) };
    return join;
  }
  return undefined;
}

function topicAt(r: FieldReader, key: string, catalog: Catalog, out: Diagnostic[], required: boolean): TopicSpec | undefined {
  const name = r.string(key, { required });
  if (name === undefined) return undefined;
  const topic = catalog.topics.find((t) => t.name === name);
  if (!topic) {
    const known = catalog.topics.map((t) => t.name);
    out.push(diagnostic(r.node(key)!.pos, 'JOIN_UNKNOWN_TOPIC', `unknown topic '${name}' (${catalog.file} has ${known.join(', ') || 'no topics'})`));
  }
  return topic;
}

function readRelated(
  r: FieldReader, table: TopicSpec | undefined, catalog: Catalog, out: Diagnostic[],
): { topic: TopicSpec; sides: TableTableJoin['sides'] } | undefined {
  const node = r.node('related');
  if (!node) {
    out.push(diagnostic(r.obj.pos, 'INVALID_CONFIG', "a table-table join is missing 'related' (topic and match)"));
    return undefined;
  }
  const obj = expectObject(node, "'related'", out);
  if (!obj) return undefined;
  const rr = new FieldReader(obj, "'related'", out);
  rr.onlyKeys(['topic', 'match']);
  const topic = topicAt(rr, 'topic', catalog, out, true);
  const matchNode = rr.node('match');
  if (!matchNode || matchNode.kind !== 'object' || matchNode.entries.length === 0) {
    out.push(diagnostic(matchNode?.pos ?? obj.pos, 'INVALID_CONFIG', "'related.match' must map each side of the output to a field, e.g. 'following: key.followerId'"));
    return undefined;
  }
  if (topic && topic.cleanupPolicy !== 'compact') {
    out.push(diagnostic(rr.node('topic')!.pos, 'JOIN_TABLE_NOT_COMPACTED', `'${topic.name}' has cleanup policy '${topic.cleanupPolicy}': the related input of a table-table join is a table and must be compacted`));
  }
  const sides: Array<{ name: string; match: FieldPath }> = [];
  for (const e of matchNode.entries) {
    if (!SIDE_NAME.test(e.key)) {
      out.push(diagnostic(e.keyPos, 'INVALID_CONFIG', `side '${e.key}' must be an identifier (it becomes a property of the join function's argument)`));
      continue;
    }
    if (!topic) continue;
    const text = stringOf(e.value, `side '${e.key}'`, out);
    if (text === undefined) continue;
    const match = fieldPath(topic, text, e.value.pos, out);
    if (!match) continue;
    if (match.part !== 'key') {
      // A tombstone carries only the key: with the match in the value, the runtime could not tell which output rows
      // a deleted related row leaves, without a store of every related row (not built yet).
      out.push(diagnostic(e.value.pos, 'JOIN_MATCH_IN_VALUE', `side '${e.key}' matches on ${text}: a table-table join matches on fields of the related topic's key (a tombstone carries only the key); matching on a value field is not supported yet`));
      continue;
    }
    if (table) checkMatchType(match, table, out);
    sides.push({ name: e.key, match });
  }
  return topic ? { topic, sides } : undefined;
}

function stringOf(node: JsonNode, what: string, out: Diagnostic[]): string | undefined {
  if (node.kind === 'string' && (node.value as string).length > 0) return node.value as string;
  out.push(diagnostic(node.pos, 'INVALID_CONFIG', `${what} must be a field path such as key.followerId or value.author.id`));
  return undefined;
}

/** Resolves `key.a.b` / `value.a.b` through record fields. */
function fieldPath(topic: TopicSpec, text: string, pos: SourcePos, out: Diagnostic[]): FieldPath | undefined {
  const [part, ...fields] = text.split('.');
  if (part !== 'key' && part !== 'value') {
    out.push(diagnostic(pos, 'JOIN_UNKNOWN_FIELD', `'${text}' must start with 'key' or 'value' (of topic '${topic.name}')`));
    return undefined;
  }
  let type: TypeNode = part === 'key' ? topic.key : topic.value;
  let at = `${topic.name} ${part}`;
  for (const f of fields) {
    if (type.kind !== 'record') {
      out.push(diagnostic(pos, 'JOIN_UNKNOWN_FIELD', `'${text}': ${at} is ${describeType(type)}, not a record, so it has no field '${f}'`));
      return undefined;
    }
    const field = type.fields.find((x) => x.name === f);
    if (!field) {
      out.push(diagnostic(pos, 'JOIN_UNKNOWN_FIELD', `'${text}': ${type.name} has no field '${f}' (it has ${type.fields.map((x) => x.name).join(', ')})`));
      return undefined;
    }
    type = field.type;
    at = `${at}.${f}`;
  }
  return { part, fields, type, text, pos };
}

function checkMatchType(match: FieldPath, table: TopicSpec, out: Diagnostic[]): void {
  const allowed = tableKeyMatchTypes(table.key);
  if (allowed.some((t) => sameType(t, match.type))) return;
  out.push(diagnostic(match.pos, 'JOIN_MATCH_TYPE', `${match.text} is ${describeType(match.type)}, but the key of table '${table.name}' is ${allowed.map(describeType).join(' (or its one field, ') + (allowed.length > 1 ? ')' : '')}: a match field must hold the table's key`));
}

function checkVia(
  r: FieldReader, via: TopicSpec, owner: string, table: TopicSpec | undefined, kind: string | undefined, catalog: Catalog, out: Diagnostic[],
): void {
  const pos = r.node('via')!.pos;
  const problems: string[] = [];
  if (via.visibility !== 'internal') problems.push(`visibility internal (found ${via.visibility})`);
  if (via.owner !== owner) problems.push(`owner ${owner} (found ${via.owner})`);
  if (via.keySchemaName !== 'bytes' || via.valueSchemaName !== 'bytes') problems.push(`key bytes and value bytes (found ${via.keySchemaName} and ${via.valueSchemaName}: the runtime writes its own framing)`);
  if (kind === 'table-table' && via.cleanupPolicy !== 'compact') problems.push(`cleanupPolicy compact (found ${via.cleanupPolicy}: it holds a table)`);
  if (problems.length > 0) {
    out.push(diagnostic(pos, 'JOIN_VIA_TOPIC', `re-key topic '${via.name}' must have ${problems.join(', ')} in ${catalog.file}`));
  }
  if (table && via.partitions !== table.partitions) {
    out.push(diagnostic(pos, 'JOIN_NOT_COPARTITIONED', `re-key topic '${via.name}' has ${via.partitions} partitions and table '${table.name}' ${table.partitions}: the re-keyed input is co-partitioned with the table, so give '${via.name}' ${table.partitions} partitions in ${catalog.file}`));
  }
}
