/**
 * Which union branch a field default is written with: Apache Avro Java 1.12's choice (checked against the jar in
 * test/reference/java-union-defaults.test.ts), shared by the codec (defaults.ts, avro-json.ts) and `generate`
 * (generator/resolve/check-default.ts). Java writes a default with the first branch that "takes" the default's JSON
 * kind: a record, enum, array or map branch takes any JSON value; a primitive or fixed branch takes its own kind
 * (null; true/false; a number for int, long, float and double; a string for string, bytes and fixed). It then
 * coerces the value to that branch without complaint (1.5 as an int writes 1, "x" as an array writes []), or fails
 * when the value is read. unilog takes the same branch and requires the default to be a value of it, so it never
 * reads a default differently from Java: `["int","double"]` with default 1.5 is refused (put "double" first), as
 * is `[{"type":"array",…},"null"]` with default null (Java reads it as an empty array).
 */

/** A JSON value's kind, as Java's default check sees it (a bigint is a number written exactly). */
export type JsonKind = 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object';

/** A branch as this rule needs it: its kind ('record', 'enum', 'array', 'map', 'fixed' or a primitive's name). */
export type BranchKind = string;

export function jsonKindOf(v: unknown): JsonKind {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  switch (typeof v) {
    case 'boolean':
      return 'boolean';
    case 'number':
    case 'bigint':
      return 'number';
    case 'string':
      return 'string';
    default:
      return 'object';
  }
}

function takes(branch: BranchKind, kind: JsonKind): boolean {
  switch (branch) {
    case 'record':
    case 'enum':
    case 'array':
    case 'map':
      return true;
    case 'null':
    case 'boolean':
      return kind === branch;
    case 'int':
    case 'long':
    case 'float':
    case 'double':
      return kind === 'number';
    case 'string':
    case 'bytes':
    case 'fixed':
      return kind === 'string';
    default:
      return false;
  }
}

/** The index of the branch Java writes a default of this JSON kind with, or -1 when no branch takes it. */
export function defaultBranchIndex(branches: readonly BranchKind[], kind: JsonKind): number {
  return branches.findIndex((b) => takes(b, kind));
}
