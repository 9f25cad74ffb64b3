/** The whole compile: schemas and catalog in, every generated file (or every user error) out. Writes nothing. */
import { existsSync } from 'node:fs';
import { dirname, sep } from 'node:path';
import { loadCatalog } from '../catalog/load-catalog.js';
import type { Catalog } from '../catalog/catalog.js';
import { generateContracts } from '../contracts/generate-contracts.js';
import { emitJoins } from '../joins/emit-joins.js';
import type { UnilogConfig } from '../config/load-config.js';
import type { Diagnostic } from '../diagnostics.js';
import type { NamedNode, SchemaSet } from '../ir.js';
import { loadSchemaDir } from '../load/load-schemas.js';
import { relativePath, resolvePath } from '../load/paths.js';
import { displayPath } from '../load/read-schema-files.js';
import { allocateNames } from './allocate-names.js';
import type { EmitContext } from './context.js';
import { emitNamespaceModule, type GeneratedFile } from './emit-namespace-module.js';
import { emitCodecMap, emitCodecOptions, emitIndex, emitTopics } from './emit-support-modules.js';

export interface GenerateResult {
  readonly files: readonly GeneratedFile[];
  readonly diagnostics: readonly Diagnostic[];
  readonly set: SchemaSet;
  readonly catalog: Catalog;
}

/** Async because service contracts compile with openapi-typescript (imported only when contracts exist). */
export async function generate(config: UnilogConfig): Promise<GenerateResult> {
  const loaded = loadSchemaDir(config.schemas);
  const diagnostics = [...loaded.diagnostics];
  let catalog: Catalog = { file: displayPath(config.catalog), topics: [] };
  if (config.catalogRequired || existsSync(config.catalog)) {
    const c = loadCatalog(config.catalog, loaded.set);
    catalog = c.catalog;
    diagnostics.push(...c.diagnostics);
  }
  const contracts = await generateContracts(config);
  diagnostics.push(...contracts.diagnostics);
  const joins = diagnostics.length > 0 ? { files: [], diagnostics: [] } : emitJoins({ set: loaded.set, catalog, config });
  diagnostics.push(...joins.diagnostics);
  if (diagnostics.length > 0) return { files: [], diagnostics, set: loaded.set, catalog };
  const files = [...emitAll(loaded.set, catalog, config), ...contracts.files, ...joins.files].sort((a, b) => (a.path < b.path ? -1 : 1));
  return { files, diagnostics, set: loaded.set, catalog };
}

export function emitAll(set: SchemaSet, catalog: Catalog, config: Pick<UnilogConfig, 'types' | 'runtimeImport' | 'schemas'>): GeneratedFile[] {
  const base = dirname(config.schemas);
  const ctx: EmitContext = {
    mapping: config.types,
    runtimeImport: config.runtimeImport,
    names: allocateNames(set),
    sourceName: (file) => relativePath(base, resolvePath(file)).split(sep).join('/'),
  };
  const byModule = new Map<string, NamedNode[]>();
  for (const node of set.named.values()) {
    const module = ctx.names.get(node)!.module;
    const list = byModule.get(module);
    if (list) list.push(node);
    else byModule.set(module, [node]);
  }
  const files: GeneratedFile[] = [emitCodecOptions(ctx)];
  for (const module of [...byModule.keys()].sort()) files.push(emitNamespaceModule(module, byModule.get(module)!, ctx));
  const named = [...set.named.values()];
  files.push(emitCodecMap(named, ctx));
  let topicIds: string[] = [];
  if (catalog.topics.length > 0) {
    const topics = emitTopics(catalog, ctx);
    files.push(topics.file);
    topicIds = topics.ids;
  }
  files.push(emitIndex(named, ctx, topicIds));
  return files.sort((a, b) => (a.path < b.path ? -1 : 1));
}
