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

  /** Position of a UTF-16 offset: 1-based line, and 1-based column in UTF-16 code units, as editors count them. */
  pos(offset: number): SourcePos {
    const starts = this.lines();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { file: this.file, line: lo + 1, col: offset - starts[lo]! + 1 };
  }

  private lines(): number[] {
    if (this.lineStarts) return this.lineStarts;
    const starts = [0];
    for (let nl = this.text.indexOf('\n'); nl >= 0; nl = this.text.indexOf('\n', nl + 1)) starts.push(nl + 1);
    this.lineStarts = starts;
    return starts;
  }
}
