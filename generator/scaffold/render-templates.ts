/**
 * Renders `templates/service/` (handlebars) into the files of a service folder. `handler.ts.hbs` is rendered once per
 * operation and `consumer.ts.hbs` once per consumed topic; `gitignore.hbs` becomes `.gitignore`. handlebars is
 * imported only here, so only `unilog new service` (or a regeneration that adds a stub) loads it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { posixRelative } from '../paths.js';
import { fileURLToPath } from 'node:url';
import type { OperationModel, ScaffoldModel } from './scaffold-model.js';

export interface ScaffoldFile {
  /** Relative to the service folder. */
  readonly path: string;
  readonly content: string;
}

type Render = (context: object) => string;

/** The unilog package folder: the nearest ancestor of this module that holds `templates/service`. */
export function unilogRoot(): string {
  let d = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(d, 'templates', 'service'))) {
    const up = dirname(d);
    if (up === d) throw new Error('templates/service not found beside the unilog package');
    d = up;
  }
  return d;
}

export function unilogVersion(root: string): string {
  return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
}

async function compileTemplates(): Promise<Map<string, Render>> {
  const { default: Handlebars } = await import('handlebars');
  const dir = join(unilogRoot(), 'templates', 'service');
  const out = new Map<string, Render>();
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.hbs')) {
        out.set(posixRelative(dir, p).slice(0, -'.hbs'.length), Handlebars.compile(readFileSync(p, 'utf8'), { noEscape: true }));
      }
    }
  };
  walk(dir);
  return out;
}

const HANDLER = 'src/handlers/handler.ts';
const CONSUMER = 'src/consumers/consumer.ts';

export async function renderService(model: ScaffoldModel): Promise<ScaffoldFile[]> {
  const templates = await compileTemplates();
  const files: ScaffoldFile[] = [];
  for (const [path, render] of templates) {
    if (path === HANDLER) for (const op of model.operations) files.push({ path: `src/handlers/${op.file}.ts`, content: render({ ...model, ...op }) });
    else if (path === CONSUMER) for (const c of model.consumes) files.push({ path: `src/consumers/${c.file}.ts`, content: render({ ...model, ...c }) });
    else files.push({ path: path === 'gitignore' ? '.gitignore' : path, content: render(model) });
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** The stub of one operation, as `unilog new service` writes it. */
export async function renderHandlerStub(model: Pick<ScaffoldModel, 'contractName' | 'contractPascal' | 'genFromSub'>, op: OperationModel): Promise<string> {
  const render = (await compileTemplates()).get(HANDLER);
  if (!render) throw new Error(`template ${HANDLER}.hbs is missing`);
  return render({ ...model, ...op });
}
