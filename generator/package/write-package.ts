/**
 * Puts the package folder on disk whole (written beside it, then renamed into place), replacing only a folder that
 * `unilog pack` wrote before, and packs it with `npm pack` into a tarball beside the folder.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { diagnostic, UserErrors } from '../diagnostics.js';
import { displayPath } from '../paths.js';

/** True when `dir` is missing, empty, or a package folder written by `unilog pack` (its package.json says so). */
function replaceable(dir: string): boolean {
  if (!existsSync(dir)) return true;
  if (readdirSync(dir).length === 0) return true;
  try {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { unilog?: { schemaHash?: unknown } };
    return typeof pkg.unilog?.schemaHash === 'string';
  } catch {
    return false;
  }
}

/** Fails unless `dir` may be replaced: checked before any work, and again just before writing. */
export function assertReplaceable(dir: string): void {
  if (!replaceable(dir)) {
    throw new UserErrors([
      diagnostic({ file: displayPath(dir), line: 1, col: 1 }, 'OUTPUT_CONFLICT', 'exists and was not written by `unilog pack`; move it away or choose another --out'),
    ]);
  }
}

export function writePackageFolder(dir: string, files: ReadonlyMap<string, string>): void {
  assertReplaceable(dir);
  const staging = join(dirname(dir), `.${basename(dir)}.${process.pid}.tmp`);
  rmSync(staging, { recursive: true, force: true });
  for (const [path, text] of files) {
    const target = join(staging, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
  rmSync(dir, { recursive: true, force: true });
  renameSync(staging, dir);
}

/** Runs `npm pack` on the folder; the tarball goes beside it. Returns the tarball's path. */
export function npmPack(dir: string): string {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const run = spawnSync(npm, ['pack', '--json', '--pack-destination', dirname(dir)], { cwd: dir, encoding: 'utf8' });
  if (run.status !== 0) {
    const why = run.error ? run.error.message : (run.stderr.trim().split('\n').pop() ?? `exit code ${run.status}`);
    throw new UserErrors([diagnostic({ file: displayPath(dir), line: 1, col: 1 }, 'NPM_PACK_FAILED', `npm pack failed: ${why}`)]);
  }
  const [packed] = JSON.parse(run.stdout) as [{ filename: string }];
  return join(dirname(dir), packed.filename);
}
