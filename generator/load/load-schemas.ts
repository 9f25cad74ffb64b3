/** Entry point of the front end: a folder of `.avsc` files in, one resolved schema graph (or every error) out. */
import type { Diagnostic } from '../diagnostics.js';
import type { SchemaSet } from '../ir.js';
import { createTypeBuilder } from '../resolve/build-types.js';
import { parseJsonWithPositions } from './json-positions.js';
import { readSchemaFiles } from './read-schema-files.js';

export interface LoadResult {
  readonly set: SchemaSet;
  readonly diagnostics: readonly Diagnostic[];
  /** Valid but partly ignored (a logical type on the wrong type): printed by `generate`, not an error. */
  readonly warnings: readonly Diagnostic[];
}

/** Each file is parsed and built before the next is read (see createTypeBuilder). */
export function loadSchemaDir(dir: string): LoadResult {
  const builder = createTypeBuilder();
  const readErrors = readSchemaFiles(dir, (doc) => builder.add(doc));
  const built = builder.finish();
  return { set: built.set, diagnostics: [...readErrors, ...built.diagnostics], warnings: built.warnings };
}

/** For tests and tools holding schema text in memory: `files` maps a display path to its JSON text. */
export function loadSchemaTexts(files: Readonly<Record<string, string>>): LoadResult {
  const builder = createTypeBuilder();
  const diagnostics: Diagnostic[] = [];
  for (const [file, text] of Object.entries(files)) {
    const parsed = parseJsonWithPositions(text, file);
    if (parsed.ok) builder.add({ file, node: parsed.node });
    else diagnostics.push(parsed.error);
  }
  const built = builder.finish();
  return { set: built.set, diagnostics: [...diagnostics, ...built.diagnostics], warnings: built.warnings };
}
