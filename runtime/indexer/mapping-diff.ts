/**
 * Whether an index's existing mapping can take the documents of a schema's mapping. OpenSearch lets a mapping gain
 * fields but never change one, so a field the schema adds is fine (it is put into the index), while a field of
 * another type, analyzer or shape is a conflict: such an index must be rebuilt under a new name, or dropped and
 * refilled by a replay. A field the index has and the schema no longer has is left alone (old documents keep it).
 */
import type { FieldMapping, IndexMapping } from './index-schema.js';

export interface MappingDiff {
  /** Paths of fields the schema has and the index does not. */
  readonly added: readonly string[];
  /** One line per field that differs, naming the path, what the index has and what the schema needs. */
  readonly conflicts: readonly string[];
}

/** The attributes compared; others (OpenSearch defaults it may echo back) do not decide compatibility. */
const COMPARED = ['type', 'analyzer', 'search_analyzer', 'enabled', 'ignore_above', 'format'] as const;

export function diffMapping(existing: { readonly [k: string]: unknown }, wanted: IndexMapping): MappingDiff {
  const added: string[] = [];
  const conflicts: string[] = [];
  if (String(existing['dynamic'] ?? 'true') !== wanted.dynamic) {
    conflicts.push(`the index is not strict (dynamic: ${String(existing['dynamic'] ?? 'true')}), so it takes fields no schema defines`);
  }
  compareProperties(propertiesOf(existing), wanted.properties, '', added, conflicts);
  return { added, conflicts };
}

function compareProperties(
  have: Readonly<Record<string, FieldMapping>>,
  want: Readonly<Record<string, FieldMapping>>,
  prefix: string,
  added: string[],
  conflicts: string[],
): void {
  for (const [name, w] of Object.entries(want)) {
    const path = prefix + name;
    const h = have[name];
    if (h === undefined) {
      added.push(path);
      continue;
    }
    const differs = COMPARED.filter((k) => String(attr(h, k)) !== String(attr(w, k)));
    if (differs.length) {
      conflicts.push(`field '${path}': the index has ${describe(h)}, the schema needs ${describe(w)}`);
      continue;
    }
    compareProperties(propertiesOf(h), propertiesOf(w), `${path}.`, added, conflicts);
    const hf = (h['fields'] ?? {}) as Record<string, FieldMapping>;
    const wf = (w['fields'] ?? {}) as Record<string, FieldMapping>;
    compareProperties(hf, wf, `${path}.`, added, conflicts);
  }
}

function propertiesOf(m: { readonly [k: string]: unknown }): Readonly<Record<string, FieldMapping>> {
  return (m['properties'] ?? {}) as Record<string, FieldMapping>;
}

/** An attribute as OpenSearch reports it: an object field has no `type`, and `enabled` is true unless switched off. */
function attr(m: FieldMapping, key: (typeof COMPARED)[number]): unknown {
  const v = m[key];
  if (key === 'type') return v ?? 'object';
  if (key === 'enabled') return v ?? true;
  return v ?? '';
}

function describe(m: FieldMapping): string {
  const type = String(attr(m, 'type'));
  const extras = COMPARED.filter((k) => k !== 'type' && m[k] !== undefined).map((k) => `${k} ${String(m[k])}`);
  return extras.length ? `${type} (${extras.join(', ')})` : type;
}
