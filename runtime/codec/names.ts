/**
 * Avro naming rules (specification, "Names"): full names, namespace inheritance, and how a name written in a schema
 * is looked up. Pure functions over strings, shared by the parser and by `union-buckets.ts`.
 */
export const PRIMITIVE_NAMES: ReadonlySet<string> = new Set([
  'null',
  'boolean',
  'int',
  'long',
  'float',
  'double',
  'bytes',
  'string',
]);

const NAME_PART = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A name component (record, enum, fixed, field name, enum symbol). */
export function isValidName(name: string): boolean {
  return NAME_PART.test(name);
}

/** A full or namespace name: dotted components, or '' (the null namespace) for namespaces. */
export function isValidFullName(name: string): boolean {
  return name.split('.').every(isValidName);
}

/**
 * The full name of a definition: a dotted `name` is already full; otherwise the `namespace` attribute (where given,
 * '' meaning the null namespace) or else the enclosing namespace qualifies it.
 */
export function fullNameOf(name: string, namespace: string | undefined, enclosing: string): string {
  if (name.includes('.')) return name;
  const ns = namespace ?? enclosing;
  return ns ? `${ns}.${name}` : name;
}

/** The namespace part of a full name ('' for the null namespace). */
export function namespaceOf(fullName: string): string {
  const i = fullName.lastIndexOf('.');
  return i < 0 ? '' : fullName.slice(0, i);
}

/** The unqualified (short) name. */
export function shortNameOf(fullName: string): string {
  return fullName.slice(fullName.lastIndexOf('.') + 1);
}

/**
 * Full names a reference may mean, in lookup order: a dotted reference is full; a short one is tried in the enclosing
 * namespace, then in the null namespace.
 */
export function referenceCandidates(ref: string, enclosing: string): string[] {
  if (ref.includes('.') || !enclosing) return [ref];
  return [`${enclosing}.${ref}`, ref];
}
