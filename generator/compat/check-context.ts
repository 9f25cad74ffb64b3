/**
 * State one reader/writer check carries down the schemas: the memo of visited (reader, writer) pairs that makes
 * recursive types terminate (Java's `ReaderWriterCompatibilityChecker.mMemoizeMap`), the JSON-pointer location in the
 * reader, and the nearest enclosing field on each side, for source positions.
 */
import type { SourcePos } from '../diagnostics.js';
import { isNamed, type TypeNode } from '../ir.js';
import { pointer, type Incompatibility, type IncompatibilityType } from './incompatibility.js';

/**
 * The location in the reader, as Java keeps it: a stack of JSON-pointer tokens pushed on the way down and popped on
 * the way up (no allocation per step); a reported problem takes a snapshot of it as a string.
 */
export type Location = string[];

const INDEXES = Array.from({ length: 64 }, (_, i) => String(i));
/** `String(i)` without a new string for the indexes schemas actually have. */
export function index(i: number): string {
  return INDEXES[i] ?? String(i);
}

/** The enclosing field on each side (its name token), when there is one. */
export interface Sites {
  readonly reader?: SourcePos;
  readonly writer?: SourcePos;
}

/**
 * Where a problem about `node` should point: a named type referenced from a field points at that field (its
 * definition may be far away, or shared); anything else points at itself, which is already the field's type token.
 */
export function siteOf(node: TypeNode, site: SourcePos | undefined): SourcePos {
  return isNamed(node) && site ? site : node.pos;
}

export const IN_PROGRESS = Symbol('in progress');
/** A result known to be incompatible but only built (strings and all) if the pair is ever met again. */
export interface Deferred {
  readonly build: () => readonly Incompatibility[];
}
export type Memo = Map<TypeNode, Map<TypeNode, readonly Incompatibility[] | typeof IN_PROGRESS | Deferred>>;

export interface Problem {
  readonly type: IncompatibilityType;
  readonly message: string;
  readonly description: string;
  readonly readerPos: SourcePos;
  readonly writerPos: SourcePos;
}

export function incompatibility(problem: Problem, location: Location, token?: string): Incompatibility {
  return { ...problem, location: pointer(token === undefined ? location : [...location, token]) };
}
