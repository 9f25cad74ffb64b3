/**
 * The part of `unilog generate` that looks after scaffolded services (found by their `unilog.service.yaml` under the
 * configured `services:` folders): their topics are checked against the catalog again (a topic may have become
 * internal, or changed owner), every operation their contract gained gets a handler stub, and a handler entry whose
 * operation the contract lost is an error (user code is never deleted; see sync-handlers.ts). `planServices` only reads;
 * `apply` writes the stubs. A project without scaffolded services pays one directory listing.
 */
import type { Catalog } from '../catalog/catalog.js';
import type { UnilogConfig } from '../config/load-config.js';
import type { ReadContractFile } from '../contracts/read-contracts.js';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { displayPath } from '../paths.js';
import { findServiceDirs } from './find-services.js';
import { readMarker, type ServiceMarker } from './service-marker.js';
import { addHandlers, checkHandlers, type MissingHandlers, type ServiceFileChange } from './sync-handlers.js';
import { checkTopicAccess } from './topic-access.js';

export interface PendingStubs {
  readonly service: ServiceMarker;
  readonly contract: ReadContractFile;
  readonly missing: MissingHandlers;
}

export interface ServicesPlan {
  readonly services: number;
  readonly diagnostics: Diagnostic[];
  readonly warnings: Diagnostic[];
  readonly pending: PendingStubs[];
  /** Writes the pending stubs; returns the files written or changed. */
  apply(): Promise<ServiceFileChange[]>;
}

/** `contracts` are the pipeline's: every valid contract of the contracts folder. */
export async function planServices(
  config: Pick<UnilogConfig, 'services' | 'contracts' | 'out'>,
  catalog: Catalog,
  contracts: readonly ReadContractFile[],
): Promise<ServicesPlan> {
  const dirs = findServiceDirs(config.services);
  const diagnostics: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];
  const pending: PendingStubs[] = [];
  const plan: ServicesPlan = {
    services: dirs.length,
    diagnostics,
    warnings,
    pending,
    async apply() {
      const written: ServiceFileChange[] = [];
      for (const p of pending) written.push(...(await addHandlers(p.service.handlers, p.contract.record, config.out, p.missing, warnings)));
      return written;
    },
  };
  if (dirs.length === 0) return plan;
  for (const dir of dirs) {
    const marker = readMarker(dir, diagnostics);
    if (!marker) continue;
    const contract = contracts.find((c) => c.path === marker.contract);
    if (!contract) {
      diagnostics.push(diagnostic(marker.contractPos, 'NO_CONTRACT', `no valid contract at ${displayPath(marker.contract)} (contracts are read from ${displayPath(config.contracts)})`));
      continue;
    }
    const access = checkTopicAccess(marker.name, catalog, marker.consumes, marker.produces);
    diagnostics.push(...access.errors);
    const missing = await checkHandlers(marker.handlers, contract, warnings, diagnostics);
    if (missing && missing.operations.length > 0) pending.push({ service: marker, contract, missing });
  }
  return plan;
}
