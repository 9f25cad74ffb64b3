/**
 * The four `--format`s of one report holding what a run can produce at once: violations in two files, an accepted
 * finding, a note, and text that each format must escape (quotes, `<`, `&`, `%`, newlines, control characters).
 */
import { describe, expect, test } from 'vitest';
import { finding, sortFindings, type AcceptedFinding } from '../../generator/compat/gate/finding.js';
import { PRINTERS, isFormat, type CheckReport } from '../../generator/compat/gate/report.js';

const accepted: AcceptedFinding = { ...finding('PARTITIONS_DECREASED', { file: 'schemas/topics.yaml', line: 7, col: 17 }, "topic 'users' goes from 6 to 3", 'users'), reason: 'OPS-12 & "recreated"' };
const report: CheckReport = {
  against: 'git:origin/main',
  violations: [
    finding('TYPE_MISMATCH', { file: 'schemas/a,b.avsc', line: 5, col: 27 }, 'int <cannot> read "string" & 100%\nsecond line\r', 'users'),
    finding('TYPE_MISMATCH', { file: 'schemas/a,b.avsc', line: 9, col: 3 }, 'bell\u0007 gone', 'users'),
    finding('ACCEPT_UNUSED', { file: 'schemas/compat-accept.yaml', line: 2, col: 5 }, "entry's unused"),
  ],
  accepted: [accepted],
  notes: ['git:origin/main: shallow clone: 50% of history'],
  topicsChecked: 1,
};

describe('each format', () => {
  test('text: one file:line:col line per finding, accepted ones with their reason; notes are not printed here', () => {
    expect(PRINTERS.text(report)).toBe(
      [
        'schemas/a,b.avsc:5:27: TYPE_MISMATCH int <cannot> read "string" & 100%\nsecond line\r',
        'schemas/a,b.avsc:9:3: TYPE_MISMATCH bell\u0007 gone',
        "schemas/compat-accept.yaml:2:5: ACCEPT_UNUSED entry's unused",
        "schemas/topics.yaml:7:17: PARTITIONS_DECREASED topic 'users' goes from 6 to 3 (accepted: OPS-12 & \"recreated\")",
        '',
      ].join('\n'),
    );
  });

  test('json: against, violations, accepted and notes, nothing else', () => {
    expect(JSON.parse(PRINTERS.json(report))).toEqual({
      against: 'git:origin/main',
      violations: report.violations,
      accepted: [accepted],
      notes: report.notes,
    });
    expect(PRINTERS.json(report).endsWith('}\n')).toBe(true);
  });

  test('github: errors, notices for accepted findings, warnings for notes; data and properties escaped', () => {
    expect(PRINTERS.github(report).split('\n')).toEqual([
      '::error file=schemas/a%2Cb.avsc,line=5,col=27,title=TYPE_MISMATCH::int <cannot> read "string" & 100%25%0Asecond line%0D',
      '::error file=schemas/a%2Cb.avsc,line=9,col=3,title=TYPE_MISMATCH::bell\u0007 gone',
      "::error file=schemas/compat-accept.yaml,line=2,col=5,title=ACCEPT_UNUSED::entry's unused",
      "::notice file=schemas/topics.yaml,line=7,col=17,title=PARTITIONS_DECREASED (accepted)::topic 'users' goes from 6 to 3 (accepted: OPS-12 & \"recreated\")",
      '::warning title=unilog check::git:origin/main: shallow clone: 50%25 of history',
      '',
    ]);
  });

  test('github: a title or file with a colon keeps the command parseable', () => {
    const out = PRINTERS.github({ ...report, violations: [finding('TYPE_MISMATCH', { file: 'C:/x.avsc', line: 1, col: 1 }, 'm')], accepted: [], notes: [] });
    expect(out).toBe('::error file=C%3A/x.avsc,line=1,col=1,title=TYPE_MISMATCH::m\n');
  });

  test('junit: a suite per file with its counts, failures and skipped cases, XML escaped', () => {
    expect(PRINTERS.junit(report)).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="unilog check" tests="4" failures="3" errors="0" skipped="1">',
        '  <testsuite name="schemas/a,b.avsc" tests="2" failures="2" errors="0" skipped="0">',
        '    <testcase classname="schemas/a,b.avsc" name="TYPE_MISMATCH schemas/a,b.avsc:5:27">',
        '      <failure type="TYPE_MISMATCH" message="int &lt;cannot&gt; read &quot;string&quot; &amp; 100%\nsecond line\r">schemas/a,b.avsc:5:27: TYPE_MISMATCH int &lt;cannot&gt; read &quot;string&quot; &amp; 100%\nsecond line\r</failure>',
        '    </testcase>',
        '    <testcase classname="schemas/a,b.avsc" name="TYPE_MISMATCH schemas/a,b.avsc:9:3">',
        '      <failure type="TYPE_MISMATCH" message="bell gone">schemas/a,b.avsc:9:3: TYPE_MISMATCH bell gone</failure>',
        '    </testcase>',
        '  </testsuite>',
        '  <testsuite name="schemas/compat-accept.yaml" tests="1" failures="1" errors="0" skipped="0">',
        '    <testcase classname="schemas/compat-accept.yaml" name="ACCEPT_UNUSED schemas/compat-accept.yaml:2:5">',
        '      <failure type="ACCEPT_UNUSED" message="entry&apos;s unused">schemas/compat-accept.yaml:2:5: ACCEPT_UNUSED entry&apos;s unused</failure>',
        '    </testcase>',
        '  </testsuite>',
        '  <testsuite name="schemas/topics.yaml" tests="1" failures="0" errors="0" skipped="1">',
        '    <testcase classname="schemas/topics.yaml" name="PARTITIONS_DECREASED schemas/topics.yaml:7:17">',
        '      <skipped message="accepted: OPS-12 &amp; &quot;recreated&quot;"/>',
        '    </testcase>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
  });

  test('an empty report prints nothing in text and github, and one passing case in junit', () => {
    const clean: CheckReport = { against: 'dir:old<1>', violations: [], accepted: [], notes: [], topicsChecked: 2 };
    expect(PRINTERS.text(clean)).toBe('');
    expect(PRINTERS.github(clean)).toBe('');
    expect(PRINTERS.junit(clean)).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="unilog check" tests="1" failures="0" errors="0" skipped="0">',
        '  <testsuite name="unilog check" tests="1" failures="0" errors="0" skipped="0">',
        '    <testcase classname="unilog check" name="compatible with dir:old&lt;1&gt;"/>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
  });

  test('--format names', () => {
    expect(['text', 'json', 'github', 'junit', 'xml', 'toString'].map(isFormat)).toEqual([true, true, true, true, false, false]);
  });
});

describe('finding order', () => {
  test('by file, line, column, rule, then message, whatever order the checks ran in', () => {
    const f = (file: string, line: number, col: number, rule: 'TYPE_MISMATCH' | 'NAME_MISMATCH', message: string): ReturnType<typeof finding> =>
      finding(rule, { file, line, col }, message);
    const shuffled = [
      f('a.avsc', 2, 1, 'TYPE_MISMATCH', 'm'),
      f('b.avsc', 1, 1, 'TYPE_MISMATCH', 'm'),
      f('a.avsc', 1, 9, 'TYPE_MISMATCH', 'm'),
      f('a.avsc', 1, 2, 'TYPE_MISMATCH', 'y'),
      f('a.avsc', 1, 2, 'TYPE_MISMATCH', 'x'),
      f('a.avsc', 1, 2, 'NAME_MISMATCH', 'z'),
      f('a.avsc', 1, 2, 'TYPE_MISMATCH', 'x'),
    ];
    expect(sortFindings(shuffled).map((x) => `${x.file}:${x.line}:${x.col} ${x.ruleId} ${x.message}`)).toEqual([
      'a.avsc:1:2 NAME_MISMATCH z',
      'a.avsc:1:2 TYPE_MISMATCH x',
      'a.avsc:1:2 TYPE_MISMATCH x',
      'a.avsc:1:2 TYPE_MISMATCH y',
      'a.avsc:1:9 TYPE_MISMATCH m',
      'a.avsc:2:1 TYPE_MISMATCH m',
      'b.avsc:1:1 TYPE_MISMATCH m',
    ]);
    // Each pair in both input orders: a comparator that answers "equal" one way round shows only in one of them.
    const pairs = [
      [f('a.avsc', 1, 2, 'NAME_MISMATCH', 'z'), f('a.avsc', 1, 2, 'TYPE_MISMATCH', 'x')],
      [f('a.avsc', 1, 2, 'TYPE_MISMATCH', 'x'), f('a.avsc', 1, 2, 'TYPE_MISMATCH', 'y')],
    ];
    for (const [lower, higher] of pairs) {
      expect(sortFindings([higher!, lower!])).toEqual([lower, higher]);
      expect(sortFindings([lower!, higher!])).toEqual([lower, higher]);
    }
    expect(finding('TYPE_MISMATCH', { file: 'a', line: 1, col: 1 }, 'm')).toEqual({ ruleId: 'TYPE_MISMATCH', file: 'a', line: 1, col: 1, message: 'm' });
  });
});
