/** Finds the service contracts (`*.yaml`, `*.yml`, `*.json` under the contracts folder) and reads each with positions. */
import { readFileSync } from 'node:fs';
import { basename, dirname, extname } from 'node:path';
import type { UnilogConfig } from '../config/load-config.js';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { displayPath, posixRelative } from '../paths.js';
import { contractFiles } from './contract-files.js';
import { parseYamlWithPositions } from '../load/yaml-positions.js';
import { plain } from './normalise-schema.js';
import { readContract, type ContractRecord } from './read-contract.js';

export interface ReadContractFile {
  readonly record: ContractRecord;
  readonly document: unknown;
  /** Relative to the schemas folder's parent (for headers). */
  readonly source: string;
  /** Absolute. */
  readonly path: string;
}

/** Reads and checks every contract; nothing is compiled. */
export function readContracts(config: Pick<UnilogConfig, 'contracts' | 'schemas'>): { contracts: ReadContractFile[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const contracts: ReadContractFile[] = [];
  const byName = new Map<string, string>();
  const base = dirname(config.schemas);
  for (const path of contractFiles(config.contracts)) {
    const file = displayPath(path);
    const name = basename(path, extname(path));
    const other = byName.get(name);
    if (other) {
      diagnostics.push(diagnostic({ file, line: 1, col: 1 }, 'DUPLICATE_CONTRACT', `a contract named '${name}' is also in ${other}`));
      continue;
    }
    byName.set(name, file);
    const parsed = parseYamlWithPositions(readFileSync(path, 'utf8'), file);
    if (!parsed.ok) {
      diagnostics.push(...parsed.errors);
      continue;
    }
    const record = readContract(parsed.node, path, file, diagnostics);
    if (record) contracts.push({ record, document: plain(parsed.node), source: posixRelative(base, path), path });
  }
  return { contracts, diagnostics };
}
