/**
 * Paths, one rule each: how a file is named in messages (`displayPath`), in headers and import specifiers
 * (`posixRelative`, `moduleSpecifier`), and how a folder is listed. The shortcuts serve the hundreds of files one run
 * lists: node:path normalises every path it is given character by character; these skip that when the input is
 * already normal (as the paths that listFiles and resolve produce are), and defer to node:path for anything else, so
 * results are always the same.
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

const SEP = sep;
/** An empty, `.` or `..` segment, or a trailing separator: something node:path would rewrite. */
const NOT_NORMAL = SEP === '/' ? /\/\/|(?:^|\/)\.\.?(?:\/|$)|\/$/ : undefined;

/** An absolute path that node:path would return unchanged (always false on Windows: no shortcut there). */
export function isNormalAbsolute(path: string): boolean {
  return NOT_NORMAL !== undefined && isAbsolute(path) && !NOT_NORMAL.test(path);
}

/** `join(dir, name)` for a directory entry name, which never contains a separator. */
export function childPath(dir: string, name: string, dirIsNormal: boolean): string {
  if (!dirIsNormal || name === '.' || name === '..' || name === '') return join(dir, name);
  return dir.endsWith(SEP) ? `${dir}${name}` : `${dir}${SEP}${name}`;
}

/** `relative(from, to)`, taking the shortcut when `to` lies inside `from` and both are normal absolute paths. */
export function relativePath(from: string, to: string): string {
  if (to.length > from.length + 1 && to.startsWith(from) && to[from.length] === SEP && isNormalAbsolute(from) && isNormalAbsolute(to)) {
    return to.slice(from.length + 1);
  }
  return relative(from, to);
}

/** `resolve(path)` against the working directory, taking the shortcut for a normal path. */
export function resolvePath(path: string): string {
  if (isNormalAbsolute(path)) return path;
  if (path === '' || isAbsolute(path) || NOT_NORMAL === undefined || NOT_NORMAL.test(path)) return resolve(path);
  const cwd = process.cwd();
  if (!isNormalAbsolute(cwd)) return resolve(path);
  return cwd.endsWith(SEP) ? `${cwd}${path}` : `${cwd}${SEP}${path}`;
}

/** `relativePath` with `/` between segments on every platform, as headers and import specifiers write it. */
export function posixRelative(from: string, to: string): string {
  const rel = relativePath(from, to);
  return SEP === '/' ? rel : rel.split(SEP).join('/');
}

/** A relative module or file specifier from `fromDir` to `to`: POSIX separators, starting with `./` or `../`. */
export function moduleSpecifier(fromDir: string, to: string): string {
  const rel = posixRelative(fromDir, to);
  return rel.startsWith('.') ? rel : `./${rel}`;
}

/** Paths in messages are relative to the working directory, as compilers print them. */
export function displayPath(path: string): string {
  const rel = relativePath(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}

/** Every file under `dir` (any depth) whose name ends with `extension`, sorted, so output never depends on directory order. */
export function listFiles(dir: string, extension: string): string[] {
  const out: string[] = [];
  const normal = isNormalAbsolute(dir);
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = childPath(d, entry.name, normal);
      if (entry.isDirectory()) walk(p);
      else if (entry.name.endsWith(extension)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** The nearest `name` in `from` or a folder above it (how a tool finds the project's `node_modules`). */
export function findUp(from: string, name: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, name))) return join(dir, name);
    if (dirname(dir) === dir) return undefined;
  }
}
