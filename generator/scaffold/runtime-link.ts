/**
 * A service imports `unilog/runtime/service`. In a project that installed unilog, Node finds it by walking up to the
 * project's node_modules. Inside the unilog package itself (its example service, its tests) nothing is installed, so
 * the scaffold links `<service>/node_modules/unilog` to the package, and `node_modules/.bin/unilog` to its command, as
 * `npm install` would for its `file:` dependency.
 */
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

export function ensureRuntimeLink(serviceDir: string, unilogRoot: string): boolean {
  for (let d = serviceDir; ; d = dirname(d)) {
    if (existsSync(join(d, 'node_modules', 'unilog'))) return false;
    if (dirname(d) === d) break;
  }
  const link = join(serviceDir, 'node_modules', 'unilog');
  mkdirSync(dirname(link), { recursive: true });
  symlinkSync(relative(dirname(link), unilogRoot), link, 'dir');
  // And the command, as npm links a dependency's `bin`: `npx unilog generate` works from the service folder.
  const bin = join(serviceDir, 'node_modules', '.bin', 'unilog');
  if (!existsSync(bin)) {
    mkdirSync(dirname(bin), { recursive: true });
    symlinkSync(join('..', 'unilog', 'bin', 'unilog.js'), bin);
  }
  return true;
}
