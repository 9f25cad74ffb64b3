/**
 * Load → resolve: a folder of `.avsc` files (or schema text in memory) in, one resolved schema graph (or every error)
 * out. Each file is parsed and added to the graph before the next is read (see createTypeBuilder), so only one file's
 * positioned JSON is alive at a time.
 */
import type { Diagnostic } from '../diagnostics.js';
import { sha1Hex } from '../digest.js';
import type { SchemaSet } from '../ir.js';
import { parseJsonWithPositions } from '../load/json-positions.js';
import { readSchemaFiles } from '../load/read-schema-files.js';
import { createTypeBuilder } from './build-types.js';

export interface ResolveResult {
  readonly set: SchemaSet;
  readonly diagnostics: readonly Diagnostic[];
  /** Valid but partly ignored (a logical type on the wrong type): printed by `generate`, not an error. */
  readonly warnings: readonly Diagnostic[];
}

export function resolveSchemaDir(dir: string): ResolveResult {
  const builder = createTypeBuilder();
  const readErrors = readSchemaFiles(dir, (doc) => builder.add(doc));
  const built = builder.finish();
  return { set: built.set, diagnostics: [...readErrors, ...built.diagnostics], warnings: built.warnings };
}

/** For tests and tools holding schema text in memory: `files` maps a display path to its JSON text. */
export function resolveSchemaTexts(files: Readonly<Record<string, string>>): ResolveResult {
  const builder = createTypeBuilder();
  const diagnostics: Diagnostic[] = [];
  for (const [file, text] of Object.entries(files)) {
    const parsed = parseJsonWithPositions(text, file);
    if (parsed.ok) builder.add({ file, node: parsed.node, digest: sha1Hex(text) });
    else diagnostics.push(parsed.error);
  }
  const built = builder.finish();
  return { set: built.set, diagnostics: [...diagnostics, ...built.diagnostics], warnings: built.warnings };
}
