/**
 * `--format github`: GitHub Actions workflow commands, so each finding shows on the pull request's diff.
 * https://docs.github.com/actions/reference/workflow-commands-for-github-actions
 */
import type { SourcePos } from '../../diagnostics.js';
import type { CheckReport } from './report.js';

/** Escaping of a command's message (data) and of its properties. */
const data = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const property = (s: string): string => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function githubCommand(level: 'error' | 'warning' | 'notice', where: SourcePos | undefined, title: string, message: string): string {
  const props = [
    ...(where ? [`file=${property(where.file)}`, `line=${where.line}`, `col=${where.col}`] : []),
    `title=${property(title)}`,
  ];
  return `::${level} ${props.join(',')}::${data(message)}`;
}

export function printGithub(report: CheckReport): string {
  const lines = [
    ...report.violations.map((f) => githubCommand('error', f, f.ruleId, f.message)),
    ...report.accepted.map((f) => githubCommand('notice', f, `${f.ruleId} (accepted)`, `${f.message} (accepted: ${f.reason})`)),
    ...report.notes.map((n) => githubCommand('warning', undefined, 'unilog check', n)),
  ];
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
