/** `--format text`: `file:line:col: RULE_ID message`, one finding a line, as compilers print them. */
import { formatLocated } from '../../diagnostics.js';
import type { CheckReport } from './report.js';

export function printText(report: CheckReport): string {
  const lines = [
    ...report.violations.map((f) => formatLocated({ ...f, message: `${f.ruleId} ${f.message}` })),
    ...report.accepted.map((f) => formatLocated({ ...f, message: `${f.ruleId} ${f.message} (accepted: ${f.reason})` })),
  ];
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
