/**
 * Record fields (Avro spec §Schema Resolution, records), as Java's `checkReaderWriterRecordFields` does it: every reader
 * field is read from the writer field of the same name (or one of the reader field's aliases), or else needs a default.
 * Writer fields the reader does not know are skipped, so they never matter.
 */
import type { FieldNode, RecordNode } from '../ir.js';
import { incompatibility, index, type Location, type Sites } from './check-context.js';
import type { Incompatibility } from './incompatibility.js';
import type { TypeNode } from '../ir.js';

export type Visit = (reader: TypeNode, writer: TypeNode, location: Location, sites: Sites) => readonly Incompatibility[];

/**
 * The writer field a reader field reads: by name, else by the reader field's aliases. (Java throws when both the name
 * and an alias match different writer fields; we take the field of the same name, as Java's decoder does.)
 * `hint` is the reader field's index: evolved records mostly keep their order, so that guess usually hits.
 */
export function lookupWriterField(writer: RecordNode, readerField: FieldNode, hint = -1): FieldNode | undefined {
  const guess = writer.fields[hint];
  if (guess && guess.name === readerField.name) return guess;
  const byName = fieldIndex(writer);
  const direct = byName.get(readerField.name);
  if (direct) return direct;
  for (const alias of readerField.aliases) {
    const found = byName.get(alias);
    if (found) return found;
  }
  return undefined;
}

/** Fields by name, built once per record (a registry-sized history checks the same record many times). */
const indexes = new WeakMap<RecordNode, ReadonlyMap<string, FieldNode>>();
function fieldIndex(record: RecordNode): ReadonlyMap<string, FieldNode> {
  let byName = indexes.get(record);
  if (!byName || byName.size !== record.fields.length) {
    byName = new Map(record.fields.map((f) => [f.name, f]));
    indexes.set(record, byName);
  }
  return byName;
}

export function checkRecordFields(reader: RecordNode, writer: RecordNode, location: Location, visit: Visit): Incompatibility[] {
  const out: Incompatibility[] = [];
  location.push('fields');
  for (let i = 0; i < reader.fields.length; i++) {
    const readerField = reader.fields[i]!;
    location.push(index(i));
    const writerField = lookupWriterField(writer, readerField, i);
    if (writerField) {
      location.push('type');
      const found = visit(readerField.type, writerField.type, location, { reader: readerField.pos, writer: writerField.pos });
      location.pop();
      for (const f of found) out.push(f);
    } else if (readerField.default === undefined) {
      // Java, for a field whose type is an enum with its own default, compares that enum with the whole writer
      // record and reports a TYPE_MISMATCH; the verdict is the same, and this message says what is actually wrong.
      out.push(
        incompatibility(
          {
            type: 'READER_FIELD_MISSING_DEFAULT_VALUE',
            message: readerField.name,
            description: `field '${readerField.name}' of record '${reader.name}' is not in the writer's record '${writer.name}' and has no default`,
            readerPos: readerField.pos,
            writerPos: writer.pos,
          },
          location,
        ),
      );
    }
    location.pop();
  }
  location.pop();
  return out;
}
