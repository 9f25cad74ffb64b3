/**
 * Reads every service contract and compiles it to types with openapi-typescript. openapi-typescript is imported only
 * once every contract is valid: a bad contract gives `file:line:col: message` and nothing else.
 */
import type { UnilogConfig } from '../config/load-config.js';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { displayPath } from '../paths.js';
import type { CompiledContract, ContractsResult } from './load-contracts.js';
import { readContracts } from './read-contracts.js';
import { hasReadWriteMarkers } from './read-write-markers.js';

export async function compileContracts(config: Pick<UnilogConfig, 'contracts' | 'schemas'>): Promise<ContractsResult> {
  const read = readContracts(config);
  const diagnostics: Diagnostic[] = [...read.diagnostics];
  if (diagnostics.length > 0 || read.contracts.length === 0) return { contracts: [], diagnostics };
  const { default: openapiTS, astToString } = await import('openapi-typescript');
  const contracts: CompiledContract[] = [];
  for (const c of read.contracts) {
    // With readOnly/writeOnly in the contract, properties carry $Read/$Write markers, and the runtime's types show a
    // handler and a caller the request (Writable) and response (Readable) view of each schema.
    const readWriteMarkers = hasReadWriteMarkers(c.record);
    try {
      const types = astToString(await openapiTS(c.document as Parameters<typeof openapiTS>[0], { silent: true, readWriteMarkers }));
      contracts.push({ ...c, types, readWriteMarkers });
    } catch (e) {
      const message = `openapi-typescript: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`;
      diagnostics.push(diagnostic({ file: displayPath(c.path), line: 1, col: 1 }, 'INVALID_CONTRACT', message));
    }
  }
  return { contracts: diagnostics.length ? [] : contracts, diagnostics };
}
