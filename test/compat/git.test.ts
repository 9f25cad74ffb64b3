/**
 * The git plumbing of a git baseline (generator/compat/gate/git.ts). Its failures reach the user as the message of an
 * internal error (exit 2), so they must say what failed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { git, GitError, listTree, readBlobs } from '../../generator/compat/gate/git.js';
import { GitFixture } from './gate-fixture.js';

const repos: GitFixture[] = [];
afterEach(() => {
  for (const r of repos.splice(0)) r.dispose();
});

function repo(): GitFixture {
  const r = new GitFixture();
  repos.push(r);
  return r;
}

describe('a git command that fails', () => {
  test('with a message: the command and the first line of what git said', () => {
    const r = repo();
    expect(() => git(r.dir, ['rev-parse', '--verify', 'nope'])).toThrow(new GitError('git rev-parse --verify nope: fatal: Needed a single revision'));
  });

  test('silently: the command and its exit status', () => {
    const r = repo();
    r.write('a.txt', 'a\n').write('b.txt', 'b\n');
    expect(() => git(r.dir, ['diff', '--no-index', '--quiet', 'a.txt', 'b.txt'])).toThrow(new GitError('git diff --no-index --quiet a.txt b.txt: exit 1'));
  });

  test('reading blobs outside a repository: what git said', () => {
    const dir = mkdtempSync(join(tmpdir(), 'unilog-nogit-'));
    try {
      let message = '';
      try {
        readBlobs(dir, ['0123456789abcdef0123456789abcdef01234567']);
      } catch (e) {
        message = (e as Error).message;
      }
      // git may exit before it reads its input, and then the write fails first (EPIPE).
      expect(message).toMatch(/^git cat-file --batch: (fatal: not a git repository[^\n]*[^\s]|spawnSync git EPIPE)$/);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  test('that cannot start: why', () => {
    expect(() => git('/nonexistent/unilog-test', ['status'])).toThrow(/^cannot run git: spawnSync git ENOENT$/);
  });
});

describe('files at a commit', () => {
  test('paths as they are (spaces, tabs, newlines) and each blob once, whatever its content ends with', () => {
    const r = repo();
    r.write('s/plain.avsc', '"int"').write('s/with space.avsc', '"long"\n').write('s/tab\tand\nnewline.avsc', '').write('s/same.avsc', '"int"').write('other/x.avsc', '"x"');
    const commit = r.commit('files');
    const tree = listTree(r.dir, commit, ['s']);
    expect(tree.map((e) => e.path).sort()).toEqual(['s/plain.avsc', 's/same.avsc', 's/tab\tand\nnewline.avsc', 's/with space.avsc']);
    const texts = readBlobs(r.dir, tree.map((e) => e.blob));
    expect(tree.map((e) => [e.path, texts.get(e.blob)]).sort()).toEqual([
      ['s/plain.avsc', '"int"'],
      ['s/same.avsc', '"int"'],
      ['s/tab\tand\nnewline.avsc', ''],
      ['s/with space.avsc', '"long"\n'],
    ]);
    expect(texts.size).toBe(3);
  });

  test('a blob the repository lacks is left out; the ones after it are still read', () => {
    const r = repo();
    r.write('a.avsc', '"a"').write('b.avsc', '"b"');
    const tree = listTree(r.dir, r.commit('files'), ['a.avsc', 'b.avsc']);
    const [a, b] = tree.map((e) => e.blob);
    const texts = readBlobs(r.dir, [a!, '0123456789abcdef0123456789abcdef01234567', b!]);
    expect([...texts.entries()].sort()).toEqual([[a, '"a"'], [b, '"b"']].sort());
    expect(readBlobs(r.dir, []).size).toBe(0);
  });
});
