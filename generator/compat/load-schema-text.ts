/**
 * Reads ONE schema from JSON text, as a schema registry or `unilog compat` sees it: a top-level JSON array is a union
 * (spec §Unions), not a list of schemas as in a `schemas/` folder file. Each call builds its own graph, so a reader and
 * a writer may both define `com.acme.User` without clashing.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { TypeNode } from '../ir.js';
import { parseJsonWithPositions, type JsonNode } from '../load/json-positions.js';
import { buildTypes } from '../resolve/build-types.js';

export type LoadedSchema =
  | { readonly ok: true; readonly schema: TypeNode }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/** `file` is the display path every position of the schema will carry. */
export function loadSchemaText(text: string, file: string): LoadedSchema {
  const parsed = parseJsonWithPositions(text, file);
  if (!parsed.ok) return { ok: false, diagnostics: [parsed.error] };
  return loadSchemaJson(parsed.node, file);
}

/** Same, for JSON already parsed with positions. */
export function loadSchemaJson(root: JsonNode, file: string): LoadedSchema {
  // {"type": [...]} is the resolver's wrapped form of a union; it keeps the array's own position.
  const node: JsonNode =
    root.kind === 'array' ? { kind: 'object', pos: root.pos, entries: [{ key: 'type', keyPos: root.pos, value: root }] } : root;
  // A schema from outside gets Apache Avro Java's verdict, not the stricter one `generate` gives a team's own files.
  const built = buildTypes([{ file, node }], 'java');
  const schema = built.set.files[0]?.roots[0];
  if (built.diagnostics.length > 0 || !schema) return { ok: false, diagnostics: built.diagnostics };
  return { ok: true, schema };
}
