/** unilog's own package.json, found from this module whether it runs from the sources or from dist/. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface UnilogPackage {
  readonly root: string;
  readonly version: string;
}

let cached: UnilogPackage | undefined;

export function unilogPackage(): UnilogPackage {
  if (cached) return cached;
  for (let d = dirname(fileURLToPath(import.meta.url)); ; d = dirname(d)) {
    const file = join(d, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'unilog' && pkg.version) return (cached = { root: d, version: pkg.version });
    }
    if (dirname(d) === d) throw new Error("unilog's package.json not found above its modules");
  }
}
