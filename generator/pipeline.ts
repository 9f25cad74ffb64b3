/**
 * The generator's pipeline: what `unilog generate` (and `unilog new service`) run, top to bottom.
 *
 *   config     every option defaulted once (config/load-config.ts); the caller loads it and passes it in
 *   load       each `.avsc` file read and parsed with positions (load/)             ┐ one file at a time
 *   resolve    one graph of named types across all files, every check (resolve/)   ┘ (resolve/resolve-schemas.ts)
 *   catalog    topics.yaml checked against the graph (catalog/)
 *   contracts  OpenAPI contracts read, checked and compiled with openapi-typescript (contracts/)
 *   previous   the files of the last run that a target may reuse unchanged (output/emit-cache.ts)
 *   emit       every target in TARGETS turns the context into files
 *   write      the caller's: output/write-output.ts writes the files, or compares them for `--check`
 *
 * Each step collects every error it finds; if there is any, no target runs and nothing is written.
 *
 * A new kind of output (join bindings, table mappings for a tailer …) is one new folder and one line in TARGETS. The
 * folder exports an emitter (output/generated-file.ts) that names the part of the context it reads, by the steps'
 * own types, and returns `{ files, diagnostics }`:
 *
 *   export const emitJoinBindings: Emitter<{ readonly schemas: SchemaSet; readonly catalog: Catalog }> = (ctx) => …
 *
 * Each file's path is relative to the output folder and its first lines are `header()` (output/header.ts), so that
 * `write` knows it as generated. An emitter only computes: it reads no file, writes none, runs none of the steps
 * above and imports nothing of this file. Names that must agree with another target's output (a type's module, a
 * topic's const) come from the shared rules of naming.ts and emit/allocate-names.ts. An output that needs an input
 * of its own (a joins file, say) adds its step here and its result to PipelineContext, so that every input is read,
 * and every error reported, in one place. docs/architecture.md has a whole example, checked by
 * test/generator/pipeline.test.ts.
 */
import { existsSync } from 'node:fs';
import type { Catalog } from './catalog/catalog.js';
import { loadCatalog } from './catalog/load-catalog.js';
import type { UnilogConfig } from './config/load-config.js';
import type { CompiledContract } from './contracts/compile-contracts.js';
import { emitContractModules } from './contracts/emit-contracts.js';
import { loadContracts } from './contracts/load-contracts.js';
import type { Diagnostic } from './diagnostics.js';
import { emitAvroModules } from './emit/emit-avro-modules.js';
import { emitJoins } from './joins/emit-joins.js';
import { emitTailers } from './tailers/emit-tailers.js';
import type { SchemaSet } from './ir.js';
import { readPreviousOutput, type PreviousOutput } from './output/emit-cache.js';
import type { Emitter, GeneratedFile } from './output/generated-file.js';
import { displayPath } from './paths.js';
import { checkLongDefaults } from './resolve/check-long-defaults.js';
import { resolveSchemaDir } from './resolve/resolve-schemas.js';

/** Everything the steps produced, as every target sees it. */
export interface PipelineContext {
  readonly config: UnilogConfig;
  readonly schemas: SchemaSet;
  readonly catalog: Catalog;
  readonly contracts: readonly CompiledContract[];
  /** What the output folder holds from the last run, for a target whose inputs have not changed since. */
  readonly previous: PreviousOutput;
}

/** The targets, in no particular order (output is sorted by path). */
export const TARGETS: readonly Emitter<PipelineContext>[] = [
  emitAvroModules, //        types/<namespace>.ts, codecs.ts, codec-options.ts, topics.ts, index.ts
  emitContractModules, //    services/<contract>.ts
  emitJoins, //              joins/<join>.ts, from schemas/joins.yaml
  emitTailers, //            tailers/<tailer>.ts, from schemas/tailers.yaml
];

export interface PipelineResult extends PipelineContext {
  /** Sorted by path; empty when there are diagnostics. */
  readonly files: readonly GeneratedFile[];
  readonly diagnostics: readonly Diagnostic[];
  /** Printed, never fatal (a logical type the schema gets wrong is ignored, as the Avro spec says). */
  readonly warnings: readonly Diagnostic[];
}

/** Async because contracts compile with openapi-typescript. Writes nothing. */
export async function runPipeline(config: UnilogConfig, targets: readonly Emitter<PipelineContext>[] = TARGETS): Promise<PipelineResult> {
  // load → resolve (and the one check that depends on the type mapping: exact long defaults)
  const resolved = resolveSchemaDir(config.schemas);
  const diagnostics: Diagnostic[] = [...resolved.diagnostics];
  // Without the schemas folder every reference elsewhere would fail too: one line says what is wrong, not dozens.
  if (diagnostics.some((d) => d.code === 'NO_SCHEMAS')) return { config, schemas: resolved.set, catalog: { file: displayPath(config.catalog), topics: [] }, contracts: [], previous: new Map(), files: [], diagnostics, warnings: [] };
  if (diagnostics.length === 0) diagnostics.push(...checkLongDefaults(resolved.set, config.types));

  // catalog: optional unless the config or a flag names it
  let catalog: Catalog = { file: displayPath(config.catalog), topics: [] };
  if (config.catalogRequired || existsSync(config.catalog)) {
    const loaded = loadCatalog(config.catalog, resolved.set);
    catalog = loaded.catalog;
    diagnostics.push(...loaded.diagnostics);
  }

  // contracts
  const contracts = await loadContracts(config);
  diagnostics.push(...contracts.diagnostics);

  if (diagnostics.length > 0) return { config, schemas: resolved.set, catalog, contracts: contracts.contracts, previous: new Map(), files: [], diagnostics, warnings: resolved.warnings };

  // previous
  const ctx: PipelineContext = { config, schemas: resolved.set, catalog, contracts: contracts.contracts, previous: readPreviousOutput(config.out) };

  // emit
  const files: GeneratedFile[] = [];
  for (const emit of targets) {
    const emitted = emit(ctx);
    files.push(...emitted.files);
    diagnostics.push(...emitted.diagnostics);
  }
  if (diagnostics.length > 0) return { ...ctx, files: [], diagnostics, warnings: resolved.warnings };
  return { ...ctx, files: files.sort((a, b) => (a.path < b.path ? -1 : 1)), diagnostics, warnings: resolved.warnings };
}
