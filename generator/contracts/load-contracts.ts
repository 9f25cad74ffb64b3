/**
 * The contracts step of the pipeline: every service contract under the contracts folder read with positions, checked,
 * and compiled to types with openapi-typescript. A project without contracts pays one directory check: the readers
 * and openapi-typescript (which loads the TypeScript compiler) are imported only when a contract exists.
 */
import type { UnilogConfig } from '../config/load-config.js';
import type { ContractsResult } from './compile-contracts.js';
import { contractFiles } from './contract-files.js';

export async function loadContracts(config: Pick<UnilogConfig, 'contracts' | 'schemas'>): Promise<ContractsResult> {
  if (contractFiles(config.contracts).length === 0) return { contracts: [], diagnostics: [] };
  const { compileContracts } = await import('./compile-contracts.js');
  return compileContracts(config);
}
