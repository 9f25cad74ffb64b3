/**
 * `unilog check --against git:<ref>` on real repositories made in temp folders: each test commits a baseline, edits
 * the working tree as a pull request would, and asserts the exact finding (rule, file:line:col) and exit code.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { checkIn, type Captured } from './capture-output.js';
import { catalogText, GitFixture, KEY, recordText, type TopicFields } from './gate-fixture.js';

const repos: GitFixture[] = [];
afterEach(() => {
  for (const r of repos.splice(0)) r.dispose();
});

const ID = '{"name": "id", "type": "string"}';

/** A repository whose HEAD holds `users` with the given value fields and catalog entry. */
function repoWith(valueFields: readonly string[], topic: TopicFields = {}): GitFixture {
  const repo = new GitFixture();
  repos.push(repo);
  repo.write('schemas/key.avsc', KEY).write('schemas/user.avsc', recordText('User', valueFields)).write('schemas/topics.yaml', catalogText([topic]));
  repo.commit('baseline');
  return repo;
}

async function check(repo: GitFixture, ...args: string[]): Promise<Captured> {
  return checkIn(repo.dir, args);
}

const lines = (out: string): string[] => out.split('\n').filter((l) => l.length > 0);

describe('schema evolution against git:HEAD (BACKWARD)', () => {
  test('adding a field with a default is fine: exit 0, no output', async () => {
    const repo = repoWith([ID]);
    repo.write('schemas/user.avsc', recordText('User', [ID, '{"name": "age", "type": "int", "default": 0}']));
    const r = await check(repo, '--against', 'git:HEAD');
    expect(r.stdout).toBe('');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('no violations (1 topic compared with git:HEAD)');
  });

  test('adding a field without a default: READER_FIELD_MISSING_DEFAULT_VALUE at the new field', async () => {
    const repo = repoWith([ID]);
    repo.write('schemas/user.avsc', recordText('User', [ID, '{"name": "age", "type": "int"}']));
    const r = await check(repo, '--against', 'git:HEAD');
    expect(r.code).toBe(100);
    expect(lines(r.stdout)).toEqual([
      "schemas/user.avsc:5:14: READER_FIELD_MISSING_DEFAULT_VALUE topic 'users' value: field 'age' of record 'com.acme.User' is not in the writer's record 'com.acme.User' and has no default; the new schema cannot read data written with HEAD (BACKWARD, at /fields/1)",
    ]);
  });

  test('adding a nullable field without a default: still READER_FIELD_MISSING_DEFAULT_VALUE, exit 100', async () => {
    // A union type does not make a default optional: old records carry no value for it, and null is not implied.
    const repo = repoWith([ID]);
    repo.write('schemas/user.avsc', recordText('User', [ID, '{"name": "nick", "type": ["null", "string"]}']));
    const r = await check(repo, '--against', 'git:HEAD');
    expect(r.code).toBe(100);
    expect(lines(r.stdout)).toEqual([
      "schemas/user.avsc:5:14: READER_FIELD_MISSING_DEFAULT_VALUE topic 'users' value: field 'nick' of record 'com.acme.User' is not in the writer's record 'com.acme.User' and has no default; the new schema cannot read data written with HEAD (BACKWARD, at /fields/1)",
    ]);
    repo.write('schemas/user.avsc', recordText('User', [ID, '{"name": "nick", "type": ["null", "string"], "default": null}']));
    expect((await check(repo, '--against', 'git:HEAD')).code).toBe(0);
  });

  test('renaming a field with an alias for the old name is fine', async () => {
    const repo = repoWith([ID, '{"name": "mail", "type": "string"}']);
    repo.write('schemas/user.avsc', recordText('User', [ID, '{"name": "email", "type": "string", "aliases": ["mail"]}']));
    expect((await check(repo, '--against', 'git:HEAD')).code).toBe(0);
  });

  test('renaming a field without an alias breaks readers of the old data', async () => {
    const repo = repoWith([ID, '{"name": "mail", "type": "string"}']);
    repo.write('schemas/user.avsc', recordText('User', [ID, '{"name": "email", "type": "string"}']));
    const r = await check(repo, '--against', 'git:HEAD', '--format', 'json');
    expect(r.code).toBe(100);
    const out = JSON.parse(r.stdout) as { violations: Array<{ ruleId: string; file: string; line: number; col: number }> };
    expect(out.violations.map((v) => [v.ruleId, `${v.file}:${v.line}:${v.col}`])).toEqual([['READER_FIELD_MISSING_DEFAULT_VALUE', 'schemas/user.avsc:5:14']]);
  });

  test('dropping an enum symbol: MISSING_ENUM_SYMBOLS at the enum', async () => {
    const status = (symbols: string): string => `{"name": "status", "type": {"type": "enum", "name": "Status", "symbols": [${symbols}]}}`;
    const repo = repoWith([ID, status('"ACTIVE", "BANNED"')]);
    repo.write('schemas/user.avsc', recordText('User', [ID, status('"ACTIVE"')]));
    const r = await check(repo, '--against', 'git:HEAD');
    expect(r.code).toBe(100);
    // The enum's own object starts at column 32 of line 5.
    expect(lines(r.stdout)).toEqual([
      "schemas/user.avsc:5:32: MISSING_ENUM_SYMBOLS topic 'users' value: enum 'com.acme.Status' lacks the writer's symbol BANNED and has no 'default' to read it as; the new schema cannot read data written with HEAD (BACKWARD, at /fields/1/type/symbols)",
    ]);
  });

  test('changing a field type: TYPE_MISMATCH at the type token; a promotion is fine', async () => {
    const repo = repoWith([ID, '{"name": "n", "type": "int"}']);
    repo.write('schemas/user.avsc', recordText('User', [ID, '{"name": "n", "type": "long"}']));
    expect((await check(repo, '--against', 'git:HEAD')).code).toBe(0);
    repo.write('schemas/user.avsc', recordText('User', [ID, '{"name": "n", "type": "string"}']));
    const r = await check(repo, '--against', 'git:HEAD');
    expect(r.code).toBe(100);
    expect(lines(r.stdout)[0]).toMatch(/^schemas\/user\.avsc:5:27: TYPE_MISMATCH topic 'users' value: string cannot read the writer's int;/);
  });
});

describe('levels against git history', () => {
  test('BACKWARD_TRANSITIVE takes every version reachable from the ref, BACKWARD only the ref', async () => {
    // v1 has no 'age'; v2 adds it with a default; the change under review drops the default.
    const repo = repoWith([ID], { compatibility: 'BACKWARD_TRANSITIVE' });
    repo.write('schemas/user.avsc', recordText('User', [ID, '{"name": "age", "type": "int", "default": 0}'])).commit('add age');
    repo.write('schemas/topics.yaml', catalogText([{ compatibility: 'BACKWARD_TRANSITIVE' }])).commit('unrelated catalog commit');
    repo.write('schemas/user.avsc', recordText('User', [ID, '{"name": "age", "type": "int"}']));
    const r = await check(repo, '--against', 'git:HEAD');
    expect(r.code).toBe(100);
    const first = repo.git('rev-list', '--max-parents=0', 'HEAD').trim().slice(0, 7);
    expect(lines(r.stdout)).toEqual([
      `schemas/user.avsc:5:14: READER_FIELD_MISSING_DEFAULT_VALUE topic 'users' value: field 'age' of record 'com.acme.User' is not in the writer's record 'com.acme.User' and has no default; the new schema cannot read data written with commit ${first} (BACKWARD_TRANSITIVE, at /fields/1)`,
    ]);
    repo.write('schemas/topics.yaml', catalogText([{ compatibility: 'BACKWARD' }]));
    expect((await check(repo, '--against', 'git:HEAD')).code).toBe(0);
  });

  test('FORWARD: removing a field the old schema needs points at the new record', async () => {
    const repo = repoWith([ID, '{"name": "age", "type": "int"}'], { compatibility: 'FORWARD' });
    repo.write('schemas/user.avsc', recordText('User', [ID]));
    const r = await check(repo, '--against', 'git:HEAD');
    expect(r.code).toBe(100);
    expect(lines(r.stdout)).toEqual([
      "schemas/user.avsc:1:1: READER_FIELD_MISSING_DEFAULT_VALUE topic 'users' value: field 'age' of record 'com.acme.User' is not in the writer's record 'com.acme.User' and has no default; HEAD cannot read data written with the new schema (FORWARD, at /fields/1)",
    ]);
  });

  test('a ref named by branch and by commit id; NONE skips the schema check', async () => {
    const repo = repoWith([ID], { compatibility: 'NONE' });
    const base = repo.git('rev-parse', 'HEAD').trim();
    repo.write('schemas/user.avsc', recordText('User', [ID, '{"name": "age", "type": "int"}']));
    expect((await check(repo, '--against', 'git:main')).code).toBe(0);
    expect((await check(repo, '--against', `git:${base}`)).code).toBe(0);
  });
});

describe('git baseline errors (exit 1)', () => {
  test('an unknown ref', async () => {
    const repo = repoWith([ID]);
    const r = await check(repo, '--against', 'git:origin/nope');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("git:origin/nope:1:1: git ref 'origin/nope' not found; fetch it first (git fetch origin nope)\n");
  });

  test('a shallow clone lacking the ref says how to fetch it', async () => {
    const origin = repoWith([ID]);
    origin.write('schemas/user.avsc', recordText('User', [ID, '{"name": "age", "type": "int", "default": 0}'])).commit('second');
    origin.git('branch', 'release', 'HEAD~1');
    const clone = new GitFixture();
    repos.push(clone);
    clone.git('fetch', '-q', '--depth', '1', `file://${origin.dir}`, 'main');
    clone.git('checkout', '-q', 'FETCH_HEAD');
    const r = await check(clone, '--against', 'git:release');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("git ref 'release' not found; this is a shallow clone: fetch the ref (git fetch origin release, or git fetch --deepen=<n>)");
  });

  test('an invalid new schema is an input error, one file:line:col line each', async () => {
    const repo = repoWith([ID]);
    repo.write('schemas/user.avsc', recordText('User', [ID, '{"name": "age", "type": "int", "default": "zero"}']));
    const r = await check(repo, '--against', 'git:HEAD');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe("schemas/user.avsc:5:47: default of field 'age' must be an int (a whole number from -2^31 to 2^31-1, written without a fraction or exponent), found \"zero\"\n");
  });
});
