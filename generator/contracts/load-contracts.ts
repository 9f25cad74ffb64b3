/**
 * The contracts step of the pipeline: every service contract under the contracts folder read with positions, checked,
 * and compiled to types with openapi-typescript. A project without contracts pays one directory check: the readers
 * and openapi-typescript (which loads the TypeScript compiler) are imported only when a contract exists.
 */
import type { UnilogConfig } from '../config/load-config.js';
import type { Diagnostic } from '../diagnostics.js';
import { contractFiles } from './contract-files.js';
import type { ReadContractFile } from './read-contracts.js';

/** A contract, read and checked, with openapi-typescript's types of it: what the contracts emitter turns into a module. */
export interface CompiledContract extends ReadContractFile {
  /** openapi-typescript's output: `paths`, `components`, `operations`. */
  readonly types: string;
  /** The contract uses readOnly/writeOnly, so its types carry $Read/$Write markers. */
  readonly readWriteMarkers: boolean;
}

export interface ContractsResult {
  readonly contracts: readonly CompiledContract[];
  readonly diagnostics: readonly Diagnostic[];
}

export async function loadContracts(config: Pick<UnilogConfig, 'contracts' | 'schemas'>): Promise<ContractsResult> {
  if (contractFiles(config.contracts).length === 0) return { contracts: [], diagnostics: [] };
  const { compileContracts } = await import('./compile-contracts.js');
  return compileContracts(config);
}
