/** A service's configuration is not valid: one problem per line, `config.yaml:line:col: key.path: message`. */
export interface ConfigProblem {
  readonly file: string;
  /** 1-based; 0 when the problem is the file itself (not found). */
  readonly line: number;
  readonly col: number;
  readonly message: string;
}

export function formatConfigProblem(p: ConfigProblem): string {
  return p.line > 0 ? `${p.file}:${p.line}:${p.col}: ${p.message}` : `${p.file}: ${p.message}`;
}

export class ServiceConfigError extends Error {
  override readonly name = 'ServiceConfigError';
  readonly code = 'INVALID_SERVICE_CONFIG';
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[]) {
    const sorted = [...problems].sort((a, b) => a.line - b.line || a.col - b.col);
    super(sorted.map(formatConfigProblem).join('\n'));
    this.problems = sorted;
  }
}
