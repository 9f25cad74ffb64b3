/**
 * What every target of the pipeline returns (see generator/pipeline.ts): files with their content, and the errors it
 * found. An emitter only computes; the caller writes the files (output/write-output.ts) or compares them (`--check`).
 */
import type { Diagnostic } from '../diagnostics.js';

export interface GeneratedFile {
  /** Relative to the output folder, with extension, `/` between segments. */
  readonly path: string;
  readonly content: string;
  /** How the next run may reuse this file, whole or in parts (output/emit-cache.ts). */
  readonly reuse?: FileReuse;
}

/** A file's key (a hash of everything its content is computed from) and, for a file put together from parts, theirs. */
export interface FileReuse {
  readonly key: string;
  /** The content is the last run's, taken whole under the same key. */
  readonly reused: boolean;
  readonly parts?: readonly ReusablePart[];
  /** The content's SHA-1 when already known (a file reused whole), so that recording it does not decode and hash it. */
  readonly sha1?: string;
}

/**
 * A stretch of a file's content, from `start` to `end` (UTF-16 code units), computed from inputs with this key, and
 * what its emitter must know besides the text to place it again (for a namespace module, the imports it uses).
 */
export interface ReusablePart {
  readonly key: string;
  readonly start: number;
  readonly end: number;
  readonly needs: readonly (readonly string[])[];
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
