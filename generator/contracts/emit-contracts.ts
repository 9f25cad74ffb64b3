/** The contracts target of the pipeline: one module per service contract, `services/<name>.ts`. */
import type { UnilogConfig } from '../config/load-config.js';
import type { Emitter } from '../output/generated-file.js';
import { emitContractModule } from './emit-contract-module.js';
import type { CompiledContract } from './compile-contracts.js';

export const emitContractModules: Emitter<{ readonly config: Pick<UnilogConfig, 'runtimeImport'>; readonly contracts: readonly CompiledContract[] }> = (ctx) => ({
  files: ctx.contracts.map((c) => emitContractModule(c.record, c.types, c.source, ctx.config.runtimeImport, c.readWriteMarkers)),
  diagnostics: [],
});
