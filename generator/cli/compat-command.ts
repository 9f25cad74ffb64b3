/**
 * `unilog compat`: checks schema files against each other, without a catalog or a baseline.
 * - `--reader R.avsc --writer W.avsc`: can R decode what W wrote?
 * - `--level LEVEL V1.avsc ... VN.avsc`: the history oldest first; the last file is the candidate.
 * Exit 0 compatible, 100 incompatible, 1 usage or invalid schema, 2 internal error.
 */
import { existsSync, readFileSync } from 'node:fs';
import { loadConfig } from '../config/load-config.js';
import { diagnostic, formatLocated, type Diagnostic, type SourcePos } from '../diagnostics.js';
import type { TypeNode } from '../ir.js';
import { checkReaderWriter } from '../compat/check-reader-writer.js';
import type { Incompatibility } from '../compat/incompatibility.js';
import { COMPATIBILITY_LEVELS, checkLevel, isCompatibilityLevel } from '../compat/levels.js';
import { loadSchemaText } from '../compat/load-schema-text.js';
import { readSchemaFiles, type SchemaDocument } from '../load/read-schema-files.js';
import { displayPath } from '../paths.js';
import { parseArgs } from './args.js';
import { EXIT, internalError, printUsageError, UsageError } from './exit-codes.js';

export const COMPAT_HELP = `Usage:
  unilog compat --reader READER.avsc --writer WRITER.avsc [--schemas DIR] [--format text|json]
  unilog compat --level LEVEL V1.avsc ... VN.avsc [--schemas DIR] [--format text|json]

Checks Avro schema files against each other, as Avro schema resolution and the Confluent
Schema Registry do. A file holds one schema (a top-level JSON array is a union).

  --reader, --writer   can the reader schema decode data written with the writer schema?
  --level LEVEL        a subject history, oldest first; the last file is the new schema.
                       LEVEL: ${COMPATIBILITY_LEVELS.join(', ')}
  --schemas DIR        named types the files may refer to (com.state.common.Geo, say) come from
                       the .avsc files here (default: the config's schemas folder, if it exists);
                       a type a file defines itself wins over the folder's
  --format             text (default): one line per problem, file:line:col first
                       json: {"compatible": bool, "incompatibilities": [{"type","location","message"}]}
                             or {"invalid": ["file:line:col: message", ...]}

Exit status: 0 compatible, 100 incompatible, 1 usage error or invalid schema, 2 internal error.
`;

interface Found {
  readonly incompatibility: Incompatibility;
  /** Where to point: in the reader's file, or in the candidate's for a level check. */
  readonly pos: SourcePos;
  readonly context: string;
}

const usageError = (message: string): number => printUsageError('compat', message, COMPAT_HELP);

export async function runCompatCommand(argv: readonly string[]): Promise<number> {
  try {
    return compat(argv);
  } catch (e) {
    return internalError('compat', e);
  }
}

const FLAGS = { reader: 'string', writer: 'string', level: 'string', schemas: 'string', format: 'string', help: 'boolean' } as const;

function compat(argv: readonly string[]): number {
  let parsed;
  try {
    parsed = parseArgs(argv, FLAGS);
  } catch (e) {
    if (e instanceof UsageError) return usageError(e.message);
    throw e;
  }
  const { flags: values, positional: positionals } = parsed;
  if (values.help) {
    process.stdout.write(COMPAT_HELP);
    return EXIT.OK;
  }
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') return usageError(`--format must be text or json, not '${format}'`);

  const pairMode = values.reader !== undefined || values.writer !== undefined;
  if (pairMode && (values.level !== undefined || positionals.length > 0)) {
    return usageError('use either --reader/--writer or --level with files, not both');
  }
  let files: string[];
  if (pairMode) {
    if (values.reader === undefined || values.writer === undefined) return usageError('--reader and --writer go together');
    files = [values.reader, values.writer];
  } else {
    if (values.level === undefined) return usageError('give --reader and --writer, or --level and schema files');
    if (!isCompatibilityLevel(values.level)) {
      return usageError(`unknown level '${values.level}' (one of ${COMPATIBILITY_LEVELS.join(', ')})`);
    }
    if (positionals.length === 0) return usageError('--level needs at least one schema file (the candidate last)');
    files = [...positionals];
  }

  const invalid: Diagnostic[] = [];
  const { dir: namedDir, documents: named } = namedTypeFiles(values.schemas, invalid);
  const schemas: TypeNode[] = [];
  for (const path of files) {
    const file = displayPath(path);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      invalid.push(diagnostic({ file, line: 1, col: 1 }, 'NO_FILE', 'cannot read schema file'));
      continue;
    }
    const loaded = loadSchemaText(text, file, named);
    if (loaded.ok) schemas.push(loaded.schema);
    else invalid.push(...loaded.diagnostics);
  }
  if (invalid.length > 0) {
    // A broken file of the --schemas folder is found again with each schema read against it: say it once.
    const lines = [...new Set(invalid.map(formatLocated))];
    if (format === 'json') process.stdout.write(`${JSON.stringify({ invalid: lines }, null, 2)}\n`);
    else process.stderr.write(`${lines.join('\n')}\n`);
    if (format === 'text' && invalid.some((d) => d.code === 'UNKNOWN_TYPE')) {
      const searched = namedDir === undefined ? 'no folder was searched' : `${displayPath(namedDir)} does not define it`;
      process.stderr.write(`a type defined in another file (${searched}): name the folder of .avsc files that defines it with --schemas DIR\n`);
    }
    return EXIT.USER_ERROR;
  }

  const found: Found[] = [];
  if (pairMode) {
    const result = checkReaderWriter(schemas[0]!, schemas[1]!);
    for (const i of result.incompatibilities) found.push({ incompatibility: i, pos: i.readerPos, context: `reading ${files[1]}` });
  } else {
    const candidate = schemas[schemas.length - 1]!;
    const result = checkLevel(values.level as (typeof COMPATIBILITY_LEVELS)[number], schemas.slice(0, -1), candidate);
    for (const v of result.violations) {
      const old = displayPath(files[v.version]!);
      for (const i of v.incompatibilities) {
        found.push(
          v.direction === 'backward'
            ? { incompatibility: i, pos: i.readerPos, context: `the new schema cannot read ${old}` }
            : { incompatibility: i, pos: i.writerPos, context: `${old} cannot read the new schema` },
        );
      }
    }
  }

  if (format === 'json') {
    const incompatibilities = found.map(({ incompatibility: i }) => ({ type: i.type, location: i.location, message: i.message }));
    process.stdout.write(`${JSON.stringify({ compatible: found.length === 0, incompatibilities }, null, 2)}\n`);
  } else if (found.length === 0) {
    process.stdout.write('compatible\n');
  } else {
    for (const f of found) {
      const i = f.incompatibility;
      process.stdout.write(`${formatLocated({ ...f.pos, message: `${i.type} ${i.description} (${f.context}; at ${i.location})` })}\n`);
    }
    process.stdout.write(`incompatible: ${found.length} problem${found.length === 1 ? '' : 's'}\n`);
  }
  return found.length === 0 ? EXIT.OK : EXIT.FINDINGS;
}

/** The folder files named types come from: `--schemas`, else the config's schemas folder when there is one. */
function namedTypeFiles(flag: string | undefined, invalid: Diagnostic[]): { dir?: string; documents: SchemaDocument[] } {
  const dir = flag ?? loadConfig({}).schemas;
  if (flag === undefined && !existsSync(dir)) return { documents: [] };
  const documents: SchemaDocument[] = [];
  invalid.push(...readSchemaFiles(dir, (doc) => documents.push(doc)));
  return { dir, documents };
}
