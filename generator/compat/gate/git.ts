/**
 * The few git plumbing commands a git baseline needs, run in the user's checkout: no clone, no working-tree changes.
 * Files at a commit are read with `git ls-tree` + one `git cat-file --batch` for all blobs.
 */
import { spawnSync } from 'node:child_process';

export class GitError extends Error {}

export function git(cwd: string, args: readonly string[], input?: string): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', input, maxBuffer: 1 << 30 });
  if (r.error) throw new GitError(`cannot run git: ${r.error.message}`);
  // A command that fails without a word (git diff --quiet) is named by its exit status.
  if (r.status !== 0) throw new GitError(`git ${args.join(' ')}: ${r.stderr.trim().split('\n')[0] || `exit ${r.status}`}`);
  return r.stdout;
}

/** Like `git`, but a failure is an answer (`undefined`), not an error. */
export function gitMaybe(cwd: string, args: readonly string[]): string | undefined {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
  return !r.error && r.status === 0 ? r.stdout : undefined;
}

export function repoRoot(cwd: string): string | undefined {
  return gitMaybe(cwd, ['rev-parse', '--show-toplevel'])?.trim();
}

export function resolveCommit(cwd: string, ref: string): string | undefined {
  return gitMaybe(cwd, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`])?.trim();
}

export function isShallow(cwd: string): boolean {
  return gitMaybe(cwd, ['rev-parse', '--is-shallow-repository'])?.trim() === 'true';
}

/** Commits reachable from `commit` that touched any of `paths`, newest first. */
export function commitsTouching(cwd: string, commit: string, paths: readonly string[]): string[] {
  return git(cwd, ['log', '--format=%H', commit, '--', ...paths]).split('\n').filter((l) => l.length > 0);
}

export interface TreeEntry {
  readonly path: string;
  readonly blob: string;
}

/** Files under `paths` at `commit` (repository-relative paths). */
export function listTree(cwd: string, commit: string, paths: readonly string[]): TreeEntry[] {
  const out: TreeEntry[] = [];
  for (const line of git(cwd, ['ls-tree', '-r', '-z', '--full-tree', commit, '--', ...paths]).split('\0')) {
    // <mode> SP <type> SP <object> TAB <path>
    const m = /^\d+ blob ([0-9a-f]+)\t(.*)$/s.exec(line);
    if (m) out.push({ blob: m[1]!, path: m[2]! });
  }
  return out;
}

/** Contents of many blobs in one `git cat-file --batch` run. */
export function readBlobs(cwd: string, blobs: readonly string[]): Map<string, string> {
  const unique = [...new Set(blobs)];
  const texts = new Map<string, string>();
  if (unique.length === 0) return texts;
  const r = spawnSync('git', ['cat-file', '--batch'], { cwd, input: `${unique.join('\n')}\n`, maxBuffer: 1 << 30 });
  if (r.error || r.status !== 0) throw new GitError(`git cat-file --batch: ${r.error?.message ?? r.stderr.toString().trim()}`);
  const buf = r.stdout;
  let at = 0;
  while (at < buf.length) {
    const eol = buf.indexOf(10, at);
    const header = buf.subarray(at, eol).toString('utf8');
    const [sha, type, size] = header.split(' ');
    if (type === 'missing' || sha === undefined || size === undefined) {
      at = eol + 1;
      continue;
    }
    const start = eol + 1;
    const end = start + Number(size);
    texts.set(sha, buf.subarray(start, end).toString('utf8'));
    at = end + 1;
  }
  return texts;
}
