/** Reads and validates `topics.yaml` against the loaded schemas; every mistake is reported with its position. */
import { readFileSync } from 'node:fs';
import { diagnostic, type Diagnostic, type SourcePos } from '../diagnostics.js';
import type { PrimitiveName, SchemaSet, TypeNode } from '../ir.js';
import { SERVICE_NAME } from '../naming.js';
import { displayPath } from '../paths.js';
import { FieldReader, expectObject } from '../load/validate-object.js';
import { parseYamlWithPositions } from '../load/yaml-positions.js';
import { PRIMITIVES, lookupCandidates } from '../resolve/names.js';
import {
  CLEANUP_POLICIES, COMPATIBILITY_LEVELS, VISIBILITIES, type Catalog, type TopicSpec,
} from './catalog.js';

/** Kafka's own rule for topic names (legal characters, at most 249). */
const TOPIC_NAME = /^[A-Za-z0-9._-]{1,249}$/;
const TOPIC_KEYS = ['name', 'key', 'value', 'visibility', 'owner', 'partitions', 'cleanupPolicy', 'compatibility', 'doc'];

export function loadCatalog(path: string, set: SchemaSet): { catalog: Catalog; diagnostics: Diagnostic[] } {
  const file = displayPath(path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return { catalog: { file, topics: [] }, diagnostics: [diagnostic({ file, line: 1, col: 1 }, 'NO_CATALOG', 'topic catalog not found')] };
  }
  return parseCatalog(text, file, set);
}

export function parseCatalog(text: string, file: string, set: SchemaSet): { catalog: Catalog; diagnostics: Diagnostic[] } {
  const out: Diagnostic[] = [];
  const topics: TopicSpec[] = [];
  const catalog = { file, topics };
  const parsed = parseYamlWithPositions(text, file);
  if (!parsed.ok) return { catalog, diagnostics: parsed.errors };
  const root = expectObject(parsed.node, 'the catalog', out);
  if (!root) return { catalog, diagnostics: out };
  const top = new FieldReader(root, 'the catalog', out);
  top.onlyKeys(['topics']);
  const list = top.node('topics');
  if (!list || list.kind !== 'array') {
    out.push(diagnostic(list?.pos ?? root.pos, 'INVALID_CONFIG', "the catalog needs a 'topics' list"));
    return { catalog, diagnostics: out };
  }

  const resolveSchema = (name: string | undefined, r: FieldReader, key: string): TypeNode | undefined => {
    if (name === undefined) return undefined;
    if (PRIMITIVES.has(name)) return { kind: 'primitive', type: name as PrimitiveName, pos: r.node(key)!.pos, props: {} };
    const found = lookupCandidates(name, '').map((n) => set.named.get(n)).find((n) => n !== undefined);
    if (found) return found;
    const near = [...set.named.keys()].filter((n) => n.endsWith(`.${name}`));
    out.push(diagnostic(r.node(key)!.pos, 'UNKNOWN_SCHEMA', `unknown schema '${name}'${near.length ? ` (did you mean '${near[0]}'?)` : ''}`));
    return undefined;
  };

  const seen = new Map<string, SourcePos>();
  for (const item of list.items) {
    const obj = expectObject(item, 'a topic', out);
    if (!obj) continue;
    const r = new FieldReader(obj, 'topic', out);
    r.onlyKeys(TOPIC_KEYS);
    const name = r.string('name', { required: true, pattern: TOPIC_NAME, patternText: "must use only letters, digits, '.', '_' and '-' (at most 249)" });
    // Checked before the entry's other fields, so an entry with errors of its own is still reported as a duplicate.
    const dup = name === undefined ? undefined : seen.get(name);
    if (dup) out.push(diagnostic(r.node('name')!.pos, 'DUPLICATE_TOPIC', `topic '${name}' is already listed at ${dup.line}:${dup.col}`));
    else if (name !== undefined) seen.set(name, obj.pos);
    const keySchemaName = r.string('key', { required: true });
    const valueSchemaName = r.string('value', { required: true });
    const key = resolveSchema(keySchemaName, r, 'key');
    const value = resolveSchema(valueSchemaName, r, 'value');
    const visibility = r.oneOf('visibility', VISIBILITIES);
    const owner = r.string('owner', { required: true, pattern: SERVICE_NAME, patternText: 'must be a service name (lower-case letters, digits and -)' });
    const partitions = r.integer('partitions', { min: 1, max: 10_000 });
    const cleanupPolicy = r.oneOf('cleanupPolicy', CLEANUP_POLICIES);
    const compatibility = r.oneOf('compatibility', COMPATIBILITY_LEVELS, 'BACKWARD');
    const doc = r.string('doc');
    if (
      name === undefined || key === undefined || value === undefined || keySchemaName === undefined ||
      valueSchemaName === undefined || visibility === undefined || owner === undefined || partitions === undefined ||
      cleanupPolicy === undefined || compatibility === undefined
    ) {
      continue;
    }
    const spec: TopicSpec = {
      name, key, value, keySchemaName, valueSchemaName, visibility, owner, partitions, cleanupPolicy, compatibility,
      pos: obj.pos, ...(doc !== undefined ? { doc } : {}),
    };
    if (!dup) topics.push(spec);
  }
  return { catalog, diagnostics: out };
}
