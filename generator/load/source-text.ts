/**
 * The text of one source file, turning character offsets into `file:line:col` on demand. Parsers keep only offsets:
 * most positions are never printed (they matter for errors and the compat gate), so the line table is built the
 * first time a position is asked for, not while parsing.
 */
import type { SourcePos } from '../diagnostics.js';

export class SourceText {
  /** Offset at which each line starts; built on first use. */
  private lineStarts: number[] | undefined;

  constructor(
    readonly file: string,
    readonly text: string,
  ) {}

  /** Index of the line found last: positions are mostly asked for in file order, a line or two apart. */
  private lastLine = 0;

  /** Position of a UTF-16 offset: 1-based line, and 1-based column in UTF-16 code units, as editors count them. */
  pos(offset: number): SourcePos {
    const starts = this.lines();
    let line = this.lastLine;
    // The usual case: the same line as last time or a few lines further. Otherwise, a binary search.
    for (let step = 0; step < 4 && line + 1 < starts.length && starts[line + 1]! <= offset; step++) line++;
    if (starts[line]! > offset || (line + 1 < starts.length && starts[line + 1]! <= offset)) line = lineAt(starts, offset);
    this.lastLine = line;
    return { file: this.file, line: line + 1, col: offset - starts[line]! + 1 };
  }

  private lines(): number[] {
    if (this.lineStarts) return this.lineStarts;
    const starts = [0];
    for (let nl = this.text.indexOf('\n'); nl >= 0; nl = this.text.indexOf('\n', nl + 1)) starts.push(nl + 1);
    this.lineStarts = starts;
    return starts;
  }
}

/** The index of the last line starting at or before `offset`. */
function lineAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
