/**
 * The peer schemas beside the checkout (../shared/peer-schemas, see its SOURCES.md) as units: each top-level file
 * of a source folder is one unit, each sub-folder one unit whose files name each other.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from '../support/generate-into.js';

export const PEER_DIR = join(REPO, '..', 'shared', 'peer-schemas');
export const VERDICTS_FILE = join(REPO, 'test', 'reference', 'peer-schemas.java-verdicts.json');

export interface PeerUnit {
  /** `source/file.avsc` or `source/folder` */
  readonly id: string;
  /** file name → text */
  readonly files: Record<string, string>;
}

export function peerUnits(): PeerUnit[] {
  if (!existsSync(PEER_DIR)) return [];
  const units: PeerUnit[] = [];
  for (const source of readdirSync(PEER_DIR).sort()) {
    const dir = join(PEER_DIR, source);
    if (!statSync(dir).isDirectory()) continue;
    for (const entry of readdirSync(dir).sort()) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) {
        const files: Record<string, string> = {};
        for (const f of readdirSync(path).sort()) if (f.endsWith('.avsc')) files[f] = readFileSync(join(path, f), 'utf8');
        units.push({ id: `${source}/${entry}`, files });
      } else if (entry.endsWith('.avsc')) units.push({ id: `${source}/${entry}`, files: { [entry]: readFileSync(path, 'utf8') } });
    }
  }
  return units;
}
