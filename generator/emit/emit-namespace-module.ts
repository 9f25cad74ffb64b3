/**
 * One module per Avro namespace: every named type of the namespace with its codec. The module is written in parts,
 * one per schema file defining its types (module-key.ts), so that after an edit to one schema the parts of the other
 * files are taken from the last run's module as they are, with the imports they need (output/emit-cache.ts).
 */
import { sha1Hex } from '../digest.js';
import type { NamedNode } from '../ir.js';
import { ModuleImports, type EmitContext } from './context.js';
import { emitEnum } from './emit-enum.js';
import { emitFixed } from './emit-fixed.js';
import { emitRecord } from './emit-record.js';
import type { ModuleKeys } from './module-key.js';
import { header, importPath } from '../output/header.js';
import { reusedFile, type ReusableFile } from '../output/emit-cache.js';
import type { GeneratedFile, ReusablePart } from '../output/generated-file.js';

export interface ModuleReuse {
  readonly keys: ModuleKeys;
  /** The module as the last run wrote it, if it is still on disk unchanged. */
  readonly last: ReusableFile | undefined;
}

export function emitNamespaceModule(module: string, nodes: readonly NamedNode[], ctx: EmitContext, reuse?: ModuleReuse): GeneratedFile {
  const path = `${module}.ts`;
  // The parts: runs of types from one file (a file's types are consecutive, in the order the graph lists them).
  const runs: NamedNode[][] = [];
  for (const n of nodes) {
    const run = runs[runs.length - 1];
    if (run && run[0]!.pos.file === n.pos.file) run.push(n);
    else runs.push([n]);
  }
  // A key names one part of the module; should a file ever give two runs, neither is reused.
  const found = runs.map((run) => reuse?.keys.partKey(module, run[0]!.pos.file));
  const count = new Map<string | undefined, number>();
  for (const k of found) count.set(k, (count.get(k) ?? 0) + 1);
  const keys = found.map((k) => (count.get(k) === 1 ? k : undefined));
  const complete = keys.every((k) => k !== undefined);
  const moduleKey = complete ? sha1Hex(keys.join('\n')) : undefined;
  if (moduleKey !== undefined && reuse?.last?.key === moduleKey) return reusedFile(path, reuse.last);

  const lastParts = new Map<string, ReusablePart>();
  for (const p of reuse?.last?.parts ?? []) lastParts.set(p.key, p);
  const imports = new ModuleImports(module);
  // The body's lines, a blank line between two types, joined once with the header below; each part's place in the
  // content is counted as its lines go in (a line and its newline), so that the next run can find it again.
  const body: string[] = [];
  const places: Array<{ start: number; end: number; needs: readonly (readonly string[])[] }> = [];
  let at = 0;
  const add = (line: string): void => {
    body.push(line);
    at += line.length + 1;
  };
  runs.forEach((run, i) => {
    if (i > 0) add('');
    const start = at;
    const last = keys[i] === undefined ? undefined : lastParts.get(keys[i]!);
    if (last) {
      add(reuse!.last!.text().slice(last.start, last.end));
      for (const [to, alias, kind] of last.needs) imports.ref(to!, alias!, kind === 'value' ? 'value' : 'type');
      places.push({ start, end: at - 1, needs: last.needs });
      return;
    }
    // A part's own imports, recorded so that a later run can reuse its text without emitting it.
    const own = new ModuleImports(module);
    run.forEach((n, j) => {
      if (j > 0) add('');
      const block = n.kind === 'record' ? emitRecord(n, ctx, own) : n.kind === 'enum' ? emitEnum(n, ctx) : emitFixed(n, ctx);
      for (let k = 0; k < block.length; k++) add(block[k]!);
    });
    const used = own.used();
    for (const [to, alias, kind] of used) imports.ref(to, alias, kind);
    places.push({ start, end: at - 1, needs: used });
  });
  const sources = new Set<string>();
  for (const n of nodes) sources.add(n.pos.file);
  const head = [
    ...header([...sources].map(ctx.sourceName)),
    `import * as $rt from '${ctx.runtimeImport}';`,
    `import { codecOptions as $options } from '${importPath(module, 'codec-options')}';`,
    `import { namedSchema as $named } from '${importPath(module, 'codecs')}';`,
    ...imports.render((to) => importPath(module, to)),
    '',
  ];
  const bodyStart = head.join('\n').length + 1;
  const content = head.concat(body, '').join('\n');
  const parts: ReusablePart[] = [];
  places.forEach((p, i) => {
    if (keys[i] !== undefined) parts.push({ key: keys[i]!, start: bodyStart + p.start, end: bodyStart + p.end, needs: p.needs });
  });
  return { path, content, ...(moduleKey === undefined ? {} : { reuse: { key: moduleKey, reused: false, parts } }) };
}
