/**
 * Compiles every service contract to its generated modules. openapi-typescript (which loads the TypeScript compiler,
 * a large share of a run) is imported only once every contract is valid: a bad contract gives
 * `file:line:col: message` and no files.
 */
import { dirname, resolve } from 'node:path';
import type { UnilogConfig } from '../config/load-config.js';
import { diagnostic } from '../diagnostics.js';
import type { GeneratedFile } from '../emit/emit-namespace-module.js';
import { displayPath } from '../load/read-schema-files.js';
import { emitContractModules } from './emit-contract-module.js';
import type { ContractsResult } from './generate-contracts.js';
import { readContracts } from './read-contracts.js';
import { hasReadWriteMarkers } from './read-write-markers.js';

export async function compileContracts(config: Pick<UnilogConfig, 'contracts' | 'schemas' | 'runtimeImport'>): Promise<ContractsResult> {
  const { contracts, diagnostics } = readContracts(config);
  if (diagnostics.length > 0 || contracts.length === 0) return { files: [], diagnostics, contracts: contracts.map((c) => c.record) };
  const { default: openapiTS, astToString } = await import('openapi-typescript');
  const files: GeneratedFile[] = [];
  for (const c of contracts) {
    let types: string;
    try {
      // With readOnly/writeOnly in the contract, properties carry $Read/$Write markers, and the runtime's types show a
      // handler and a caller the request (Writable) and response (Readable) view of each schema.
      const readWriteMarkers = hasReadWriteMarkers(c.record);
      types = astToString(await openapiTS(c.document as Parameters<typeof openapiTS>[0], { silent: true, readWriteMarkers }));
    } catch (e) {
      const file = displayPath(resolve(dirname(config.schemas), c.source));
      diagnostics.push(diagnostic({ file, line: 1, col: 1 }, 'INVALID_CONTRACT', `openapi-typescript: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`));
      continue;
    }
    files.push(...emitContractModules(c.record, types, c.source, config.runtimeImport, hasReadWriteMarkers(c.record)));
  }
  return { files: diagnostics.length ? [] : files, diagnostics, contracts: contracts.map((c) => c.record) };
}
