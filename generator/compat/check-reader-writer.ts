/**
 * Can `reader` decode everything written with `writer`? Avro spec §Schema Resolution, as the Apache Avro Java reference
 * implements it (`SchemaCompatibility.checkReaderWriterCompatibility`): the same incompatibilities, in the same order,
 * at the same JSON-pointer locations. Recursive types terminate through a memo of (reader, writer) node pairs; a pair
 * met again while still being checked counts as compatible ("compatible unless proven otherwise"), and a pair met
 * again later returns its first result unchanged, locations included, exactly as Java does.
 */
import type { TypeNode } from '../ir.js';
import {
  at, IN_PROGRESS, incompatibility, ROOT, siteOf, type Location, type Memo, type Sites,
} from './check-context.js';
import { checkEnumSymbols, checkFixedSize, checkNames } from './check-named.js';
import { checkRecordFields } from './check-record-fields.js';
import {
  describeType, javaTypeName, type CompatibilityResult, type Incompatibility,
} from './incompatibility.js';

export function checkReaderWriter(reader: TypeNode, writer: TypeNode): CompatibilityResult {
  const memo: Memo = new Map();
  const visit = (r: TypeNode, w: TypeNode, location: Location | null, sites: Sites): readonly Incompatibility[] => {
    let byReader = memo.get(r);
    if (!byReader) memo.set(r, (byReader = new Map()));
    const known = byReader.get(w);
    if (known !== undefined) return known === IN_PROGRESS ? [] : known;
    byReader.set(w, IN_PROGRESS);
    const result = calculate(r, w, location, sites);
    byReader.set(w, result);
    return result;
  };

  /** Primitive promotions a reader applies to a writer of another type (spec §Schema Resolution). */
  const promotes = (r: TypeNode, w: TypeNode): boolean => {
    if (r.kind !== 'primitive' || w.kind !== 'primitive') return false;
    switch (r.type) {
      case 'long':
        return w.type === 'int';
      case 'float':
        return w.type === 'int' || w.type === 'long';
      case 'double':
        return w.type === 'int' || w.type === 'long' || w.type === 'float';
      case 'bytes':
        return w.type === 'string';
      case 'string':
        return w.type === 'bytes';
      default:
        return false;
    }
  };

  const typeMismatch = (r: TypeNode, w: TypeNode, location: Location | null, sites: Sites): Incompatibility =>
    incompatibility(
      {
        type: 'TYPE_MISMATCH',
        message: `reader type: ${javaTypeName(r)} not compatible with writer type: ${javaTypeName(w)}`,
        description: `${describeType(r)} cannot read the writer's ${describeType(w)}`,
        readerPos: siteOf(r, sites.reader),
        writerPos: siteOf(w, sites.writer),
      },
      location,
    );

  const missingBranch = (r: TypeNode, w: TypeNode, location: Location | null, sites: Sites): Incompatibility =>
    incompatibility(
      {
        type: 'MISSING_UNION_BRANCH',
        message: `reader union lacking writer type: ${javaTypeName(w)}`,
        description: `no branch of the union can read the writer's ${describeType(w)}`,
        readerPos: siteOf(r, sites.reader),
        writerPos: siteOf(w, sites.writer),
      },
      location,
    );

  const calculate = (r: TypeNode, w: TypeNode, location: Location | null, sites: Sites): readonly Incompatibility[] => {
    if (javaTypeName(r) === javaTypeName(w)) {
      switch (r.kind) {
        case 'primitive':
          return [];
        case 'array':
          return visit(r.items, (w as typeof r).items, at(location, 'items'), sites);
        case 'map':
          return visit(r.values, (w as typeof r).values, at(location, 'values'), sites);
        case 'fixed':
          return [...checkNames(r, w as typeof r, location), ...checkFixedSize(r, w as typeof r, location)];
        case 'enum':
          return [...checkNames(r, w as typeof r, location), ...checkEnumSymbols(r, w as typeof r, location)];
        case 'record':
          return [...checkNames(r, w as typeof r, location), ...checkRecordFields(r, w as typeof r, location, visit)];
        case 'union': {
          // Every writer branch must be readable by the reader union. Java checks each branch from a fresh root
          // location and reports only the missing branch, at the branch's index.
          const out: Incompatibility[] = [];
          (w as typeof r).branches.forEach((branch, i) => {
            if (visit(r, branch, ROOT, sites).length > 0) out.push(missingBranch(r, branch, at(location, String(i)), sites));
          });
          return out;
        }
      }
    }
    // A writer union: the reader must read each of its branches.
    if (w.kind === 'union') {
      const out: Incompatibility[] = [];
      w.branches.forEach((branch, i) => out.push(...visit(r, branch, at(location, String(i)), sites)));
      return out;
    }
    // A reader union reads a writer of another type when one of its branches does (first match wins in decoding).
    if (r.kind === 'union') {
      for (const branch of r.branches) if (visit(branch, w, ROOT, sites).length === 0) return [];
      return [missingBranch(r, w, location, sites)];
    }
    return promotes(r, w) ? [] : [typeMismatch(r, w, location, sites)];
  };

  const incompatibilities = visit(reader, writer, ROOT, {});
  return { compatible: incompatibilities.length === 0, incompatibilities };
}
