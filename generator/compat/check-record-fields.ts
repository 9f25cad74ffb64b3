/**
 * Record fields (Avro spec §Schema Resolution, records), as Java's `checkReaderWriterRecordFields` does it: every reader
 * field is read from the writer field of the same name (or one of the reader field's aliases), or else needs a default.
 * Writer fields the reader does not know are skipped, so they never matter.
 */
import type { FieldNode, RecordNode } from '../ir.js';
import { at, incompatibility, type Location, type Sites } from './check-context.js';
import type { Incompatibility } from './incompatibility.js';
import type { TypeNode } from '../ir.js';

export type Visit = (reader: TypeNode, writer: TypeNode, location: Location | null, sites: Sites) => readonly Incompatibility[];

/**
 * The writer field a reader field reads: by name, else by the reader field's aliases. (Java throws when both the name
 * and an alias match different writer fields; we take the field of the same name, as Java's decoder does.)
 */
export function lookupWriterField(writer: RecordNode, readerField: FieldNode): FieldNode | undefined {
  const direct = writer.fields.find((f) => f.name === readerField.name);
  if (direct) return direct;
  for (const alias of readerField.aliases) {
    const found = writer.fields.find((f) => f.name === alias);
    if (found) return found;
  }
  return undefined;
}

export function checkRecordFields(reader: RecordNode, writer: RecordNode, location: Location | null, visit: Visit): Incompatibility[] {
  const out: Incompatibility[] = [];
  const fields = at(location, 'fields');
  reader.fields.forEach((readerField, i) => {
    const here = at(fields, String(i));
    const writerField = lookupWriterField(writer, readerField);
    if (writerField) {
      out.push(...visit(readerField.type, writerField.type, at(here, 'type'), { reader: readerField.pos, writer: writerField.pos }));
      return;
    }
    // Java, for a field whose type is an enum with its own default, compares that enum with the whole writer record
    // and reports a TYPE_MISMATCH; the verdict is the same, and this message says what is actually wrong.
    if (readerField.default === undefined) {
      out.push(
        incompatibility(
          {
            type: 'READER_FIELD_MISSING_DEFAULT_VALUE',
            message: readerField.name,
            description: `field '${readerField.name}' of record '${reader.name}' is not in the writer's record '${writer.name}' and has no default`,
            readerPos: readerField.pos,
            writerPos: writer.pos,
          },
          here,
        ),
      );
    }
  });
  return out;
}
