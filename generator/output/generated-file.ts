/**
 * What every target of the pipeline returns (see generator/pipeline.ts): files with their content, and the errors it
 * found. An emitter only computes; the caller writes the files (output/write-output.ts) or compares them (`--check`).
 */
import type { Diagnostic } from '../diagnostics.js';

export interface GeneratedFile {
  /** Relative to the output folder, with extension, `/` between segments. */
  readonly path: string;
  readonly content: string;
}

export interface Emitted {
  readonly files: readonly GeneratedFile[];
  /** Problems only this target can see; any at all, and the run writes nothing. */
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * A target of the pipeline: the part of the pipeline's context it reads in, its files out. `Ctx` names only what the
 * emitter needs (a `Pick` of `PipelineContext`), so a target depends on the steps it reads and on nothing else.
 */
export type Emitter<Ctx> = (ctx: Ctx) => Emitted;
