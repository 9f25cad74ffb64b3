/**
 * The joins step of `unilog generate`: reads `joins.yaml` beside the topic catalog (when there is one), validates it
 * and emits one module per join. One exported function, so the generate pipeline adds it with one line.
 */
import { existsSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import type { Catalog } from '../catalog/catalog.js';
import type { UnilogConfig } from '../config/load-config.js';
import type { Diagnostic } from '../diagnostics.js';
import { allocateNames } from '../emit/allocate-names.js';
import type { EmitContext } from '../emit/context.js';
import type { Emitter } from '../output/generated-file.js';
import type { SchemaSet } from '../ir.js';
import { relativePath, resolvePath } from '../paths.js';
import { emitJoinModule } from './emit-join-module.js';
import type { JoinDeclarations } from './join-spec.js';
import { loadJoins } from './load-joins.js';

/** Where the join declarations live: `joins.yaml` in the catalog's folder. */
export function joinsFile(config: Pick<UnilogConfig, 'catalog'>): string {
  return join(dirname(config.catalog), 'joins.yaml');
}

export interface JoinsInput {
  readonly schemas: SchemaSet;
  readonly catalog: Catalog;
  readonly config: Pick<UnilogConfig, 'catalog' | 'schemas' | 'types' | 'runtimeImport'>;
}

export function readJoinDeclarations(input: Pick<JoinsInput, 'catalog' | 'config'>): { declarations: JoinDeclarations | undefined; diagnostics: Diagnostic[] } {
  const path = joinsFile(input.config);
  if (!existsSync(path)) return { declarations: undefined, diagnostics: [] };
  return loadJoins(path, input.catalog);
}

/** The joins target of the pipeline: one module per declared join, `joins/<name>.ts`. */
export const emitJoins: Emitter<JoinsInput> = (input) => {
  const { declarations, diagnostics } = readJoinDeclarations(input);
  if (!declarations || diagnostics.length > 0 || declarations.joins.length === 0) return { files: [], diagnostics };
  const base = dirname(input.config.schemas);
  const sourceName = (file: string): string => relativePath(base, resolvePath(file)).split(sep).join('/');
  const ctx: EmitContext = { mapping: input.config.types, runtimeImport: input.config.runtimeImport, names: allocateNames(input.schemas), sourceName };
  const source = sourceName(joinsFile(input.config));
  return { files: declarations.joins.map((j) => emitJoinModule(j, ctx, source)), diagnostics: [] };
};
