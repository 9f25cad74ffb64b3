/**
 * Every service contract under the contracts folder (`schemas/services/*.yaml|yml|json`) compiled to its generated
 * module. A project without contracts pays one directory check: the readers, the emitter and openapi-typescript are
 * imported only when a contract exists.
 */
import { existsSync, statSync } from 'node:fs';
import type { UnilogConfig } from '../config/load-config.js';
import type { Diagnostic } from '../diagnostics.js';
import type { GeneratedFile } from '../emit/emit-namespace-module.js';
import { listFiles } from '../load/read-schema-files.js';
import type { ContractRecord } from './read-contract.js';

export interface ContractsResult {
  readonly files: GeneratedFile[];
  readonly diagnostics: Diagnostic[];
  readonly contracts: ContractRecord[];
}

const EXTENSIONS = ['.yaml', '.yml', '.json'];

export function contractFiles(dir: string): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
  return EXTENSIONS.flatMap((ext) => listFiles(dir, ext)).sort();
}

export async function generateContracts(config: Pick<UnilogConfig, 'contracts' | 'schemas' | 'runtimeImport'>): Promise<ContractsResult> {
  if (contractFiles(config.contracts).length === 0) return { files: [], diagnostics: [], contracts: [] };
  const { compileContracts } = await import('./compile-contracts.js');
  return compileContracts(config);
}
