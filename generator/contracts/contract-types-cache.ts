/**
 * openapi-typescript's output for a contract, kept in `node_modules/.cache/unilog/contract-types/` under a hash of
 * everything it depends on: the contract document, the options unilog passes, and openapi-typescript's version. Loading
 * openapi-typescript (and with it the TypeScript compiler) is most of a `generate` run (about 0.8 s of 1 s here), and a
 * contract seldom changes between runs. The cached function is pure, so a hit gives exactly what a compile would:
 * `generate --check` stays exact. The cache is found from the contracts folder (the nearest `node_modules`); without
 * one, or when it cannot be written, every run compiles. Deleting the folder is always safe.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { findUp } from '../paths.js';

export interface ContractTypesCache {
  key(document: unknown, readWriteMarkers: boolean): string;
  get(key: string): string | undefined;
  set(key: string, types: string): void;
}

/** The cache for contracts in `contractsDir`, or undefined when no `node_modules` folder is above it. */
export function contractTypesCache(contractsDir: string): ContractTypesCache | undefined {
  const nodeModules = findUp(contractsDir, 'node_modules');
  if (nodeModules === undefined) return undefined;
  const dir = join(nodeModules, '.cache', 'unilog', 'contract-types');
  const generatorVersion = openapiTypescriptVersion();
  return {
    key: (document, readWriteMarkers) =>
      createHash('sha256').update(JSON.stringify({ generatorVersion, readWriteMarkers, document })).digest('hex'),
    get(key) {
      try {
        return readFileSync(join(dir, `${key}.ts`), 'utf8');
      } catch {
        return undefined;
      }
    },
    set(key, types) {
      try {
        mkdirSync(dir, { recursive: true });
        // Written aside, then renamed: a concurrent run never reads half a file.
        const temp = join(dir, `${key}.${process.pid}.tmp`);
        writeFileSync(temp, types);
        renameSync(temp, join(dir, `${key}.ts`));
      } catch {
        // A read-only node_modules: the next run compiles again.
      }
    },
  };
}

function openapiTypescriptVersion(): string {
  const manifest = createRequire(import.meta.url).resolve('openapi-typescript/package.json');
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}
