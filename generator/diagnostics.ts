/**
 * Errors a user can cause are values, never exceptions with stack traces: each one carries the place it comes from
 * so the CLI can print `file:line:col: message`, and a run collects all of them before it reports. One shape, a
 * message at a position, serves every error and finding of every verb; a diagnostic adds its code, a finding of the
 * gate its rule (compat/gate/finding.ts).
 */
import type { GeneratorCode } from './diagnostic-codes.js';

export interface SourcePos {
  readonly file: string;
  /** 1-based; 0 when the message is about the file as a whole (or the command line). */
  readonly line: number;
  /** 1-based, in UTF-16 code units as editors count them. */
  readonly col: number;
}

/** A message at a position. */
export interface Located extends SourcePos {
  readonly message: string;
}

export interface Diagnostic extends Located {
  /** A stable id (docs/diagnostics.md), for tests and tooling. */
  readonly code: GeneratorCode;
}

export function diagnostic(pos: SourcePos, code: GeneratorCode, message: string): Diagnostic {
  return { file: pos.file, line: pos.line, col: pos.col, code, message };
}

/** `file:line:col`, or `file` alone for line 0. */
export function formatPos(pos: SourcePos): string {
  return pos.line > 0 ? `${pos.file}:${pos.line}:${pos.col}` : pos.file;
}

/** `file:line:col: message`, as compilers print them. */
export function formatLocated(m: Located): string {
  return `${formatPos(m)}: ${m.message}`;
}

/** By file, then position, so output is stable whatever order the checks ran in. */
export function compareLocated(a: SourcePos, b: SourcePos): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.col - b.col;
}

/** Thrown only to carry collected user errors up to the CLI, which prints them and exits 1. */
export class UserErrors extends Error {
  readonly diagnostics: readonly Diagnostic[];
  constructor(diagnostics: readonly Diagnostic[]) {
    const sorted = [...diagnostics].sort(compareLocated);
    super(sorted.map(formatLocated).join('\n'));
    this.name = 'UserErrors';
    this.diagnostics = sorted;
  }
}
