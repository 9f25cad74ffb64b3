/**
 * `unilog new service <name> --joins J…` and the join part of `unilog generate`: a service folder that runs joins
 * (templates/join-service, handlebars), one user-owned stub per join, and later a stub for each join the declarations
 * give the service. A join service is marked by `unilog.joins.yaml` (not `unilog.service.yaml`: it has no contract).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { displayPath } from '../paths.js';
import { FieldReader, expectObject } from '../load/validate-object.js';
import { parseYamlWithPositions } from '../load/yaml-positions.js';
import { moduleSpecifier } from '../paths.js';
import { joinTypeName } from './emit-join-module.js';
import type { JoinSpec } from './join-spec.js';

export const JOINS_MARKER = 'unilog.joins.yaml';

export interface JoinStubModel {
  readonly name: string;
  readonly typeName: string;
  readonly fnName: string;
  readonly defId: string;
  readonly genFromSub: string;
  readonly table?: string;
  readonly stream?: string;
}

export function joinStubModel(j: JoinSpec, genFromSub: string): JoinStubModel {
  const Name = joinTypeName(j.name);
  const camel = `${Name[0]!.toLowerCase()}${Name.slice(1)}`;
  return {
    name: j.name, typeName: `${Name}Function`, fnName: camel, defId: `${camel}Join`, genFromSub,
    ...(j.kind === 'table-table' ? { table: j.table.name } : { stream: j.stream.name }),
  };
}

export interface JoinServiceModel {
  readonly name: string;
  readonly rootDir: string;
  readonly mainJs: string;
  readonly unilogDependency: string;
  readonly genFromSub: string;
  readonly joins: readonly JoinStubModel[];
}

export function joinServiceModel(input: { name: string; dir: string; out: string; joins: readonly JoinSpec[]; unilogRoot: string; unilogVersion: string }): JoinServiceModel {
  let root = input.dir;
  while (relative(root, input.out).startsWith('..') && dirname(root) !== root) root = dirname(root);
  const fromRoot = relative(root, input.dir).split(sep).join('/');
  const inside = !relative(input.unilogRoot, input.dir).startsWith('..');
  const genFromSub = moduleSpecifier(join(input.dir, 'src', 'joins'), input.out);
  return {
    name: input.name,
    rootDir: moduleSpecifier(input.dir, root),
    mainJs: `dist/${fromRoot ? `${fromRoot}/` : ''}src/main.js`,
    unilogDependency: inside ? `file:${moduleSpecifier(input.dir, input.unilogRoot)}` : `^${input.unilogVersion}`,
    genFromSub,
    joins: input.joins.map((j) => joinStubModel(j, genFromSub)),
  };
}

type Render = (context: object) => string;

async function templates(root: string): Promise<Map<string, Render>> {
  const { default: Handlebars } = await import('handlebars');
  const dir = join(root, 'templates', 'join-service');
  const out = new Map<string, Render>();
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.hbs')) out.set(relative(dir, p).split(sep).join('/').slice(0, -4), Handlebars.compile(readFileSync(p, 'utf8'), { noEscape: true }));
    }
  };
  walk(dir);
  return out;
}

const STUB = 'src/joins/join.ts';

export async function renderJoinService(model: JoinServiceModel, root: string): Promise<Array<{ path: string; content: string }>> {
  const files: Array<{ path: string; content: string }> = [];
  for (const [path, render] of await templates(root)) {
    if (path === STUB) for (const j of model.joins) files.push({ path: `src/joins/${j.name}.ts`, content: render(j) });
    else files.push({ path: path === 'gitignore' ? '.gitignore' : path, content: render(model) });
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : 1));
}

export interface JoinServiceSync {
  readonly diagnostics: Diagnostic[];
  readonly warnings: Diagnostic[];
  /** Join services lacking a stub, as `dir: join` lines for `generate --check`. */
  readonly missing: string[];
  apply(root: string): Promise<Array<{ file: string; change: 'added' | 'updated' }>>;
}

/**
 * For each join service under `services`: the joins it owns without a stub get one (file and index entry), and an
 * index entry whose join is no longer declared for it is an error (its code is the user's: never deleted).
 */
export function planJoinServices(serviceDirs: readonly string[], joins: readonly JoinSpec[], out: string): JoinServiceSync {
  const diagnostics: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];
  const work: Array<{ index: string; stub: JoinStubModel; dir: string }> = [];
  for (const dir of findJoinServices(serviceDirs)) {
    const marker = join(dir, JOINS_MARKER);
    const file = displayPath(marker);
    const parsed = parseYamlWithPositions(readFileSync(marker, 'utf8'), file);
    if (!parsed.ok) {
      diagnostics.push(...parsed.errors);
      continue;
    }
    const obj = expectObject(parsed.node, file, diagnostics);
    if (!obj) continue;
    const r = new FieldReader(obj, JOINS_MARKER, diagnostics);
    r.onlyKeys(['name', 'joins']);
    const name = r.string('name', { required: true });
    const joinsDir = join(dir, r.string('joins') ?? 'src/joins');
    if (name === undefined) continue;
    const index = join(joinsDir, 'index.ts');
    const text = existsSync(index) ? readFileSync(index, 'utf8') : '';
    const owned = joins.filter((j) => j.owner === name);
    const genFromSub = moduleSpecifier(joinsDir, out);
    for (const j of owned) {
      const stub = joinStubModel(j, genFromSub);
      if (!text.includes(`bindJoin(${stub.defId},`)) work.push({ index, stub, dir });
    }
    const lines = text.split('\n');
    lines.forEach((line, i) => {
      const m = /^\s*bindJoin\((\w+)Join,/.exec(line);
      if (m && !owned.some((j) => joinStubModel(j, genFromSub).defId === `${m[1]}Join`)) {
        // An error, not a warning, for the reason REMOVED_OPERATION is one (scaffold/sync-handlers.ts): generating
        // would remove the join's bindings from under this entry.
        diagnostics.push(diagnostic({ file: displayPath(index), line: i + 1, col: line.indexOf('bindJoin') + 1 }, 'JOIN_STUB_ORPHANED',
          `${name} runs a join ${m[1]}Join that schemas/joins.yaml no longer gives it: remove this entry, its imports and its function file, or restore the declaration (owner ${name})`));
      }
    });
  }
  return {
    diagnostics,
    warnings,
    missing: work.map((w) => `${displayPath(w.dir)}: no stub for join '${w.stub.name}'`),
    async apply(root) {
      const changes: Array<{ file: string; change: 'added' | 'updated' }> = [];
      // Handlebars loads only when a stub is written.
      if (work.length === 0) return changes;
      const render = (await templates(root)).get(STUB)!;
      for (const w of work) {
        const stubFile = join(dirname(w.index), `${w.stub.name}.ts`);
        if (!existsSync(stubFile)) {
          writeFileSync(stubFile, render(w.stub));
          changes.push({ file: stubFile, change: 'added' });
        }
        writeFileSync(w.index, addEntry(readFileSync(w.index, 'utf8'), w.stub));
        changes.push({ file: w.index, change: 'updated' });
      }
      return changes;
    },
  };
}

/** Inserts the two imports after the last import and the entry at the end of the `joins` list. */
function addEntry(text: string, stub: JoinStubModel): string {
  const lines = text.split('\n');
  const lastImport = lines.reduce((at, l, i) => (l.startsWith('import ') ? i : at), -1);
  lines.splice(lastImport + 1, 0, `import { ${stub.defId} } from '${stub.genFromSub}/joins/${stub.name}.js';`, `import { ${stub.fnName} } from './${stub.name}.js';`);
  const end = lines.findIndex((l, i) => l.startsWith('];') && lines.slice(0, i).some((x) => x.startsWith('export const joins')));
  lines.splice(end, 0, `  bindJoin(${stub.defId}, ${stub.fnName}),`);
  return lines.join('\n');
}

export function findJoinServices(serviceDirs: readonly string[]): string[] {
  const out: string[] = [];
  for (const d of serviceDirs) {
    if (!existsSync(d)) continue;
    if (existsSync(join(d, JOINS_MARKER))) out.push(d);
    else for (const e of readdirSync(d, { withFileTypes: true })) if (e.isDirectory() && existsSync(join(d, e.name, JOINS_MARKER))) out.push(join(d, e.name));
  }
  return out.sort();
}
