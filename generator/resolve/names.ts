/** Avro naming rules (spec §Names): validity, qualification and lookup order. */
import type { PrimitiveName } from '../ir.js';

const NAME_PART = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Dot-separated name parts, checked in one go rather than by splitting (names are checked for every type). */
const FULL_NAME = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;

export const PRIMITIVES: ReadonlySet<string> = new Set<PrimitiveName>([
  'null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string',
]);

/** A simple name (field name, enum symbol, or one part of a full name). */
export function isValidSimpleName(name: string): boolean {
  return NAME_PART.test(name);
}

/** A possibly dotted name such as `com.state.User`. */
export function isValidFullName(name: string): boolean {
  return FULL_NAME.test(name);
}

/** A namespace may be empty (the null namespace). */
export function isValidNamespace(ns: string): boolean {
  return ns === '' || isValidFullName(ns);
}

export interface QualifiedName {
  readonly full: string;
  readonly namespace: string;
  readonly short: string;
}

/** A dotted name carries its own namespace; otherwise the explicit or enclosing namespace applies. */
export function qualify(name: string, namespace: string): QualifiedName {
  const dot = name.lastIndexOf('.');
  if (dot >= 0) return { full: name, namespace: name.slice(0, dot), short: name.slice(dot + 1) };
  return { full: namespace ? `${namespace}.${name}` : name, namespace, short: name };
}

/**
 * Candidates for a reference, in lookup order: the enclosing namespace first, then the null namespace, as the Java
 * reference implementation resolves them.
 */
export function lookupCandidates(ref: string, namespace: string): string[] {
  if (ref.includes('.') || !namespace) return [ref];
  return [`${namespace}.${ref}`, ref];
}
