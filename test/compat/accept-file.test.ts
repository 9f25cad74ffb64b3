/**
 * The accept file (schemas/compat-accept.yaml) as `unilog check` reads it: every mistake in it is an input error at
 * its file:line:col (exit 1), an empty file is no file, and an entry excuses its own rule on its own topic only.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { applyAccepts, loadAcceptFile, parseAcceptFile, type AcceptEntry } from '../../generator/compat/gate/accept-file.js';
import { finding } from '../../generator/compat/gate/finding.js';
import { checkIn, type Captured } from './capture-output.js';
import { catalogText, GitFixture, KEY, recordText, type TopicFields } from './gate-fixture.js';

const repos: GitFixture[] = [];
afterEach(() => {
  for (const r of repos.splice(0)) r.dispose();
});

const ID = '{"name": "id", "type": "string"}';
const ACCEPT = 'schemas/compat-accept.yaml';

function repoWith(topics: readonly TopicFields[]): GitFixture {
  const repo = new GitFixture();
  repos.push(repo);
  repo.write('schemas/key.avsc', KEY).write('schemas/user.avsc', recordText('User', [ID])).write('schemas/topics.yaml', catalogText(topics));
  repo.commit('baseline');
  return repo;
}

async function check(repo: GitFixture, ...args: string[]): Promise<Captured> {
  const against = args.includes('--against') ? [] : ['--against', 'git:HEAD'];
  return checkIn(repo.dir, [...against, ...args]);
}

const lines = (out: string): string[] => out.split('\n').filter((l) => l.length > 0);

describe('mistakes in the accept file: exit 1, each at its place', () => {
  test.each<[string, string, string[]]>([
    ['not a mapping', '- users\n', [`${ACCEPT}:1:1: the accept file must be a mapping`]],
    ['a misspelt key', 'acept: []\n', [`${ACCEPT}:1:1: unknown key 'acept' in the accept file (known: accept)`]],
    ["'accept' not a list", 'accept: users\n', [`${ACCEPT}:1:9: 'accept' must be a list of { topic, rule, reason }`]],
    ['malformed YAML', 'accept: [\n', [`${ACCEPT}:2:1: malformed YAML: Flow sequence in block collection must be sufficiently indented and end with a ]`]],
    [
      'entries with mistakes, all reported at once',
      [
        'accept:',
        '  - users',
        '  - topic: users',
        '    rule: TYPE_MISMATCH',
        '  - topic: users',
        '    rule: TYPE_MISMATCH',
        '    reason: r',
        '    ticket: OPS-1',
        '  - rule: TYPE_MISMATCH',
        '    reason: r',
        '  - topic: users',
        '    reason: r',
        '  - topic: users',
        '    rule: PARTITIONS_SHRUNK',
        '    reason: r',
        '',
      ].join('\n'),
      [
        `${ACCEPT}:2:5: an accept entry must be a mapping`,
        `${ACCEPT}:3:5: accept entry is missing 'reason'`,
        `${ACCEPT}:8:5: unknown key 'ticket' in accept entry (known: topic, rule, reason)`,
        `${ACCEPT}:9:5: accept entry is missing 'topic'`,
        `${ACCEPT}:11:5: accept entry is missing 'rule'`,
        `${ACCEPT}:14:11: unknown rule 'PARTITIONS_SHRUNK' (one of NAME_MISMATCH, FIXED_SIZE_MISMATCH, MISSING_ENUM_SYMBOLS, READER_FIELD_MISSING_DEFAULT_VALUE, TYPE_MISMATCH, MISSING_UNION_BRANCH, TOPIC_REMOVED, KEY_SCHEMA_CHANGED, PARTITIONS_DECREASED, CLEANUP_POLICY_CHANGED, VISIBILITY_NARROWED, ACCEPT_UNUSED)`,
      ],
    ],
  ])('%s', async (_what, text, want) => {
    const repo = repoWith([{}]);
    repo.write(ACCEPT, text);
    const r = await check(repo);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(lines(r.stderr)).toEqual(want);
  });

  test('their code in --format json: INVALID_CONFIG', async () => {
    const repo = repoWith([{}]);
    repo.write(ACCEPT, 'accept:\n  - topic: users\n    rule: NOPE\n    reason: r\n');
    const unknown = await check(repo, '--format', 'json');
    expect(JSON.parse(unknown.stdout).errors.map((e: { code: string; line: number }) => [e.code, e.line])).toEqual([['INVALID_CONFIG', 3]]);
    repo.write(ACCEPT, 'accept: users\n');
    const notList = await check(repo, '--format', 'json');
    expect(JSON.parse(notList.stdout).errors.map((e: { code: string; line: number }) => [e.code, e.line])).toEqual([['INVALID_CONFIG', 1]]);
  });

  test('with a broken catalog too: both files reported in one run', async () => {
    const repo = repoWith([{}]);
    repo.write('schemas/topics.yaml', catalogText([{ partitions: 0 }]));
    repo.write(ACCEPT, 'accept: 3\n');
    const r = await check(repo);
    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toEqual([
      `${ACCEPT}:1:9: 'accept' must be a list of { topic, rule, reason }`,
      "schemas/topics.yaml:7:17: 'partitions' must be a whole number from 1 to 10000, got 0",
    ]);
  });
});

describe('what the loader returns', () => {
  test('only complete entries with a known rule, each at its entry', () => {
    const text = [
      'accept:',
      '  - topic: users',
      '    rule: TYPE_MISMATCH',
      '    reason: INC-1',
      '  - topic: users',
      '    rule: TYPE_MISMATCH',
      '  - topic: orders',
      '    rule: NOPE',
      '    reason: r',
      '  - topic: orders',
      '    rule: TOPIC_REMOVED',
      '    reason: INC-2',
      '  - rule: TYPE_MISMATCH',
      '    reason: r',
      '  - topic: users',
      '    reason: r',
      '',
    ].join('\n');
    const parsed = parseAcceptFile(text, ACCEPT);
    expect(parsed.entries).toEqual([
      { topic: 'users', rule: 'TYPE_MISMATCH', reason: 'INC-1', pos: { file: ACCEPT, line: 2, col: 5 } },
      { topic: 'orders', rule: 'TOPIC_REMOVED', reason: 'INC-2', pos: { file: ACCEPT, line: 10, col: 5 } },
    ]);
    expect(parsed.diagnostics.map((d) => d.line)).toEqual([5, 8, 13, 15]);
  });

  test('a named file that is missing: no entries, the error NO_ACCEPT_FILE (as --format json shows it)', async () => {
    const repo = repoWith([{}]);
    const r = await check(repo, '--accept', 'ci/none.yaml', '--format', 'json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({ errors: [{ file: 'ci/none.yaml', line: 1, col: 1, code: 'NO_ACCEPT_FILE', message: 'accept file not found' }] });
    expect(loadAcceptFile(join(repo.dir, 'ci/none.yaml'), true).entries).toEqual([]);
    expect(loadAcceptFile(join(repo.dir, 'ci/none.yaml'), false)).toEqual({ entries: [], diagnostics: [] });
  });
});

describe('an accept file with nothing in it is no accept file', () => {
  test.each([['empty', ''], ['comments only', '# breaks we ship\n'], ["'accept' with no entries", 'accept:\n']])('%s', async (_what, text) => {
    const repo = repoWith([{}]);
    repo.write(ACCEPT, text);
    repo.write('schemas/topics.yaml', catalogText([{ partitions: 3 }]));
    const r = await check(repo);
    expect(r.code).toBe(100);
    expect(lines(r.stdout)).toEqual(["schemas/topics.yaml:7:17: PARTITIONS_DECREASED topic 'users' goes from 6 to 3 partitions; Kafka cannot remove partitions"]);
  });
});

describe('an entry excuses its rule on its topic, nothing else', () => {
  test('another topic with the same break, and another break of the same topic, still fail', async () => {
    const events: TopicFields = { name: 'events', value: 'com.acme.User' };
    const repo = repoWith([{}, events]);
    repo.write('schemas/topics.yaml', catalogText([{ partitions: 3, visibility: 'internal' }, { ...events, partitions: 3 }]));
    repo.write(ACCEPT, 'accept:\n  - topic: users\n    rule: PARTITIONS_DECREASED\n    reason: OPS-12\n');
    const r = await check(repo);
    expect(r.code).toBe(100);
    expect(lines(r.stdout)).toEqual([
      "schemas/topics.yaml:5:17: VISIBILITY_NARROWED topic 'users' goes from shared to internal; other services may consume it",
      "schemas/topics.yaml:16:17: PARTITIONS_DECREASED topic 'events' goes from 6 to 3 partitions; Kafka cannot remove partitions",
      "schemas/topics.yaml:7:17: PARTITIONS_DECREASED topic 'users' goes from 6 to 3 partitions; Kafka cannot remove partitions (accepted: OPS-12)",
    ]);
    expect(r.stderr).toContain('unilog check: 2 violations, 1 accepted (2 topics compared with git:HEAD)');
  });
});

describe('catalog-rule entries against a baseline without a catalog', () => {
  const entry = 'accept:\n  - topic: users\n    rule: PARTITIONS_DECREASED\n    reason: OPS-12\n';
  const note = 'unilog check: note: 1 accept entry for catalog rules not checked: this baseline has no catalog\n';

  test('a folder without one', async () => {
    const repo = repoWith([{}]);
    repo.write(ACCEPT, entry).write('old/key.avsc', KEY).write('old/user.avsc', recordText('User', [ID]));
    const r = await check(repo, '--against', 'dir:old');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(note);
    expect(r.stderr).not.toContain('matches no finding');
  });

  test('a git ref from before the catalog', async () => {
    const repo = new GitFixture();
    repos.push(repo);
    repo.write('schemas/key.avsc', KEY).write('schemas/user.avsc', recordText('User', [ID])).commit('schemas first');
    repo.write('schemas/topics.yaml', catalogText([{}])).write(ACCEPT, entry);
    const r = await check(repo);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`${note}unilog check: no violations (1 topic compared with git:HEAD)\n`);
  });
});

describe('entries that excuse nothing', () => {
  const at = (line: number): AcceptEntry['pos'] => ({ file: ACCEPT, line, col: 5 });
  const entries: AcceptEntry[] = [
    { topic: 'users', rule: 'PARTITIONS_DECREASED', reason: 'r', pos: at(2) },
    { topic: 'users', rule: 'VISIBILITY_NARROWED', reason: 'r', pos: at(5) },
    { topic: 'users', rule: 'TYPE_MISMATCH', reason: 'r', pos: at(8) },
  ];

  test('without a catalog in the baseline, catalog-rule entries are counted as unchecked; the others are judged', () => {
    const r = applyAccepts([], entries, { catalogRulesChecked: false, failOnUnused: false });
    expect(r.violations).toEqual([]);
    expect(r.notes).toEqual([
      '2 accept entries for catalog rules not checked: this baseline has no catalog',
      `${ACCEPT}:8:5: accept entry for TYPE_MISMATCH on topic 'users' matches no finding; remove it (the break has merged into the baseline)`,
    ]);
  });

  test('a catalog-rule entry that did excuse a finding is used, whatever the baseline', () => {
    const partitions = finding('PARTITIONS_DECREASED', { file: 'schemas/topics.yaml', line: 7, col: 17 }, 'm', 'users');
    const r = applyAccepts([partitions], entries.slice(0, 1), { catalogRulesChecked: false, failOnUnused: true });
    expect(r).toEqual({ violations: [], accepted: [{ ...partitions, reason: 'r' }], notes: [] });
  });

  test('with --fail-on-unused-accept, each unused entry is an ACCEPT_UNUSED violation at the entry, for its topic', () => {
    const r = applyAccepts([], entries.slice(2), { catalogRulesChecked: true, failOnUnused: true });
    expect(r.violations).toEqual([
      { ruleId: 'ACCEPT_UNUSED', file: ACCEPT, line: 8, col: 5, topic: 'users', message: "accept entry for TYPE_MISMATCH on topic 'users' matches no finding; remove it" },
    ]);
    expect(r.notes).toEqual([]);
  });
});
