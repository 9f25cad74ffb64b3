/** Where scaffolded services are: folders holding `unilog.service.yaml` (cheap: a directory listing, nothing parsed). */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const MARKER_FILE = 'unilog.service.yaml';

/** Service folders under the configured `services:` folders, sorted. */
export function findServiceDirs(roots: readonly string[]): string[] {
  const found = new Set<string>();
  for (const root of roots) {
    if (!existsSync(root) || !statSync(root).isDirectory()) continue;
    if (existsSync(join(root, MARKER_FILE))) {
      found.add(root);
      continue;
    }
    for (const e of readdirSync(root, { withFileTypes: true })) {
      if (e.isDirectory() && existsSync(join(root, e.name, MARKER_FILE))) found.add(join(root, e.name));
    }
  }
  return [...found].sort();
}
