/**
 * The keys under which generated text may be reused from the last run (output/emit-cache.ts): hashes of everything
 * the text is computed from. A namespace module is written in parts, one per schema file defining its types (a run of
 * the module's types); a part's key is a digest of the type mapping, runtime import and module, then the deep digest
 * of its file: the file's name, its text's SHA-1 and each of its types' full name and generated names (and so module),
 * and the same of every file it refers to by name, and of the files those refer to, and so on. Which of the file's
 * types are in the part, and in what order, follows from the file's entry.
 *
 * Why that is enough: a type's node is built from its own file's text, apart from the types its references resolve
 * to, whose files are taken in too; a part prints the names of its own types and of the types they refer to, all
 * defined in those files, and reads nothing else of a type but its node. Every reference made anywhere in a file
 * counts, so a key may take in a file the part does not need, but never leaves one out. The generator's own code is
 * not in a key: the whole record is dropped when it changes.
 *
 * The codec map and the index print only every named type's full name and generated names, in order, and the
 * topics' constants: their key is just that.
 */
import { sha1Hex as sha1 } from '../digest.js';
import type { SchemaSet } from '../ir.js';
import type { EmitContext } from './context.js';

export interface ModuleKeys {
  /** The key of the part of `module` that `file` defines. Undefined when a file the part depends on has no digest
   * (schema text given in memory): never reused. */
  partKey(module: string, file: string): string | undefined;
  /** The key of the codec map and the index. */
  indexKey(topicIds: readonly string[]): string;
}

export function moduleKeys(set: SchemaSet, ctx: EmitContext): ModuleKeys {
  // The names chosen for each type, as the keys print them (the index's key takes every type's).
  const named: string[] = [];
  const defines = new Map<string, string[]>(set.files.map((f) => [f.file, []]));
  for (const n of set.named.values()) {
    const entry = JSON.stringify([n.name, ctx.names.get(n)]);
    named.push(entry);
    defines.get(n.pos.file)?.push(entry);
  }
  const files = new Map(set.files.map((f) => [f.file, f]));
  const sources = new Map(set.files.map((f) => [f.file, JSON.stringify(ctx.sourceName(f.file))]));
  const entryOf = (name: string): string | undefined => {
    const digest = files.get(name)?.digest;
    return digest === undefined ? undefined : `${sources.get(name)} ${digest} ${defines.get(name)!.join(' ')}`;
  };
  const deep = deepDigests(set.files.map((f) => f.file), (name) => files.get(name)?.refersTo ?? NONE, entryOf);
  // A part's types are those of its file in its module, in order: the file's entry names each type's module.
  const heads = new Map<string, string>();
  const head = (module: string): string => {
    let h = heads.get(module);
    if (h === undefined) heads.set(module, (h = sha1(JSON.stringify({ module, mapping: ctx.mapping, runtimeImport: ctx.runtimeImport }))));
    return h;
  };
  return {
    partKey(module, file) {
      const d = deep.get(file);
      // Files that refer to each other share a deep digest: the file's own name tells their parts apart.
      return d === undefined ? undefined : `${head(module)}${d}${sources.get(file)}`;
    },
    indexKey(topicIds) {
      return sha1(`${JSON.stringify({ runtimeImport: ctx.runtimeImport, topicIds })}\n${named.join('\n')}`);
    },
  };
}

const NONE: ReadonlySet<string> = new Set();

/**
 * For each file, a digest of its own entry and of every file it reaches through `refersTo`. Files that refer to each
 * other in a cycle (a strongly connected component, found with Tarjan's algorithm) share one digest of all their
 * entries, which also takes in the digests of the components they refer to: Tarjan finishes those first. Undefined
 * for a file that reaches one without an entry. Linear in files and references, however many modules there are.
 */
function deepDigests(
  files: readonly string[],
  refersTo: (file: string) => ReadonlySet<string>,
  entryOf: (file: string) => string | undefined,
): Map<string, string | undefined> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out = new Map<string, string | undefined>();
  const finishComponent = (root: string): void => {
    const members: string[] = [];
    for (;;) {
      const f = stack.pop()!;
      onStack.delete(f);
      members.push(f);
      if (f === root) break;
    }
    const own = new Set(members);
    const parts: string[] = [];
    let complete = true;
    for (const f of members) {
      const entry = entryOf(f);
      if (entry === undefined) complete = false;
      else parts.push(entry);
      for (const r of refersTo(f)) {
        if (own.has(r)) continue;
        const d = out.get(r);
        if (d === undefined) complete = false;
        else parts.push(d);
      }
    }
    const digest = complete ? sha1(parts.sort().join('\n')) : undefined;
    for (const f of members) out.set(f, digest);
  };
  // Depth-first without recursion: a long chain of files must not exhaust the call stack.
  const work: Array<{ file: string; next: Iterator<string> }> = [];
  const visit = (file: string): void => {
    index.set(file, index.size);
    low.set(file, index.get(file)!);
    stack.push(file);
    onStack.add(file);
    work.push({ file, next: refersTo(file)[Symbol.iterator]() });
  };
  for (const start of files) {
    if (index.has(start)) continue;
    visit(start);
    while (work.length > 0) {
      const top = work[work.length - 1]!;
      const step = top.next.next();
      if (!step.done) {
        const r = step.value;
        if (!index.has(r)) visit(r);
        else if (onStack.has(r)) low.set(top.file, Math.min(low.get(top.file)!, index.get(r)!));
        continue;
      }
      work.pop();
      if (low.get(top.file) === index.get(top.file)) finishComponent(top.file);
      const parent = work[work.length - 1];
      if (parent) low.set(parent.file, Math.min(low.get(parent.file)!, low.get(top.file)!));
    }
  }
  return out;
}
