/**
 * The envelope shape writes Debezium's change event, so the topic's value schema must have its layout: `before` and
 * `after`, both a union of null and one row record; `op` a string; `source` a record whose fields the tailer knows
 * how to fill (or that have defaults); `ts_ms` a long. Any other field needs a default. docs/tailer.md has the schema.
 */
import type { TopicSpec } from '../catalog/catalog.js';
import { diagnostic, type Diagnostic, type SourcePos } from '../diagnostics.js';
import type { RecordNode, TypeNode } from '../ir.js';
import { describeType } from '../joins/type-match.js';

/** The `source` fields the tailer fills, with their Avro type; `null` marks the ones it always leaves null. */
const SOURCE_FIELDS: Readonly<Record<string, { type: 'string' | 'long'; alwaysNull?: boolean }>> = {
  version: { type: 'string' }, connector: { type: 'string' }, name: { type: 'string' }, ts_ms: { type: 'long' },
  snapshot: { type: 'string' }, db: { type: 'string' }, sequence: { type: 'string', alwaysNull: true },
  schema: { type: 'string' }, table: { type: 'string' }, txId: { type: 'long' }, lsn: { type: 'long' }, xmin: { type: 'long', alwaysNull: true },
};

const isNull = (t: TypeNode): boolean => t.kind === 'primitive' && t.type === 'null';

function unwrapNull(t: TypeNode): { type: TypeNode; nullable: boolean } {
  if (t.kind === 'union' && t.branches.length === 2 && t.branches.filter(isNull).length === 1) return { type: t.branches.find((b) => !isNull(b))!, nullable: true };
  return { type: t, nullable: false };
}

const isPrimitive = (t: TypeNode, name: string): boolean => t.kind === 'primitive' && t.type === name && t.logical === undefined;

export function checkEnvelope(topic: TopicSpec, pos: SourcePos, out: Diagnostic[]): { row: RecordNode; source: string[] } | undefined {
  const problems: string[] = [];
  const value = topic.value;
  if (value.kind !== 'record') {
    out.push(diagnostic(pos, 'TAILER_ENVELOPE_SCHEMA', `the envelope shape writes Debezium's change event, but the value of '${topic.name}' is ${describeType(value)}, not a record with before, after, op, source and ts_ms`));
    return undefined;
  }
  const field = (name: string) => value.fields.find((f) => f.name === name);
  let row: RecordNode | undefined;
  for (const side of ['before', 'after']) {
    const f = field(side);
    const u = f && unwrapNull(f.type);
    if (!f || !u!.nullable || u!.type.kind !== 'record') problems.push(`'${side}' must be a union of null and the row record`);
    else if (row && row !== u!.type) problems.push(`'before' and 'after' must hold the same record (found ${row.name} and ${(u!.type as RecordNode).name})`);
    else row = u!.type as RecordNode;
  }
  const op = field('op');
  if (!op || !isPrimitive(op.type, 'string')) problems.push("'op' must be a string (c, u, d, r)");
  const ts = field('ts_ms');
  if (!ts || !isPrimitive(unwrapNull(ts.type).type, 'long')) problems.push("'ts_ms' must be a long (or a union of null and long)");
  const source: string[] = [];
  const src = field('source');
  if (!src || src.type.kind !== 'record') problems.push("'source' must be a record (Debezium's Source)");
  else {
    for (const f of src.type.fields) {
      const known = SOURCE_FIELDS[f.name];
      const u = unwrapNull(f.type);
      if (!known) {
        if (f.default === undefined) problems.push(`source field '${f.name}' is not one the tailer fills (${Object.keys(SOURCE_FIELDS).join(', ')}) and has no default`);
        continue;
      }
      if (!isPrimitive(u.type, known.type) || (known.alwaysNull && !u.nullable)) {
        problems.push(`source field '${f.name}' must be ${known.alwaysNull ? `a union of null and ${known.type}` : `${known.type} (or a union of null and ${known.type})`}, found ${describeType(f.type)}`);
        continue;
      }
      source.push(f.name);
    }
  }
  for (const f of value.fields) {
    if (!['before', 'after', 'op', 'source', 'ts_ms'].includes(f.name) && f.default === undefined) problems.push(`field '${f.name}' is not part of the change event and has no default`);
  }
  for (const p of problems) out.push(diagnostic(pos, 'TAILER_ENVELOPE_SCHEMA', `the envelope shape writes Debezium's change event into '${topic.name}': ${p}`));
  return problems.length === 0 && row ? { row, source } : undefined;
}
