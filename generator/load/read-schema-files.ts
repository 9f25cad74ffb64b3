/** Reads every `.avsc` file under a folder (any depth, sorted, so output never depends on directory order). */
import { readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { sha1Hex } from '../digest.js';
import { displayPath, listFiles } from '../paths.js';
import { parseJsonWithPositions, type JsonNode } from './json-positions.js';

/** One schema file, parsed with positions: what the loader hands to the resolver. */
export interface SchemaDocument {
  /** As shown in messages (relative to the working directory). */
  readonly file: string;
  readonly node: JsonNode;
  /** SHA-1 of the text the node was parsed from, as UTF-8 (see SchemaFile). */
  readonly digest?: string;
}


/**
 * Reads and parses every schema file, handing each document to `onDocument` before reading the next, so its
 * positioned JSON can be dropped as soon as it has been used. Returns the files that could not be read or parsed.
 */
export function readSchemaFiles(dir: string, onDocument: (doc: SchemaDocument) => void): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  let files: string[];
  const at = { file: displayPath(dir), line: 1, col: 1 };
  try {
    if (!statSync(dir).isDirectory()) {
      // A file where the folder belongs (`--schemas schemas/users.avsc`): the other types would all be "unknown".
      diagnostics.push(diagnostic(at, 'NO_SCHEMAS', `is a file, not a folder: 'schemas' (--schemas) names the folder that holds the .avsc files, e.g. '${displayPath(dirname(dir))}'`));
      return diagnostics;
    }
    files = listFiles(dir, '.avsc');
  } catch {
    diagnostics.push(diagnostic(at, 'NO_SCHEMAS', 'schemas folder not found'));
    return diagnostics;
  }
  for (const path of files) {
    const file = displayPath(path);
    // Hashed as read: hashing the decoded text would encode it to UTF-8 again.
    const bytes = readFileSync(path);
    const parsed = parseJsonWithPositions(bytes.toString('utf8'), file);
    if (parsed.ok) onDocument({ file, node: parsed.node, digest: sha1Hex(bytes) });
    else diagnostics.push(parsed.error);
  }
  return diagnostics;
}
