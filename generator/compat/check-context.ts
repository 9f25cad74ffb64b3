/**
 * State one reader/writer check carries down the schemas: the memo of visited (reader, writer) pairs that makes
 * recursive types terminate (Java's `ReaderWriterCompatibilityChecker.mMemoizeMap`), the JSON-pointer location in the
 * reader, and the nearest enclosing field on each side, for source positions.
 */
import type { SourcePos } from '../diagnostics.js';
import { isNamed, type TypeNode } from '../ir.js';
import { pointer, type Incompatibility, type IncompatibilityType } from './incompatibility.js';

/** A location as a persistent list, so descending costs one object and only a reported problem builds the string. */
export interface Location {
  readonly token: string;
  readonly parent: Location | null;
}

export const ROOT: Location | null = null;

export function at(location: Location | null, token: string): Location {
  return { token, parent: location };
}

export function locationString(location: Location | null): string {
  const tokens: string[] = [];
  for (let l = location; l; l = l.parent) tokens.push(l.token);
  return pointer(tokens.reverse());
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
export type Memo = Map<TypeNode, Map<TypeNode, readonly Incompatibility[] | typeof IN_PROGRESS>>;

export interface Problem {
  readonly type: IncompatibilityType;
  readonly message: string;
  readonly description: string;
  readonly readerPos: SourcePos;
  readonly writerPos: SourcePos;
}

export function incompatibility(problem: Problem, location: Location | null): Incompatibility {
  return { ...problem, location: locationString(location) };
}
