/** Reads every `.avsc` file under a folder (any depth, sorted, so output never depends on directory order). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import type { SchemaDocument } from '../resolve/build-types.js';
import { parseJsonWithPositions } from './json-positions.js';
import { childPath, isNormalAbsolute, relativePath } from './paths.js';

export function listFiles(dir: string, extension: string): string[] {
  const out: string[] = [];
  const normal = isNormalAbsolute(dir);
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = childPath(d, entry.name, normal);
      if (entry.isDirectory()) walk(p);
      else if (entry.name.endsWith(extension)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** Paths in messages are relative to the working directory, as compilers print them. */
export function displayPath(path: string): string {
  const rel = relativePath(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}

/**
 * Reads and parses every schema file, handing each document to `onDocument` before reading the next, so its
 * positioned JSON can be dropped as soon as it has been used. Returns the files that could not be read or parsed.
 */
export function readSchemaFiles(dir: string, onDocument: (doc: SchemaDocument) => void): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  let files: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new Error('not a directory');
    files = listFiles(dir, '.avsc');
  } catch {
    diagnostics.push(diagnostic({ file: displayPath(dir), line: 1, col: 1 }, 'NO_SCHEMAS', 'schemas folder not found'));
    return diagnostics;
  }
  for (const path of files) {
    const file = displayPath(path);
    const parsed = parseJsonWithPositions(readFileSync(path, 'utf8'), file);
    if (parsed.ok) onDocument({ file, node: parsed.node });
    else diagnostics.push(parsed.error);
  }
  return diagnostics;
}
