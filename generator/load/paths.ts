/**
 * Path shortcuts for the hundreds of files one run lists, names in messages and headers. node:path normalises every
 * path it is given character by character; these skip that when the input is already normal (as the paths that
 * listFiles and resolve produce are), and defer to node:path for anything else, so results are always the same.
 */
import { isAbsolute, join, relative, resolve, sep } from 'node:path';

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
