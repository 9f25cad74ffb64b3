/**
 * Can `reader` decode everything written with `writer`? Avro spec §Schema Resolution, as the Apache Avro Java reference
 * implements it (`SchemaCompatibility.checkReaderWriterCompatibility`): the same incompatibilities, in the same order,
 * at the same JSON-pointer locations. Recursive types terminate through a memo of (reader, writer) node pairs; a pair
 * met again while still being checked counts as compatible ("compatible unless proven otherwise"), and a pair met
 * again later returns its first result unchanged, locations included, exactly as Java does.
 */
import { isNamed, type TypeNode } from '../ir.js';
import {
  IN_PROGRESS, incompatibility, index, siteOf, type Location, type Memo, type Sites,
} from './check-context.js';
import { checkEnumSymbols, checkFixedSize, checkNames } from './check-named.js';
import { checkRecordFields } from './check-record-fields.js';
import {
  describeType, javaTypeName, type CompatibilityResult, type Incompatibility,
} from './incompatibility.js';

const NONE: readonly Incompatibility[] = Object.freeze([]);

/** Java's `Schema.Type` equality: the same kind, and for primitives the same primitive. */
function sameType(r: TypeNode, w: TypeNode): boolean {
  return r.kind === w.kind && (r.kind !== 'primitive' || r.type === (w as typeof r).type);
}

function join(a: readonly Incompatibility[], b: readonly Incompatibility[]): readonly Incompatibility[] {
  return b.length === 0 ? a : a.length === 0 ? b : [...a, ...b];
}

export function checkReaderWriter(reader: TypeNode, writer: TypeNode): CompatibilityResult {
  const memo: Memo = new Map();
  const visit = (r: TypeNode, w: TypeNode, location: Location, sites: Sites): readonly Incompatibility[] => {
    // Only pairs with a named side are memoised: every cycle passes through a named type, and a pair of anonymous
    // nodes (a primitive, array, map or union written in place) is met at most once per pair of enclosing named types.
    if (!isNamed(r) && !isNamed(w)) return calculate(r, w, location, sites);
    let byReader = memo.get(r);
    if (!byReader) memo.set(r, (byReader = new Map()));
    const known = byReader.get(w);
    if (known === IN_PROGRESS) return NONE;
    if (known !== undefined && 'build' in known) {
      const built = known.build();
      byReader.set(w, built);
      return built;
    }
    if (known !== undefined) return known;
    byReader.set(w, IN_PROGRESS);
    const result = calculate(r, w, location, sites);
    byReader.set(w, result);
    return result;
  };

  const defer = (r: TypeNode, w: TypeNode, build: () => readonly Incompatibility[]): void => {
    let byReader = memo.get(r);
    if (!byReader) memo.set(r, (byReader = new Map()));
    if (!byReader.has(w)) byReader.set(w, { build });
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

  const typeMismatch = (r: TypeNode, w: TypeNode, location: Location, sites: Sites): Incompatibility =>
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

  const missingBranch = (r: TypeNode, w: TypeNode, location: Location, sites: Sites, token?: string): Incompatibility =>
    incompatibility(
      {
        type: 'MISSING_UNION_BRANCH',
        message: `reader union lacking writer type: ${javaTypeName(w)}`,
        description: `no branch of the union can read the writer's ${describeType(w)}`,
        readerPos: siteOf(r, sites.reader),
        writerPos: siteOf(w, sites.writer),
      },
      location,
      token,
    );

  const calculate = (r: TypeNode, w: TypeNode, location: Location, sites: Sites): readonly Incompatibility[] => {
    if (sameType(r, w)) {
      switch (r.kind) {
        case 'primitive':
          return NONE;
        case 'array': {
          location.push('items');
          const found = visit(r.items, (w as typeof r).items, location, sites);
          location.pop();
          return found;
        }
        case 'map': {
          location.push('values');
          const found = visit(r.values, (w as typeof r).values, location, sites);
          location.pop();
          return found;
        }
        case 'fixed':
          return join(checkNames(r, w as typeof r, location), checkFixedSize(r, w as typeof r, location));
        case 'enum':
          return join(checkNames(r, w as typeof r, location), checkEnumSymbols(r, w as typeof r, location));
        case 'record':
          return join(checkNames(r, w as typeof r, location), checkRecordFields(r, w as typeof r, location, visit));
        case 'union': {
          // Every writer branch must be readable by the reader union. Java checks each branch from a fresh root
          // location and reports only the missing branch, at the branch's index.
          let out = NONE;
          const branches = (w as typeof r).branches;
          for (let i = 0; i < branches.length; i++) {
            const branch = branches[i]!;
            if (visit(r, branch, [], sites).length > 0) out = join(out, [missingBranch(r, branch, location, sites, index(i))]);
          }
          return out;
        }
      }
    }
    // A writer union: the reader must read each of its branches.
    if (w.kind === 'union') {
      let out = NONE;
      for (let i = 0; i < w.branches.length; i++) {
        location.push(index(i));
        out = join(out, visit(r, w.branches[i]!, location, sites));
        location.pop();
      }
      return out;
    }
    // A reader union reads a writer of another type when one of its branches does (first match wins in decoding).
    if (r.kind === 'union') {
      for (const branch of r.branches) {
        // A probe of types that differ (and do not promote) can only fail with a TYPE_MISMATCH at the probe's fresh
        // root, which is thrown away: skip building it. With a named side Java memoises that result, location
        // included, for the next time the pair is met, so it is memoised here too, to be built only then.
        // A primitive of the same type, or one that promotes, reads `w` outright.
        if (!sameType(branch, w) && !promotes(branch, w)) {
          if (isNamed(branch) || isNamed(w)) defer(branch, w, () => [typeMismatch(branch, w, [], sites)]);
          continue;
        }
        if (branch.kind === 'primitive' && w.kind === 'primitive') return NONE;
        if (visit(branch, w, [], sites).length === 0) return NONE;
      }
      return [missingBranch(r, w, location, sites)];
    }
    return promotes(r, w) ? NONE : [typeMismatch(r, w, location, sites)];
  };

  const incompatibilities = visit(reader, writer, [], {});
  return { compatible: incompatibilities.length === 0, incompatibilities };
}
