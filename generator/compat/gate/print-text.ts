/** `--format text`: `file:line:col: RULE_ID message`, one finding a line, as compilers print them. */
import type { CheckReport } from './report.js';

export function printText(report: CheckReport): string {
  const lines = [
    ...report.violations.map((f) => `${f.file}:${f.line}:${f.col}: ${f.ruleId} ${f.message}`),
    ...report.accepted.map((f) => `${f.file}:${f.line}:${f.col}: ${f.ruleId} ${f.message} (accepted: ${f.reason})`),
  ];
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
