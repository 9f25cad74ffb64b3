/** Where service contracts are: `*.yaml`, `*.yml` and `*.json` under the contracts folder, any depth, sorted. */
import { existsSync, statSync } from 'node:fs';
import { listFiles } from '../paths.js';

const EXTENSIONS = ['.yaml', '.yml', '.json'];

export function contractFiles(dir: string): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
  return EXTENSIONS.flatMap((ext) => listFiles(dir, ext)).sort();
}
