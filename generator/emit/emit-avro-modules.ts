/**
 * The Avro target of the pipeline: the resolved schema graph and the catalog as TypeScript, one module per Avro
 * namespace (types and codecs), the codec options, the codec map, the topic bindings and the index.
 */
import { dirname } from 'node:path';
import type { Catalog } from '../catalog/catalog.js';
import type { UnilogConfig } from '../config/load-config.js';
import type { NamedNode, SchemaSet } from '../ir.js';
import { reusedFile, type PreviousOutput } from '../output/emit-cache.js';
import type { Emitter, GeneratedFile } from '../output/generated-file.js';
import { posixRelative, resolvePath } from '../paths.js';
import { allocateNames } from './allocate-names.js';
import type { EmitContext } from './context.js';
import { emitNamespaceModule } from './emit-namespace-module.js';
import { moduleKeys } from './module-key.js';
import { emitCodecMap, emitCodecOptions, emitIndex, emitTopics } from './emit-support-modules.js';

export interface AvroInput {
  readonly config: Pick<UnilogConfig, 'types' | 'runtimeImport' | 'schemas'>;
  readonly schemas: SchemaSet;
  readonly catalog: Catalog;
  /** The last run's files: what has the same key is taken from here instead of computed again. */
  readonly previous?: PreviousOutput;
}

export const emitAvroModules: Emitter<AvroInput> = ({ config, schemas, catalog, previous }) => {
  const base = dirname(config.schemas);
  const ctx: EmitContext = {
    mapping: config.types,
    runtimeImport: config.runtimeImport,
    names: allocateNames(schemas),
    sourceName: (file) => posixRelative(base, resolvePath(file)),
  };
  const byModule = new Map<string, NamedNode[]>();
  for (const node of schemas.named.values()) {
    const module = ctx.names.get(node)!.module;
    const list = byModule.get(module);
    if (list) list.push(node);
    else byModule.set(module, [node]);
  }
  const files: GeneratedFile[] = [emitCodecOptions(ctx)];
  const keys = moduleKeys(schemas, ctx);
  for (const module of [...byModule.keys()].sort()) {
    files.push(emitNamespaceModule(module, byModule.get(module)!, ctx, { keys, last: previous?.get(`${module}.ts`) }));
  }
  const named = [...schemas.named.values()];
  let topicIds: string[] = [];
  if (catalog.topics.length > 0) {
    const topics = emitTopics(catalog, ctx);
    files.push(topics.file);
    topicIds = topics.ids;
  }
  // The codec map and the index are taken whole from the last run when their key is the same.
  const indexKey = keys.indexKey(topicIds);
  const reuseOr = (path: string, emit: () => GeneratedFile): GeneratedFile => {
    const last = previous?.get(path);
    return last?.key === indexKey ? reusedFile(path, last) : { ...emit(), reuse: { key: indexKey, reused: false } };
  };
  files.push(reuseOr('codecs.ts', () => emitCodecMap(named, ctx)));
  files.push(reuseOr('index.ts', () => emitIndex(named, ctx, topicIds)));
  return { files, diagnostics: [] };
};
