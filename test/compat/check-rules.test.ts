/**
 * One previous/current fixture per catalog rule (buf breaking's model), each asserting the exact file:line:col the
 * finding points at in the NEW catalog or key schema; then the output formats, the accept file and the dir baseline.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { checkIn, type Captured } from './capture-output.js';
import { catalogText, GitFixture, KEY, recordText, type TopicFields } from './gate-fixture.js';

const repos: GitFixture[] = [];
afterEach(() => {
  for (const r of repos.splice(0)) r.dispose();
});

const ID = '{"name": "id", "type": "string"}';
const USER = recordText('User', [ID]);
const EVENT = recordText('Event', [ID]);

function repoWith(topics: readonly TopicFields[]): GitFixture {
  const repo = new GitFixture();
  repos.push(repo);
  repo.write('schemas/key.avsc', KEY).write('schemas/user.avsc', USER).write('schemas/event.avsc', EVENT);
  repo.write('schemas/topics.yaml', catalogText(topics));
  repo.commit('baseline');
  return repo;
}

async function check(repo: GitFixture, ...args: string[]): Promise<Captured> {
  return checkIn(repo.dir, args);
}

const lines = (out: string): string[] => out.split('\n').filter((l) => l.length > 0);
const EVENTS: TopicFields = { name: 'events', value: 'com.acme.Event', cleanupPolicy: 'delete' };

describe('catalog rules: one fixture each, exact position in the new catalog', () => {
  test.each<[string, TopicFields[], TopicFields[], string]>([
    [
      'PARTITIONS_DECREASED',
      [{}],
      [{ partitions: 3 }],
      "schemas/topics.yaml:7:17: PARTITIONS_DECREASED topic 'users' goes from 6 to 3 partitions; Kafka cannot remove partitions",
    ],
    [
      'CLEANUP_POLICY_CHANGED',
      [{}],
      [{ cleanupPolicy: 'delete' }],
      "schemas/topics.yaml:8:20: CLEANUP_POLICY_CHANGED topic 'users' changes its cleanup policy from compact to delete; consumers rebuilding state from it would lose keys",
    ],
    [
      'VISIBILITY_NARROWED',
      [{}],
      [{ visibility: 'internal' }],
      "schemas/topics.yaml:5:17: VISIBILITY_NARROWED topic 'users' goes from shared to internal; other services may consume it",
    ],
    [
      'TOPIC_REMOVED (deleted)',
      [{}, EVENTS],
      [{}],
      "schemas/topics.yaml:1:1: TOPIC_REMOVED topic 'events' is no longer in the catalog; its consumers would read nothing new",
    ],
    [
      'TOPIC_REMOVED (renamed)',
      [{}, EVENTS],
      [{}, { ...EVENTS, name: 'user-events' }],
      "schemas/topics.yaml:11:11: TOPIC_REMOVED topic 'events' is renamed to 'user-events'; its consumers would read nothing new (add 'user-events' beside it and migrate)",
    ],
  ])('%s', async (_rule, before, after, want) => {
    const repo = repoWith(before);
    repo.write('schemas/topics.yaml', catalogText(after));
    const r = await check(repo, '--against', 'git:HEAD');
    expect(lines(r.stdout)).toEqual([want]);
    expect(r.code).toBe(100);
  });

  test('the other direction of each change is allowed', async () => {
    const repo = repoWith([{ partitions: 3, cleanupPolicy: 'delete', visibility: 'internal' }]);
    repo.write('schemas/topics.yaml', catalogText([{ partitions: 12, cleanupPolicy: 'compact', visibility: 'shared' }, EVENTS]));
    const r = await check(repo, '--against', 'git:HEAD');
    expect(r.stdout).toBe('');
    expect(r.code).toBe(0);
  });

  test('an internal topic that stays internal, and a delete topic that stays delete, are not changes', async () => {
    const repo = repoWith([{ visibility: 'internal', cleanupPolicy: 'delete' }]);
    expect((await check(repo, '--against', 'git:HEAD')).code).toBe(0);
  });

  test.each<[string, TopicFields[], TopicFields[], string]>([
    ['a baseline topic with the same schemas is not taken for the new name', [{}, { name: 'users-copy' }], [{}], "schemas/topics.yaml:1:1: TOPIC_REMOVED topic 'users-copy' is no longer in the catalog"],
    ['a new topic with another key is not a rename', [{}, EVENTS], [{}, { ...EVENTS, name: 'user-events', key: 'string' }], "schemas/topics.yaml:1:1: TOPIC_REMOVED topic 'events' is no longer in the catalog"],
    ['a new topic with another value is not a rename', [{}, EVENTS], [{}, { ...EVENTS, name: 'user-events', value: 'com.acme.User' }], "schemas/topics.yaml:1:1: TOPIC_REMOVED topic 'events' is no longer in the catalog"],
  ])('TOPIC_REMOVED: %s', async (_what, before, after, want) => {
    const repo = repoWith(before);
    repo.write('schemas/topics.yaml', catalogText(after));
    const r = await check(repo, '--against', 'git:HEAD');
    expect(r.code).toBe(100);
    expect(lines(r.stdout).map((l) => l.replace(/; its consumers.*$/, ''))).toEqual([want]);
  });

  test('positions come from the catalog as written: a comment before topics:, an entry that does not start with its name', async () => {
    const repo = repoWith([{}, EVENTS]);
    const entry = ['  - key: com.acme.UserKey', '    name: users', '    value: com.acme.User', '    visibility: shared', '    owner: user-service', '    partitions: 3', '    cleanupPolicy: compact', ''];
    repo.write('schemas/topics.yaml', ['# the user service', 'topics:', ...entry].join('\n'));
    const r = await check(repo, '--against', 'git:HEAD');
    expect(r.code).toBe(100);
    expect(lines(r.stdout).map((l) => l.split(' ').slice(0, 2).join(' '))).toEqual(['schemas/topics.yaml:2:1: TOPIC_REMOVED', 'schemas/topics.yaml:8:17: PARTITIONS_DECREASED']);
  });

  test('KEY_SCHEMA_CHANGED: a field added to the key (even with a default) moves keys to other partitions', async () => {
    const repo = repoWith([{}]);
    repo.write('schemas/key.avsc', recordText('UserKey', [ID, '{"name": "tenant", "type": "string", "default": ""}']));
    const r = await check(repo, '--against', 'git:HEAD');
    expect(lines(r.stdout)).toEqual([
      "schemas/key.avsc:5:14: KEY_SCHEMA_CHANGED topic 'users' key: field 'tenant' was added to 'com.acme.UserKey' since HEAD; the same key would hash to another partition",
    ]);
    expect(r.code).toBe(100);
  });

  test('KEY_SCHEMA_CHANGED: a primitive key changing type points at the catalog', async () => {
    const repo = repoWith([{ key: 'string' }]);
    repo.write('schemas/topics.yaml', catalogText([{ key: 'long' }]));
    const r = await check(repo, '--against', 'git:HEAD');
    // Also BACKWARD: a long cannot read a string.
    expect(lines(r.stdout)).toEqual([
      "schemas/topics.yaml:3:10: KEY_SCHEMA_CHANGED topic 'users' key: string became long since HEAD; the same key would hash to another partition",
      "schemas/topics.yaml:3:10: TYPE_MISMATCH topic 'users' key: long cannot read the writer's string; the new schema cannot read data written with HEAD (BACKWARD, at /)",
    ]);
  });

  test('a doc-only change to the key is not a key change', async () => {
    const repo = repoWith([{}]);
    repo.write('schemas/key.avsc', recordText('UserKey', [ID], ', "doc": "the user id"'));
    expect((await check(repo, '--against', 'git:HEAD')).code).toBe(0);
  });
});

describe('output formats', () => {
  const broken = async (format: string): Promise<Captured> => {
    const repo = repoWith([{}]);
    repo.write('schemas/topics.yaml', catalogText([{ partitions: 2 }]));
    return check(repo, '--against', 'git:HEAD', '--format', format);
  };

  test('json', async () => {
    const r = await broken('json');
    expect(r.code).toBe(100);
    expect(JSON.parse(r.stdout)).toEqual({
      against: 'git:HEAD',
      violations: [
        {
          ruleId: 'PARTITIONS_DECREASED', file: 'schemas/topics.yaml', line: 7, col: 17, topic: 'users',
          message: "topic 'users' goes from 6 to 2 partitions; Kafka cannot remove partitions",
        },
      ],
      accepted: [],
      notes: [],
    });
  });

  test('github', async () => {
    const r = await broken('github');
    expect(r.code).toBe(100);
    expect(r.stdout).toBe(
      "::error file=schemas/topics.yaml,line=7,col=17,title=PARTITIONS_DECREASED::topic 'users' goes from 6 to 2 partitions; Kafka cannot remove partitions\n",
    );
  });

  test('junit', async () => {
    const r = await broken('junit');
    expect(r.code).toBe(100);
    expect(r.stdout).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="unilog check" tests="1" failures="1" errors="0" skipped="0">',
        '  <testsuite name="schemas/topics.yaml" tests="1" failures="1" errors="0" skipped="0">',
        '    <testcase classname="schemas/topics.yaml" name="PARTITIONS_DECREASED schemas/topics.yaml:7:17">',
        '      <failure type="PARTITIONS_DECREASED" message="topic &apos;users&apos; goes from 6 to 2 partitions; Kafka cannot remove partitions">schemas/topics.yaml:7:17: PARTITIONS_DECREASED topic &apos;users&apos; goes from 6 to 2 partitions; Kafka cannot remove partitions</failure>',
        '    </testcase>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
  });

  test('junit for a clean run holds one passing test case', async () => {
    const repo = repoWith([{}]);
    const r = await check(repo, '--against', 'git:HEAD', '--format', 'junit');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('<testcase classname="unilog check" name="compatible with git:HEAD"/>');
  });

  test('input errors in json, junit and github formats', async () => {
    const repo = repoWith([{}]);
    repo.write('schemas/topics.yaml', catalogText([{ partitions: 0 }]));
    const json = await check(repo, '--against', 'git:HEAD', '--format', 'json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual({
      errors: [{ file: 'schemas/topics.yaml', line: 7, col: 17, code: 'INVALID_CONFIG', message: "'partitions' must be a whole number from 1 to 10000, got 0" }],
    });
    // A CI step that uploads the report file finds the errors there, not an empty file.
    const junit = await check(repo, '--against', 'git:HEAD', '--format', 'junit');
    expect(junit.code).toBe(1);
    expect(junit.stdout).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="unilog check" tests="1" failures="0" errors="1" skipped="0">',
        '  <testsuite name="unilog check: input errors" tests="1" failures="0" errors="1" skipped="0">',
        '    <testcase classname="schemas/topics.yaml" name="INVALID_CONFIG schemas/topics.yaml:7:17">',
        '      <error type="INVALID_CONFIG" message="&apos;partitions&apos; must be a whole number from 1 to 10000, got 0">schemas/topics.yaml:7:17: &apos;partitions&apos; must be a whole number from 1 to 10000, got 0</error>',
        '    </testcase>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
    const github = await check(repo, '--against', 'git:HEAD', '--format', 'github');
    expect(github.code).toBe(1);
    expect(github.stdout).toBe(
      "::error file=schemas/topics.yaml,line=7,col=17,title=INVALID_CONFIG::'partitions' must be a whole number from 1 to 10000, got 0\n",
    );
  });
});

describe('accept file', () => {
  test('an accepted break is printed as accepted and does not fail; once merged, its entry is a note (a violation with --fail-on-unused-accept)', async () => {
    const repo = repoWith([{}, EVENTS]);
    repo.write('schemas/topics.yaml', catalogText([{ partitions: 3 }, EVENTS]));
    repo.write(
      'schemas/compat-accept.yaml',
      [
        'accept:',
        '  - topic: users',
        '    rule: PARTITIONS_DECREASED',
        '    reason: "recreated with 3 partitions in the maintenance window (OPS-12)"',
        '',
      ].join('\n'),
    );
    const ok = await check(repo, '--against', 'git:HEAD');
    expect(ok.code).toBe(0);
    expect(lines(ok.stdout)).toEqual([
      "schemas/topics.yaml:7:17: PARTITIONS_DECREASED topic 'users' goes from 6 to 3 partitions; Kafka cannot remove partitions (accepted: recreated with 3 partitions in the maintenance window (OPS-12))",
    ]);
    expect(ok.stderr).toContain('no violations, 1 accepted');

    // The pull request merges, break and entry together: main's own check (against git:HEAD, as `npm test` runs it)
    // still passes, and says the entry can go.
    repo.commit('users recreated with 3 partitions');
    const merged = await check(repo, '--against', 'git:HEAD');
    expect(merged.code).toBe(0);
    expect(merged.stdout).toBe('');
    expect(merged.stderr).toContain(
      "unilog check: note: schemas/compat-accept.yaml:2:5: accept entry for PARTITIONS_DECREASED on topic 'users' matches no finding; remove it (the break has merged into the baseline)",
    );
    const strict = await check(repo, '--against', 'git:HEAD', '--fail-on-unused-accept');
    expect(strict.code).toBe(100);
    expect(lines(strict.stdout)).toEqual([
      "schemas/compat-accept.yaml:2:5: ACCEPT_UNUSED accept entry for PARTITIONS_DECREASED on topic 'users' matches no finding; remove it",
    ]);
  });

  test('--accept names another file; a missing named file or an unknown rule is an input error', async () => {
    const repo = repoWith([{}]);
    repo.write('ci/breaks.yaml', 'accept:\n  - topic: users\n    rule: PARTITIONS_SHRUNK\n    reason: x\n');
    const missing = await check(repo, '--against', 'git:HEAD', '--accept', 'ci/none.yaml');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('ci/none.yaml:1:1: accept file not found\n');
    const unknown = await check(repo, '--against', 'git:HEAD', '--accept', 'ci/breaks.yaml');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^ci\/breaks\.yaml:3:11: unknown rule 'PARTITIONS_SHRUNK' \(one of /);
  });
});

describe('dir baseline', () => {
  test('compares with an old copy of the schemas folder, catalog included', async () => {
    const repo = repoWith([{}]);
    const old = join(repo.dir, 'release-1.0');
    mkdirSync(old);
    writeFileSync(join(old, 'key.avsc'), KEY);
    writeFileSync(join(old, 'user.avsc'), recordText('User', [ID, '{"name": "age", "type": "int"}']));
    writeFileSync(join(old, 'topics.yaml'), catalogText([{ partitions: 12 }]));
    const r = await check(repo, '--against', 'dir:release-1.0');
    expect(r.code).toBe(100);
    expect(lines(r.stdout)).toEqual([
      "schemas/topics.yaml:7:17: PARTITIONS_DECREASED topic 'users' goes from 12 to 6 partitions; Kafka cannot remove partitions",
    ]);
  });

  test('without a catalog in the folder, topics are matched by schema name', async () => {
    const repo = repoWith([{ compatibility: 'FORWARD' }]);
    const old = join(repo.dir, 'old');
    mkdirSync(old);
    writeFileSync(join(old, 'all.avsc'), `[${KEY}, ${recordText('User', [ID, '{"name": "age", "type": "int"}'])}]`);
    const r = await check(repo, '--against', 'dir:old');
    expect(r.code).toBe(100);
    expect(lines(r.stdout)).toEqual([
      "schemas/user.avsc:1:1: READER_FIELD_MISSING_DEFAULT_VALUE topic 'users' value: field 'age' of record 'com.acme.User' is not in the writer's record 'com.acme.User' and has no default; dir:old cannot read data written with the new schema (FORWARD, at /fields/1)",
    ]);
    expect(r.stderr).toContain('note: dir:old: no catalog in the baseline folder');
  });

  test('a missing folder is an input error', async () => {
    const repo = repoWith([{}]);
    const r = await check(repo, '--against', 'dir:nowhere');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('nowhere:1:1: baseline folder not found\n');
  });
});

describe('usage', () => {
  test('--help names every rule with what it guards against', async () => {
    const repo = repoWith([{}]);
    const r = await check(repo, '--help');
    expect(r.code).toBe(0);
    const rules = r.stdout.split('\nRules:\n')[1]!.split('\n\n')[0]!.split('\n').map((l) => l.trim().replace(/ {2,}/, ' | '));
    expect(rules).toEqual([
      'NAME_MISMATCH | a named type was renamed without an alias for its old name',
      'FIXED_SIZE_MISMATCH | a fixed type changed its size',
      'MISSING_ENUM_SYMBOLS | the reading enum lacks symbols the writing one has, and has no default',
      'READER_FIELD_MISSING_DEFAULT_VALUE | the reading record has a field the writing one lacks, without a default',
      'TYPE_MISMATCH | a type changed into one that cannot read the other (promotions int->long->float->double, string<->bytes are fine)',
      'MISSING_UNION_BRANCH | the reading union has no branch for a type the writer may write',
      'TOPIC_REMOVED | a topic of the baseline is gone from the catalog, or renamed: its consumers would read nothing',
      "KEY_SCHEMA_CHANGED | the key schema's binary encoding changed, so murmur2 sends the same key to another partition",
      'PARTITIONS_DECREASED | Kafka cannot remove partitions; a smaller count means a new topic and re-keyed data',
      'CLEANUP_POLICY_CHANGED | compact -> delete: consumers that rebuild a table from the topic lose the older keys',
      'VISIBILITY_NARROWED | a shared topic made internal: other services consume it today',
      'ACCEPT_UNUSED | with --fail-on-unused-accept, an accept-file entry that matches no finding (else a note)',
    ]);
  });

  test.each([[['--format', 'xml', '--against', 'git:HEAD']], [['--against', 'svn:1']], [[]], [['--against']]])('%j exits 1', async (argv) => {
    const repo = repoWith([{}]);
    const r = await check(repo, ...argv);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^unilog check: /);
  });
});
