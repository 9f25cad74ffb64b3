/** Entry point of the front end: a folder of `.avsc` files in, one resolved schema graph (or every error) out. */
import type { Diagnostic } from '../diagnostics.js';
import type { SchemaSet } from '../ir.js';
import { buildTypes, type SchemaDocument } from '../resolve/build-types.js';
import { parseJsonWithPositions } from './json-positions.js';
import { readSchemaFiles } from './read-schema-files.js';

export interface LoadResult {
  readonly set: SchemaSet;
  readonly diagnostics: readonly Diagnostic[];
}

export function loadSchemaDir(dir: string): LoadResult {
  const read = readSchemaFiles(dir);
  const built = buildTypes(read.documents);
  return { set: built.set, diagnostics: [...read.diagnostics, ...built.diagnostics] };
}

/** For tests and tools holding schema text in memory: `files` maps a display path to its JSON text. */
export function loadSchemaTexts(files: Readonly<Record<string, string>>): LoadResult {
  const documents: SchemaDocument[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const [file, text] of Object.entries(files)) {
    const parsed = parseJsonWithPositions(text, file);
    if (parsed.ok) documents.push({ file, node: parsed.node });
    else diagnostics.push(parsed.error);
  }
  const built = buildTypes(documents);
  return { set: built.set, diagnostics: [...diagnostics, ...built.diagnostics] };
}
