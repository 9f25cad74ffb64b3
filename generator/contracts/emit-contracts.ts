/** The contracts target of the pipeline: per service contract its module `services/<name>.ts` and openapi-typescript's `services/<name>.openapi.ts`. */
import type { UnilogConfig } from '../config/load-config.js';
import type { Emitter } from '../output/generated-file.js';
import { emitContractFiles } from './emit-contract-module.js';
import type { CompiledContract } from './compile-contracts.js';

export const emitContractModules: Emitter<{ readonly config: Pick<UnilogConfig, 'runtimeImport'>; readonly contracts: readonly CompiledContract[] }> = (ctx) => ({
  files: ctx.contracts.flatMap((c) => emitContractFiles(c.record, c.types, c.source, ctx.config.runtimeImport, c.readWriteMarkers)),
  diagnostics: [],
});
