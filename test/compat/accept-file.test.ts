/**
 * The accept file (schemas/compat-accept.yaml) as `unilog check` reads it: every mistake in it is an input error at
 * its file:line:col (exit 1), an empty file is no file, and an entry excuses its own rule on its own topic only.
 */
import { afterEach, describe, expect, test, vi } from 'vitest';
import { runCheckCommand } from '../../generator/cli/check-command.js';
import { applyAccepts, type AcceptEntry } from '../../generator/compat/gate/accept-file.js';
import { finding } from '../../generator/compat/gate/finding.js';
import { capture, type Captured } from './capture-output.js';
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
  const cwd = vi.spyOn(process, 'cwd').mockReturnValue(repo.dir);
  try {
    return await capture(() => runCheckCommand(['--against', 'git:HEAD', ...args]));
  } finally {
    cwd.mockRestore();
  }
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
        '',
      ].join('\n'),
      [
        `${ACCEPT}:2:5: an accept entry must be a mapping`,
        `${ACCEPT}:3:5: accept entry is missing 'reason'`,
        `${ACCEPT}:8:5: unknown key 'ticket' in accept entry (known: topic, rule, reason)`,
        `${ACCEPT}:9:5: accept entry is missing 'topic'`,
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
