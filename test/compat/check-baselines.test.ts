/**
 * Git and folder baselines beyond the plain case (test/compat/check-git.test.ts): where the files may lie, the history
 * a transitive level reads (collapsed, broken commits skipped, shallow clones), and what a broken baseline reports.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { checkIn, type Captured } from './capture-output.js';
import { catalogText, GitFixture, KEY, recordText, type TopicFields } from './gate-fixture.js';

const repos: GitFixture[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const r of repos.splice(0)) r.dispose();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const ID = '{"name": "id", "type": "string"}';
const AGE = '{"name": "age", "type": "int"}';

function repoWith(valueFields: readonly string[], topics: readonly TopicFields[] = [{}]): GitFixture {
  const repo = new GitFixture();
  repos.push(repo);
  repo.write('schemas/key.avsc', KEY).write('schemas/user.avsc', recordText('User', valueFields)).write('schemas/topics.yaml', catalogText(topics));
  repo.commit('v1');
  return repo;
}

/** A CI checkout: `origin`'s main fetched one commit deep, with no remote branches. */
function shallowClone(origin: GitFixture): GitFixture {
  const clone = new GitFixture();
  repos.push(clone);
  clone.git('fetch', '-q', '--depth', '1', `file://${origin.dir}`, 'main');
  clone.git('checkout', '-q', 'FETCH_HEAD');
  return clone;
}

async function check(dir: string, ...args: string[]): Promise<Captured> {
  return checkIn(dir, args);
}

const lines = (out: string): string[] => out.split('\n').filter((l) => l.length > 0);
const short = (repo: GitFixture, rev: string): string => repo.git('rev-parse', '--short=7', rev).trim();

describe('git: where the files lie', () => {
  test('a schemas folder outside any git repository', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'unilog-nogit-'));
    dirs.push(dir);
    mkdirSync(join(dir, 'schemas'));
    writeFileSync(join(dir, 'schemas/key.avsc'), KEY);
    writeFileSync(join(dir, 'schemas/user.avsc'), recordText('User', [ID]));
    writeFileSync(join(dir, 'schemas/topics.yaml'), catalogText([{}]));
    const r = await check(dir, '--against', 'git:HEAD');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`git:HEAD:1:1: the schemas folder ${join(dir, 'schemas')} is not inside a git repository\n`);
  });

  test('a catalog outside the repository', async () => {
    const repo = repoWith([ID]);
    const elsewhere = mkdtempSync(join(tmpdir(), 'unilog-catalog-'));
    dirs.push(elsewhere);
    writeFileSync(join(elsewhere, 'topics.yaml'), catalogText([{}]));
    const r = await check(repo.dir, '--against', 'git:HEAD', '--catalog', join(elsewhere, 'topics.yaml'));
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`git:HEAD:1:1: the schemas folder and catalog must lie inside the repository ${repo.git('rev-parse', '--show-toplevel').trim()}\n`);
  });

  test('a schemas folder named through a symlink (a shell\'s $PWD) is still inside the repository', async () => {
    const repo = repoWith([ID]);
    const link = join(mkdtempSync(join(tmpdir(), 'unilog-link-')), 'checkout');
    dirs.push(dirname(link));
    symlinkSync(repo.dir, link);
    repo.write('schemas/topics.yaml', catalogText([{ partitions: 3 }]));
    const r = await check(repo.dir, '--against', 'git:HEAD', '--schemas', join(link, 'schemas'));
    expect(r.stderr).not.toContain('must lie inside');
    expect(r.code).toBe(100);
    expect(lines(r.stdout).map((l) => l.split(' ').slice(0, 2).join(' '))).toEqual([`${join(link, 'schemas/topics.yaml')}:7:17: PARTITIONS_DECREASED`]);
  });

  test('the schemas folder is the repository itself', async () => {
    const repo = new GitFixture();
    repos.push(repo);
    // Transitive, so the history is read too (git log and git ls-tree, once refusing the root as '').
    repo.write('key.avsc', KEY).write('user.avsc', recordText('User', [ID])).write('topics.yaml', catalogText([{ compatibility: 'BACKWARD_TRANSITIVE' }])).commit('v1');
    repo.write('README.md', 'schemas\n').commit('docs');
    repo.write('user.avsc', recordText('User', [ID, AGE])).write('topics.yaml', catalogText([{ partitions: 3, compatibility: 'BACKWARD_TRANSITIVE' }]));
    const r = await check(repo.dir, '--against', 'git:HEAD', '--schemas', '.');
    expect(r.code).toBe(100);
    expect(lines(r.stdout).map((l) => l.split(' ').slice(0, 2).join(' '))).toEqual(['topics.yaml:7:17: PARTITIONS_DECREASED', 'user.avsc:5:14: READER_FIELD_MISSING_DEFAULT_VALUE']);
  });

  test('a catalog beside the schemas folder, not in it', async () => {
    const repo = new GitFixture();
    repos.push(repo);
    repo.write('schemas/key.avsc', KEY).write('schemas/user.avsc', recordText('User', [ID])).write('topics.yaml', catalogText([{}])).commit('v1');
    repo.write('topics.yaml', catalogText([{ partitions: 3 }]));
    const r = await check(repo.dir, '--against', 'git:HEAD', '--catalog', 'topics.yaml');
    expect(r.code).toBe(100);
    expect(lines(r.stdout)).toEqual(["topics.yaml:7:17: PARTITIONS_DECREASED topic 'users' goes from 6 to 3 partitions; Kafka cannot remove partitions"]);
  });
});

describe('git: the baseline itself does not load', () => {
  test('at the ref: an input error at the ref and path', async () => {
    const repo = repoWith([ID, '{"name": "age", "type": "int", "default": "zero"}']);
    repo.write('schemas/user.avsc', recordText('User', [ID]));
    const r = await check(repo.dir, '--against', 'git:HEAD');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^HEAD:schemas\/user\.avsc:5:47: default of field 'age' must be an int/);
  });

  test('an older commit, for a transitive level: skipped with a note, the others still compared', async () => {
    const repo = repoWith([ID], [{ compatibility: 'BACKWARD_TRANSITIVE' }]);
    repo.write('schemas/user.avsc', recordText('User', [ID, '{"name": "age", "type": "int", "default": "zero"}'])).commit('broken');
    repo.write('README.md', 'not a schema\n').commit('a commit that touches no schema');
    repo.write('schemas/user.avsc', recordText('User', [ID, '{"name": "age", "type": "int", "default": 0}'])).commit('fixed');
    repo.write('schemas/user.avsc', recordText('User', [ID, AGE]));
    const r = await check(repo.dir, '--against', 'git:HEAD');
    expect(r.code).toBe(100);
    const broken = short(repo, 'HEAD~2');
    expect(r.stderr.match(/skipped/g)).toHaveLength(1);
    expect(r.stderr).toContain(
      `unilog check: note: git:HEAD: commit ${broken} skipped: its schemas or catalog do not load (${broken}:schemas/user.avsc:5:47: default of field 'age' must be an int`,
    );
    expect(lines(r.stdout)).toEqual([
      `schemas/user.avsc:5:14: READER_FIELD_MISSING_DEFAULT_VALUE topic 'users' value: field 'age' of record 'com.acme.User' is not in the writer's record 'com.acme.User' and has no default; the new schema cannot read data written with commit ${short(repo, 'HEAD~3')} (BACKWARD_TRANSITIVE, at /fields/1)`,
    ]);
  });

  test('its catalog at the ref: an input error at the ref and path', async () => {
    const repo = repoWith([ID], [{ partitions: 0 }]);
    repo.write('schemas/topics.yaml', catalogText([{}]));
    const r = await check(repo.dir, '--against', 'git:HEAD', '--format', 'json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({
      errors: [{ file: 'HEAD:schemas/topics.yaml', line: 7, col: 17, code: 'INVALID_CONFIG', message: "'partitions' must be a whole number from 1 to 10000, got 0" }],
    });
  });
});

describe('a baseline that cannot be had: code BASELINE, at the baseline', () => {
  test.each([
    ['git:nope', 'git:nope', "git ref 'nope' not found; fetch it first (git fetch origin nope)"],
    ['git:team/origin/x', 'git:team/origin/x', "git ref 'team/origin/x' not found; fetch it first (git fetch origin team/origin/x)"],
    ['dir:nowhere', 'nowhere', 'baseline folder not found'],
  ])('%s', async (against, file, message) => {
    const repo = repoWith([ID]);
    const r = await check(repo.dir, '--against', against, '--format', 'json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({ errors: [{ file, line: 1, col: 1, code: 'BASELINE', message }] });
  });

  test.each([
    ['key', 'schemas/user.avsc'],
    ['value', 'schemas/key.avsc'],
  ])('a git ref from before the catalog that lacks the %s schema: the other one is compared', async (_missing, has) => {
    const repo = new GitFixture();
    repos.push(repo);
    const files: Record<string, string> = { 'schemas/key.avsc': KEY, 'schemas/user.avsc': recordText('User', [ID]) };
    repo.write(has, files[has]!).commit('one schema');
    repo.write('schemas/key.avsc', KEY).write('schemas/user.avsc', recordText('User', [ID])).write('schemas/topics.yaml', catalogText([{}]));
    const r = await check(repo.dir, '--against', 'git:HEAD');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('unilog check: no violations (1 topic compared with git:HEAD)\n');
  });

  test('a shallow clone lacking origin/<branch>: fetch the branch by its name on origin', async () => {
    const origin = repoWith([ID]);
    const clone = shallowClone(origin);
    const r = await check(clone.dir, '--against', 'git:origin/release');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      "git:origin/release:1:1: git ref 'origin/release' not found; this is a shallow clone: fetch the ref (git fetch origin release, or git fetch --deepen=<n>), or check out with fetch-depth: 0\n",
    );
    const team = await check(clone.dir, '--against', 'git:team/origin/x');
    expect(team.stderr).toContain('fetch the ref (git fetch origin team/origin/x, or');
  });
});

describe('git: the history of a transitive level', () => {
  test('commits that did not change the schema are one version, named by the ref when it is the newest', async () => {
    const repo = repoWith([ID], [{ compatibility: 'BACKWARD_TRANSITIVE' }]);
    repo.write('schemas/user.avsc', recordText('User', [ID, AGE])).commit('v2: age');
    repo.write('schemas/user.avsc', recordText('User', [ID, AGE], ', "doc": "a user"')).commit('v3: doc only');
    repo.write('schemas/user.avsc', recordText('User', [ID, '{"name": "age", "type": "string"}']));
    const r = await check(repo.dir, '--against', 'git:HEAD');
    expect(r.code).toBe(100);
    expect(lines(r.stdout).map((l) => l.replace(/^.*; the new schema/, 'the new schema'))).toEqual([
      `the new schema cannot read data written with commit ${short(repo, 'HEAD~2')} (BACKWARD_TRANSITIVE, at /fields/1)`,
      'the new schema cannot read data written with HEAD (BACKWARD_TRANSITIVE, at /fields/1/type)',
    ]);
  });

  test('the key has a history too', async () => {
    const repo = repoWith([ID], [{ compatibility: 'BACKWARD_TRANSITIVE' }]);
    const region = (def: string): string => `{"name": "region", "type": "string"${def}}`;
    repo.write('schemas/key.avsc', recordText('UserKey', [ID, region(', "default": "eu"')])).commit('key v2');
    repo.write('schemas/key.avsc', recordText('UserKey', [ID, region('')]));
    const r = await check(repo.dir, '--against', 'git:HEAD');
    expect(r.code).toBe(100);
    expect(lines(r.stdout).map((l) => l.replace(/ of record .*; the new/, '; the new'))).toEqual([
      `schemas/key.avsc:5:14: READER_FIELD_MISSING_DEFAULT_VALUE topic 'users' key: field 'region'; the new schema cannot read data written with commit ${short(repo, 'HEAD~1')} (BACKWARD_TRANSITIVE, at /fields/1)`,
    ]);
  });

  test('a topic younger than the history is compared with the commits that have it', async () => {
    const repo = repoWith([ID]);
    const events: TopicFields = { name: 'events', compatibility: 'FORWARD_TRANSITIVE' };
    repo.write('schemas/topics.yaml', catalogText([{}, events])).commit('events');
    repo.write('schemas/user.avsc', recordText('User', [ID, AGE])).commit('age');
    repo.write('schemas/user.avsc', recordText('User', []));
    const r = await check(repo.dir, '--against', 'git:HEAD');
    expect(r.code).toBe(100);
    // FORWARD_TRANSITIVE: both versions since events exists read the new one; the first commit had no events.
    expect(lines(r.stdout).map((l) => l.replace(/ of record .*; /, '; '))).toEqual([
      "schemas/user.avsc:1:1: READER_FIELD_MISSING_DEFAULT_VALUE topic 'events' value: field 'age'; HEAD cannot read data written with the new schema (FORWARD_TRANSITIVE, at /fields/1)",
      `schemas/user.avsc:1:1: READER_FIELD_MISSING_DEFAULT_VALUE topic 'events' value: field 'id'; commit ${short(repo, 'HEAD~1')} and HEAD cannot read data written with the new schema (FORWARD_TRANSITIVE, at /fields/0)`,
    ]);
  });

  test('a new transitive topic whose schemas an older commit had without a catalog is still new', async () => {
    const repo = new GitFixture();
    repos.push(repo);
    repo.write('schemas/key.avsc', KEY).write('schemas/user.avsc', recordText('User', [ID])).commit('schemas, no catalog yet');
    repo.write('schemas/topics.yaml', catalogText([{}])).commit('catalog');
    repo.write('schemas/topics.yaml', catalogText([{}, { name: 'events', compatibility: 'BACKWARD_TRANSITIVE' }]));
    const r = await check(repo.dir, '--against', 'git:HEAD');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('unilog check: no violations (1 topic compared with git:HEAD)\n');
  });

  test('only the transitive topics read the history; the others compare with the ref alone', async () => {
    const events: TopicFields = { name: 'events', compatibility: 'BACKWARD_TRANSITIVE' };
    const repo = repoWith([ID], [{}, events]);
    repo.write('schemas/user.avsc', recordText('User', [ID, '{"name": "age", "type": "int", "default": 0}'])).commit('v2');
    repo.write('schemas/user.avsc', recordText('User', [ID, AGE]));
    const r = await check(repo.dir, '--against', 'git:HEAD');
    expect(r.code).toBe(100);
    expect(lines(r.stdout).map((l) => l.split(' ').slice(0, 4).join(' '))).toEqual(["schemas/user.avsc:5:14: READER_FIELD_MISSING_DEFAULT_VALUE topic 'events'"]);
  });

  test('a shallow clone: a note that the history is cut short', async () => {
    const origin = repoWith([ID], [{ compatibility: 'FULL_TRANSITIVE' }]);
    const clone = shallowClone(origin);
    const r = await check(clone.dir, '--against', 'git:HEAD');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('unilog check: note: git:HEAD: shallow clone, so transitive levels see only the fetched history (use fetch-depth: 0, or git fetch --unshallow)\n');
    const plain = await check(clone.dir, '--against', 'git:HEAD', '--format', 'json');
    expect(JSON.parse(plain.stdout).notes).toHaveLength(1);
  });

  test('a shallow clone without a transitive level: no note', async () => {
    const origin = repoWith([ID]);
    const clone = shallowClone(origin);
    const r = await check(clone.dir, '--against', 'git:HEAD');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('unilog check: no violations (1 topic compared with git:HEAD)\n');
  });
});

describe('dir baselines', () => {
  test('with a catalog: schemas compared as the catalog names them, and no note', async () => {
    const repo = repoWith([ID, AGE]);
    repo.write('old/key.avsc', KEY).write('old/user.avsc', recordText('User', [ID])).write('old/topics.yaml', catalogText([{}]));
    const r = await check(repo.dir, '--against', 'dir:old');
    expect(r.code).toBe(100);
    expect(lines(r.stdout).map((l) => l.split(' ').slice(0, 2).join(' '))).toEqual(['schemas/user.avsc:5:14: READER_FIELD_MISSING_DEFAULT_VALUE']);
    expect(r.stderr).toBe('unilog check: 1 violation (1 topic compared with dir:old)\n');
  });

  test.each([
    ['with a catalog', true],
    ['without a catalog', false],
  ])('%s: a changed key is KEY_SCHEMA_CHANGED since the folder', async (_what, withCatalog) => {
    const repo = repoWith([ID]);
    repo.write('old/key.avsc', recordText('UserKey', [ID, '{"name": "region", "type": "string", "default": "eu"}'])).write('old/user.avsc', recordText('User', [ID]));
    if (withCatalog) repo.write('old/topics.yaml', catalogText([{}]));
    const r = await check(repo.dir, '--against', 'dir:old');
    expect(r.code).toBe(100);
    expect(lines(r.stdout)).toEqual([
      "schemas/key.avsc:1:1: KEY_SCHEMA_CHANGED topic 'users' key: field 'region' was removed from 'com.acme.UserKey' since dir:old; the same key would hash to another partition",
    ]);
  });

  test('a broken schema in the folder is an input error there', async () => {
    const repo = repoWith([ID]);
    mkdirSync(join(repo.dir, 'old'));
    writeFileSync(join(repo.dir, 'old/user.avsc'), '{"type": "record", "name": "User", "fields": [{"name": "n", "type": "nope"}]}');
    const r = await check(repo.dir, '--against', 'dir:old');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^old\/user\.avsc:1:\d+: unknown type 'nope'/);
  });

  test('a topic the folder lacks is new; one the new catalog lacks is removed', async () => {
    const repo = repoWith([ID], [{}, { name: 'orders' }]);
    mkdirSync(join(repo.dir, 'old'));
    writeFileSync(join(repo.dir, 'old/key.avsc'), KEY);
    writeFileSync(join(repo.dir, 'old/user.avsc'), recordText('User', [ID]));
    writeFileSync(join(repo.dir, 'old/topics.yaml'), catalogText([{}, { name: 'payments', value: 'com.acme.UserKey' }]));
    const r = await check(repo.dir, '--against', 'dir:old');
    expect(r.code).toBe(100);
    expect(lines(r.stdout)).toEqual(["schemas/topics.yaml:1:1: TOPIC_REMOVED topic 'payments' is no longer in the catalog; its consumers would read nothing new"]);
    expect(r.stderr).toContain('(1 topic compared with dir:old)');
  });

  test('a catalog outside the schemas folder has no place in the old folder: topics matched by schema name', async () => {
    const repo = new GitFixture();
    repos.push(repo);
    repo.write('schemas/key.avsc', KEY).write('schemas/user.avsc', recordText('User', [ID, AGE])).write('topics.yaml', catalogText([{}]));
    repo.write('old/key.avsc', KEY).write('old/user.avsc', recordText('User', [ID])).write('topics.yaml.old', catalogText([{ partitions: 12 }]));
    const r = await check(repo.dir, '--against', 'dir:old', '--catalog', 'topics.yaml');
    expect(r.code).toBe(100);
    expect(lines(r.stdout).map((l) => l.split(' ').slice(0, 2).join(' '))).toEqual(['schemas/user.avsc:5:14: READER_FIELD_MISSING_DEFAULT_VALUE']);
    expect(r.stderr).toContain('unilog check: note: dir:old: no catalog in the baseline folder, so topics are matched by schema name and topic rules are skipped\n');
  });

  test('without a catalog: a topic is compared on the schemas the folder has, counted when it has either', async () => {
    const repo = new GitFixture();
    repos.push(repo);
    repo.write('schemas/key.avsc', KEY).write('schemas/user.avsc', recordText('User', [ID])).write('schemas/event.avsc', recordText('Event', [ID]));
    const logs: TopicFields = { name: 'logs', key: 'string', value: 'com.acme.Event' };
    repo.write('schemas/topics.yaml', catalogText([{ compatibility: 'FORWARD' }, { name: 'events', value: 'com.acme.Event' }, logs]));
    // The old folder has the value of users (with a field the new one dropped), neither schema of events, and no Event.
    repo.write('old/user.avsc', recordText('User', [ID, AGE]));
    const r = await check(repo.dir, '--against', 'dir:old');
    expect(r.code).toBe(100);
    expect(lines(r.stdout).map((l) => l.split(' ').slice(0, 4).join(' '))).toEqual(["schemas/user.avsc:1:1: READER_FIELD_MISSING_DEFAULT_VALUE topic 'users'"]);
    // users by its value, logs by its primitive key (the same, so no KEY_SCHEMA_CHANGED); events not at all.
    expect(r.stderr).toContain('unilog check: 1 violation (2 topics compared with dir:old)\n');
  });
});

describe('input errors are reported once and where they are', () => {
  test('a schema file that does not parse: its error alone, not the catalog entries that name its types', async () => {
    const repo = repoWith([ID]);
    repo.write('schemas/user.avsc', '{"type": "record", "name": "User",\n');
    const r = await check(repo.dir, '--against', 'git:HEAD');
    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(/^schemas\/user\.avsc:\d+:\d+: /);
  });
});
