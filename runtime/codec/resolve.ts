/**
 * Schema resolution (Avro specification, "Schema Resolution", as the Java reference decodes): read data written with
 * the writer schema as values of the reader schema. Promotions int→long→float→double and string↔bytes; records
 * matched field by field by name or reader field alias (writer-only fields skipped, reader-only fields take their
 * default); enum symbols missing from the reader take the reader's default; a writer union branch resolves to the
 * first matching reader branch; named types match by unqualified name or reader alias (namespaces ignored).
 *
 * Whatever cannot resolve throws INCOMPATIBLE_SCHEMA when the resolver is built, except where the Java reference
 * only fails on data that needs it: a writer union branch or enum symbol the reader cannot take fails when decoded.
 */
import { CodecError, withSegment } from './errors.js';
import { arrayDecoder, mapDecoder } from './compile-collections.js';
import { setProp } from './compiled-type.js';
import type { Compiler } from './compile.js';
import type { DecodeFn } from './compiled-type.js';
import { encodeDefault } from './defaults.js';
import { shortNameOf } from './names.js';
import { isNamed, type EnumNode, type NamedNode, type Node, type RecordNode } from './nodes.js';
import { Reader } from './reader.js';
import { compileSkipper, type SkipFn } from './skip.js';

function incompatible(path: string, reason: string): CodecError {
  return new CodecError('INCOMPATIBLE_SCHEMA', reason, { path });
}

function label(node: Node): string {
  return isNamed(node) ? `${node.kind} ${node.fullName}` : node.kind;
}

function namesMatch(w: NamedNode, r: NamedNode): boolean {
  const ws = shortNameOf(w.fullName);
  return shortNameOf(r.fullName) === ws || r.aliases.some((a) => shortNameOf(a) === ws);
}

const PROMOTIONS: Readonly<Record<string, readonly string[]>> = {
  int: ['long', 'float', 'double'],
  long: ['float', 'double'],
  float: ['double'],
  string: ['bytes'],
  bytes: ['string'],
};

/** The reader union branch a (non-union) writer type resolves to, or -1. */
function readerBranch(w: Node, branches: readonly Node[]): number {
  const wn = isNamed(w) ? w : undefined;
  let j = branches.findIndex((b) => b.kind === w.kind && (!wn || (b as NamedNode).fullName === wn.fullName));
  if (j < 0 && wn) j = branches.findIndex((b) => b.kind === w.kind && namesMatch(wn, b as NamedNode));
  if (j < 0) j = branches.findIndex((b) => PROMOTIONS[w.kind]?.includes(b.kind));
  return j;
}

export class Resolution {
  private readonly memo = new Map<Node, Map<Node, { fn: DecodeFn }>>();
  private readonly skips = new Map<Node, { fn: SkipFn }>();

  constructor(private readonly reader: Compiler) {}

  resolve(w: Node, r: Node, path: string): DecodeFn {
    if (w.kind === 'union') return this.writerUnion(w.branches, r, path);
    if (r.kind === 'union') return this.readerUnion(w, r, path);
    if (isNamed(w) && isNamed(r)) {
      const byReader = this.memo.get(w) ?? new Map<Node, { fn: DecodeFn }>();
      this.memo.set(w, byReader);
      const hit = byReader.get(r);
      if (hit) return (rd) => hit.fn(rd);
      const holder = { fn: (() => undefined) as DecodeFn };
      byReader.set(r, holder);
      try {
        holder.fn = this.named(w, r, path);
      } catch (e) {
        if (!(e instanceof CodecError)) throw e;
        // Not remembered, so the next use of the pair (another field's writer union) fails again instead of getting
        // the placeholder, which read nothing and left the bytes to the next field. Decoders already handed the holder
        // (recursive references) fail when they reach it.
        byReader.delete(r);
        holder.fn = () => {
          throw new CodecError(e.code, e.detail);
        };
        throw e;
      }
      return holder.fn;
    }
    return this.other(w, r, path);
  }

  private writerUnion(branches: readonly Node[], r: Node, path: string): DecodeFn {
    const errors: CodecError[] = [];
    const fns = branches.map((b): DecodeFn => {
      try {
        return this.resolve(b, r, path);
      } catch (e) {
        if (!(e instanceof CodecError) || e.code !== 'INCOMPATIBLE_SCHEMA') throw e;
        errors.push(e);
        return () => {
          throw new CodecError(e.code, e.detail);
        };
      }
    });
    if (branches.length > 0 && errors.length === branches.length) throw errors[0]!;
    return (rd) => {
      const i = rd.readLong();
      const fn = fns[i];
      if (!fn) throw new CodecError('INVALID_ENCODING', `union branch index ${i} out of range (${fns.length} branches)`);
      return fn(rd);
    };
  }

  private readerUnion(w: Node, r: Extract<Node, { kind: 'union' }>, path: string): DecodeFn {
    const j = readerBranch(w, r.branches);
    if (j < 0) {
      throw incompatible(path, `writer type ${label(w)} matches no branch of the reader union [${r.branches.map(label).join(', ')}]`);
    }
    const target = r.branches[j]!;
    const inner = this.resolve(w, target, path);
    const { wrapped, names } = this.reader.unionShape(r);
    if (!wrapped || target.kind === 'null') return inner;
    const name = names[j]!;
    return (rd) => ({ [name]: inner(rd) });
  }

  private named(w: NamedNode, r: NamedNode, path: string): DecodeFn {
    if (w.kind !== r.kind) throw incompatible(path, `writer type ${label(w)} cannot be read as ${label(r)}`);
    if (!namesMatch(w, r)) {
      throw incompatible(path, `writer ${label(w)} does not match reader ${label(r)} by unqualified name or reader alias`);
    }
    if (w.kind === 'fixed' && r.kind === 'fixed') {
      if (w.size !== r.size) throw incompatible(path, `fixed ${w.fullName} has size ${w.size} in the writer, ${r.size} in the reader`);
      return this.reader.get(r).decode;
    }
    if (w.kind === 'enum' && r.kind === 'enum') return this.enumeration(w, r);
    return this.record(w as RecordNode, r as RecordNode, path);
  }

  private enumeration(w: EnumNode, r: EnumNode): DecodeFn {
    const rs = new Set(r.symbols);
    const table = w.symbols.map((s) => (rs.has(s) ? s : r.default));
    return (rd) => {
      const i = rd.readInt();
      const s = table[i];
      if (s !== undefined) return s;
      if (i < 0 || i >= table.length) throw new CodecError('INVALID_ENCODING', `enum index ${i} out of range for ${w.fullName}`);
      throw new CodecError(
        'INCOMPATIBLE_SCHEMA',
        `writer symbol ${w.symbols[i]} of ${w.fullName} is not a symbol of reader enum ${r.fullName}, which has no default`,
      );
    };
  }

  private record(w: RecordNode, r: RecordNode, path: string): DecodeFn {
    const names = r.fields.map((f) => f.name);
    const steps: { k: number; read: DecodeFn | undefined; skip: SkipFn | undefined; seg: string }[] = [];
    const matched = new Set<number>();
    for (const wf of w.fields) {
      let k = r.fields.findIndex((rf) => rf.name === wf.name);
      if (k < 0) k = r.fields.findIndex((rf) => rf.aliases.includes(wf.name));
      if (k < 0 || matched.has(k)) {
        steps.push({ k: -1, read: undefined, skip: compileSkipper(wf.type, this.skips), seg: `.${wf.name}` });
        continue;
      }
      matched.add(k);
      const rf = r.fields[k]!;
      steps.push({ k, read: this.resolve(wf.type, rf.type, `${path}.${rf.name}`), skip: undefined, seg: `.${rf.name}` });
    }
    const defaults: { k: number; value: () => unknown }[] = [];
    r.fields.forEach((rf, k) => {
      if (matched.has(k)) return;
      if (!rf.hasDefault) {
        throw incompatible(path, `reader field ${rf.name} of ${r.fullName} is missing from writer ${w.fullName} and has no default`);
      }
      const bytes = encodeDefault(rf.type, rf.default, `${r.fullName}.${rf.name}`);
      const t = this.reader.get(rf.type);
      const own = new Reader();
      defaults.push({ k, value: () => t.decode(own.reset(bytes, 0)) });
    });
    const n = names.length;
    return (rd) => {
      const values = new Array<unknown>(n);
      let s = 0;
      try {
        for (; s < steps.length; s++) {
          const step = steps[s]!;
          if (step.read) values[step.k] = step.read(rd);
          else step.skip!(rd);
        }
      } catch (e) {
        throw withSegment(e, steps[s]?.seg ?? '');
      }
      for (const d of defaults) values[d.k] = d.value();
      const o: Record<string, unknown> = {};
      for (let k = 0; k < n; k++) setProp(o, names[k]!, values[k]);
      return o;
    };
  }

  private other(w: Node, r: Node, path: string): DecodeFn {
    if (w.kind === r.kind) {
      if (w.kind === 'array' && r.kind === 'array') return arrayDecoder({ decode: this.resolve(w.items, r.items, `${path}[]`) });
      if (w.kind === 'map' && r.kind === 'map') return mapDecoder({ decode: this.resolve(w.values, r.values, `${path}{}`) });
      return this.reader.get(r).decode;
    }
    switch (`${w.kind}>${r.kind}`) {
      case 'int>long': // same varint
      case 'string>bytes': // same length-prefixed bytes
      case 'bytes>string':
        return this.reader.get(r).decode;
      case 'int>float':
        return (rd) => Math.fround(rd.readInt());
      case 'int>double':
        return (rd) => rd.readInt();
      case 'long>float':
        return (rd) => Math.fround(rd.readLongApprox());
      case 'long>double':
        return (rd) => rd.readLongApprox();
      case 'float>double':
        return (rd) => rd.readFloat();
    }
    throw incompatible(path, `writer type ${label(w)} cannot be read as ${label(r)}`);
  }
}
