/**
 * Errors a user can cause are values, never exceptions with stack traces: each one carries the place it comes from
 * so the CLI can print `file:line:col: message`, and a run collects all of them before it reports.
 */
export interface SourcePos {
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based, in UTF-16 code units as editors count them. */
  readonly col: number;
}

export interface Diagnostic extends SourcePos {
  /** A stable id such as `UNKNOWN_TYPE`, for tests and tooling. */
  readonly code: string;
  readonly message: string;
}

export function diagnostic(pos: SourcePos, code: string, message: string): Diagnostic {
  return { file: pos.file, line: pos.line, col: pos.col, code, message };
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.col}: ${d.message}`;
}

/** Orders diagnostics by file, then position, so output is stable whatever order the checks ran in. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.col - b.col),
  );
}

/** Thrown only to carry collected user errors up to the CLI, which prints them and exits 1. */
export class UserErrors extends Error {
  readonly diagnostics: readonly Diagnostic[];
  constructor(diagnostics: readonly Diagnostic[]) {
    const sorted = sortDiagnostics(diagnostics);
    super(sorted.map(formatDiagnostic).join('\n'));
    this.name = 'UserErrors';
    this.diagnostics = sorted;
  }
}
