/**
 * Every service contract under the contracts folder (`schemas/services/*.yaml|yml|json`) compiled to its generated
 * module. openapi-typescript (which loads the TypeScript compiler, a large share of a run) is imported only when
 * there is a contract, and only once every contract is valid: a bad contract gives `file:line:col: message` and no
 * files.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, relative, resolve, sep } from 'node:path';
import type { UnilogConfig } from '../config/load-config.js';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import type { GeneratedFile } from '../emit/emit-namespace-module.js';
import { displayPath, listFiles } from '../load/read-schema-files.js';
import { parseYamlWithPositions } from '../load/yaml-positions.js';
import { emitContractModule } from './emit-contract-module.js';
import { plain } from './normalise-schema.js';
import { readContract, type ContractRecord } from './read-contract.js';

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

/** Reads and checks every contract; nothing is compiled. */
export interface ReadContractFile {
  readonly record: ContractRecord;
  readonly document: unknown;
  /** Relative to the schemas folder's parent (for headers). */
  readonly source: string;
  /** Absolute. */
  readonly path: string;
}

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
    if (record) contracts.push({ record, document: plain(parsed.node), source: relative(base, resolve(path)).split(sep).join('/'), path: resolve(path) });
  }
  return { contracts, diagnostics };
}

export async function generateContracts(config: Pick<UnilogConfig, 'contracts' | 'schemas' | 'runtimeImport'>): Promise<ContractsResult> {
  const { contracts, diagnostics } = readContracts(config);
  if (diagnostics.length > 0 || contracts.length === 0) return { files: [], diagnostics, contracts: contracts.map((c) => c.record) };
  const { default: openapiTS, astToString } = await import('openapi-typescript');
  const files: GeneratedFile[] = [];
  for (const c of contracts) {
    let types: string;
    try {
      types = astToString(await openapiTS(c.document as Parameters<typeof openapiTS>[0], { silent: true }));
    } catch (e) {
      const file = displayPath(resolve(dirname(config.schemas), c.source));
      diagnostics.push(diagnostic({ file, line: 1, col: 1 }, 'INVALID_CONTRACT', `openapi-typescript: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`));
      continue;
    }
    files.push(emitContractModule(c.record, types, c.source, config.runtimeImport));
  }
  return { files: diagnostics.length ? [] : files, diagnostics, contracts: contracts.map((c) => c.record) };
}
