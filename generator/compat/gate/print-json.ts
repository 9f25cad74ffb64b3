/** `--format json`: one object; `violations` fail the check, `accepted` are excused by the accept file. */
import type { CheckReport } from './report.js';

export function printJson(report: CheckReport): string {
  const { against, violations, accepted, notes } = report;
  return `${JSON.stringify({ against, violations, accepted, notes }, null, 2)}\n`;
}
