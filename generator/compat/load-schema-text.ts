/**
 * Reads ONE schema from JSON text, as a schema registry or `unilog compat` sees it: a top-level JSON array is a union
 * (spec §Unions), not a list of schemas as in a `schemas/` folder file. Each call builds its own graph, so a reader and
 * a writer may both define `com.acme.User` without clashing.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { TypeNode } from '../ir.js';
import { parseJsonWithPositions, type JsonNode } from '../load/json-positions.js';
import type { SchemaDocument } from '../load/read-schema-files.js';
import { buildTypes } from '../resolve/build-types.js';

export type LoadedSchema =
  | { readonly ok: true; readonly schema: TypeNode }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/**
 * `file` is the display path every position of the schema will carry. `named` are schema files (a `schemas/` folder's)
 * whose named types the schema may refer to; a type the schema defines itself wins over theirs.
 */
export function loadSchemaText(text: string, file: string, named: readonly SchemaDocument[] = []): LoadedSchema {
  const parsed = parseJsonWithPositions(text, file);
  if (!parsed.ok) return { ok: false, diagnostics: [parsed.error] };
  return loadSchemaJson(parsed.node, file, named);
}

/** Same, for JSON already parsed with positions. */
export function loadSchemaJson(root: JsonNode, file: string, named: readonly SchemaDocument[] = []): LoadedSchema {
  // {"type": [...]} is the resolver's wrapped form of a union; it keeps the array's own position.
  const node: JsonNode =
    root.kind === 'array' ? { kind: 'object', pos: root.pos, entries: [{ key: 'type', keyPos: root.pos, value: root }] } : root;
  // A schema from outside gets Apache Avro Java's verdict, not the stricter one `generate` gives a team's own files.
  // The schema goes first, so a folder file that redefines one of its types (an older users.avsc against today's
  // folder) is the one reported as a duplicate: it is left out and the graph built again without it.
  let context = named.filter((d) => d.file !== file);
  let built = buildTypes([{ file, node }, ...context], 'java');
  const clashing = new Set(built.diagnostics.filter((d) => d.code === 'DUPLICATE_NAME' && d.file !== file).map((d) => d.file));
  if (clashing.size > 0) {
    context = context.filter((d) => !clashing.has(d.file));
    built = buildTypes([{ file, node }, ...context], 'java');
  }
  const schema = built.set.files[0]?.roots[0];
  if (built.diagnostics.length > 0 || !schema) return { ok: false, diagnostics: built.diagnostics };
  return { ok: true, schema };
}
