/**
 * `--format junit`: JUnit XML for CI test reports. One test suite per file with findings, one test case per finding
 * (a failure, or skipped when accepted); a clean run is one passing test case, so the report is never empty.
 */
import type { CheckReport } from './report.js';
import { formatLocated, formatPos, type Diagnostic } from '../../diagnostics.js';
import type { Finding } from './finding.js';

const xml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;')
    // Characters XML 1.0 cannot hold at all.
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');

/**
 * CI report viewers key test cases by name: two findings of one rule at one position (two problems in one field's
 * type, say) must not collapse into one, so a repeated name gets ` (2)`, ` (3)` ….
 */
function uniqueNames(): (name: string) => string {
  const seen = new Map<string, number>();
  return (name) => {
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n === 1 ? name : `${name} (${n})`;
  };
}

export function printJunit(report: CheckReport): string {
  const byFile = new Map<string, string[]>();
  const uniqueName = uniqueNames();
  const counts = new Map<string, { tests: number; failures: number; skipped: number }>();
  const add = (f: Finding, body: string, failed: boolean): void => {
    const c = counts.get(f.file) ?? { tests: 0, failures: 0, skipped: 0 };
    c.tests++;
    if (failed) c.failures++;
    else c.skipped++;
    counts.set(f.file, c);
    const cases = byFile.get(f.file) ?? [];
    cases.push(`    <testcase classname="${xml(f.file)}" name="${xml(uniqueName(`${f.ruleId} ${formatPos(f)}`))}">\n      ${body}\n    </testcase>`);
    byFile.set(f.file, cases);
  };
  for (const f of report.violations) {
    add(f, `<failure type="${xml(f.ruleId)}" message="${xml(f.message)}">${xml(formatLocated({ ...f, message: `${f.ruleId} ${f.message}` }))}</failure>`, true);
  }
  for (const f of report.accepted) add(f, `<skipped message="${xml(`accepted: ${f.reason}`)}"/>`, false);

  const total = { tests: report.violations.length + report.accepted.length, failures: report.violations.length, skipped: report.accepted.length };
  const suites = [...byFile].map(([file, cases]) => {
    const c = counts.get(file)!;
    return `  <testsuite name="${xml(file)}" tests="${c.tests}" failures="${c.failures}" errors="0" skipped="${c.skipped}">\n${cases.join('\n')}\n  </testsuite>`;
  });
  if (suites.length === 0) {
    total.tests = 1;
    suites.push(
      `  <testsuite name="unilog check" tests="1" failures="0" errors="0" skipped="0">\n    <testcase classname="unilog check" name="${xml(`compatible with ${report.against}`)}"/>\n  </testsuite>`,
    );
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="unilog check" tests="${total.tests}" failures="${total.failures}" errors="0" skipped="${total.skipped}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

/**
 * Input errors (an invalid schema or catalog, an unknown git ref …) as JUnit XML, so that a CI step reading the report
 * file finds them there too: one test case per error, each an <error> (the run could not check), not a <failure>.
 */
export function printJunitErrors(diagnostics: readonly Diagnostic[]): string {
  const uniqueName = uniqueNames();
  const cases = diagnostics.map(
    (d) =>
      `    <testcase classname="${xml(d.file)}" name="${xml(uniqueName(`${d.code} ${formatPos(d)}`))}">\n` +
      `      <error type="${xml(d.code)}" message="${xml(d.message)}">${xml(formatLocated(d))}</error>\n    </testcase>`,
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="unilog check" tests="${diagnostics.length}" failures="0" errors="${diagnostics.length}" skipped="0">`,
    `  <testsuite name="unilog check: input errors" tests="${diagnostics.length}" failures="0" errors="${diagnostics.length}" skipped="0">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
