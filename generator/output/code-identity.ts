/**
 * A hash of the code that decides what a reused generated file holds (output/emit-cache.ts): the modules of the
 * folders below, as they are on disk. A version number would not do: a checkout of unilog, or a dependency on one of
 * its commits, changes the code under the same version. test/generator/emit-cache.test.ts checks that every module
 * the namespace-module emitter and the schema loader import lies in one of these folders.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Relative to the generator's root folder; not recursive. */
export const CODE_FOLDERS = ['.', 'load', 'resolve', 'emit', 'output', '../runtime/codec'] as const;

let identity: string | undefined;

/** Computed once per process (about 75 files). */
export function codeIdentity(): string {
  if (identity !== undefined) return identity;
  // Built JavaScript beside its declarations, or the TypeScript sources when run from them (tests).
  const extension = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  const hash = createHash('sha1');
  for (const folder of CODE_FOLDERS) {
    const dir = fileURLToPath(new URL(`../${folder}/`, import.meta.url));
    for (const name of readdirSync(dir).sort()) {
      if (!name.endsWith(extension) || name.endsWith('.d.ts')) continue;
      hash.update(`${folder}/${name}\0`).update(readFileSync(`${dir}${name}`)).update('\0');
    }
  }
  return (identity = hash.digest('hex'));
}
