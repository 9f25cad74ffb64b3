/**
 * Reads every service contract and compiles it to types with openapi-typescript. openapi-typescript is imported only
 * once every contract is valid (a bad contract gives `file:line:col: message` and nothing else), and only for a
 * contract whose types are not cached (contract-types-cache.ts).
 */
import type { UnilogConfig } from '../config/load-config.js';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { displayPath } from '../paths.js';
import { contractTypesCache } from './contract-types-cache.js';
import { readContracts, type ReadContractFile } from './read-contracts.js';
import { hasReadWriteMarkers } from './read-write-markers.js';

/** A contract, read and checked, with openapi-typescript's types of it: what the contracts target turns into a module. */
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

export async function compileContracts(config: Pick<UnilogConfig, 'contracts' | 'schemas'>): Promise<ContractsResult> {
  const read = readContracts(config);
  const diagnostics: Diagnostic[] = [...read.diagnostics];
  if (diagnostics.length > 0 || read.contracts.length === 0) return { contracts: [], diagnostics };
  const cache = contractTypesCache(config.contracts);
  let compiler: typeof import('openapi-typescript') | undefined;
  const contracts: CompiledContract[] = [];
  for (const c of read.contracts) {
    // With readOnly/writeOnly in the contract, properties carry $Read/$Write markers, and the runtime's types show a
    // handler and a caller the request (Writable) and response (Readable) view of each schema.
    const readWriteMarkers = hasReadWriteMarkers(c.record);
    const key = cache?.key(c.document, readWriteMarkers);
    const cached = key === undefined ? undefined : cache?.get(key);
    if (cached !== undefined) {
      contracts.push({ ...c, types: cached, readWriteMarkers });
      continue;
    }
    try {
      compiler ??= await import('openapi-typescript');
      const { default: openapiTS, astToString } = compiler;
      const types = astToString(await openapiTS(c.document as Parameters<typeof openapiTS>[0], { silent: true, readWriteMarkers }));
      if (key !== undefined) cache?.set(key, types);
      contracts.push({ ...c, types, readWriteMarkers });
    } catch (e) {
      const message = `openapi-typescript: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`;
      diagnostics.push(diagnostic({ file: displayPath(c.path), line: 1, col: 1 }, 'INVALID_CONTRACT', message));
    }
  }
  return { contracts: diagnostics.length ? [] : contracts, diagnostics };
}
