/**
 * Checks on named types (Avro spec §Schema Resolution, "both schemas are ... of the same name"), as the Java reference
 * `SchemaCompatibility` does them: `checkSchemaNames`, `checkFixedSize`, `checkReaderEnumContainsAllWriterEnumSymbols`.
 */
import type { EnumNode, FixedNode, NamedNode } from '../ir.js';
import { incompatibility, type Location } from './check-context.js';
import type { Incompatibility } from './incompatibility.js';

/**
 * Names match by their unqualified part (namespaces are ignored, as the current spec and Java say), or when one of
 * the reader's aliases is the writer's full name.
 */
export function namesMatch(reader: NamedNode, writer: NamedNode): boolean {
  return reader.shortName === writer.shortName || reader.aliases.includes(writer.name);
}

const NONE: readonly Incompatibility[] = Object.freeze([]);

export function checkNames(reader: NamedNode, writer: NamedNode, location: Location): readonly Incompatibility[] {
  if (namesMatch(reader, writer)) return NONE;
  return [
    incompatibility(
      {
        type: 'NAME_MISMATCH',
        message: `expected: ${writer.name}`,
        description: `${reader.kind} '${reader.name}' does not match the writer's '${writer.name}' (to rename a type, list its old name in 'aliases')`,
        readerPos: reader.pos,
        writerPos: writer.pos,
      },
      location,
      'name',
    ),
  ];
}

export function checkFixedSize(reader: FixedNode, writer: FixedNode, location: Location): readonly Incompatibility[] {
  if (reader.size === writer.size) return NONE;
  return [
    incompatibility(
      {
        type: 'FIXED_SIZE_MISMATCH',
        message: `expected: ${writer.size}, found: ${reader.size}`,
        description: `fixed '${reader.name}' has size ${reader.size}, the writer's has size ${writer.size}`,
        readerPos: reader.pos,
        writerPos: writer.pos,
      },
      location,
      'size',
    ),
  ];
}

/** Writer symbols the reader lacks are fine when the reader enum has a `default` to read them as. */
export function checkEnumSymbols(reader: EnumNode, writer: EnumNode, location: Location): readonly Incompatibility[] {
  if (reader.default !== undefined || startsWith(reader.symbols, writer.symbols)) return NONE;
  const readerSymbols = new Set(reader.symbols);
  // Java collects them in a TreeSet: sorted by UTF-16 code units, which is what Array.prototype.sort does.
  const missing = writer.symbols.filter((s) => !readerSymbols.has(s)).sort();
  if (missing.length === 0) return NONE;
  return [
    incompatibility(
      {
        type: 'MISSING_ENUM_SYMBOLS',
        message: `[${missing.join(', ')}]`,
        description: `enum '${reader.name}' lacks the writer's symbol${missing.length > 1 ? 's' : ''} ${missing.join(', ')} and has no 'default' to read ${missing.length > 1 ? 'them' : 'it'} as`,
        readerPos: reader.pos,
        writerPos: writer.pos,
      },
      location,
      'symbols',
    ),
  ];
}

/** The common case of an evolved enum: the writer's symbols are the reader's, or the first of them. */
function startsWith(reader: readonly string[], writer: readonly string[]): boolean {
  if (writer.length > reader.length) return false;
  for (let i = 0; i < writer.length; i++) if (reader[i] !== writer[i]) return false;
  return true;
}
