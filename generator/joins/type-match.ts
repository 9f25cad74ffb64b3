/** When a field can hold a table's key, and how the key is built from it (the one rule, for checks and emitted code). */
import type { TypeNode } from '../ir.js';

/** Same Avro type for keying purposes: the same named type, or the same primitive with the same logical type. */
export function sameType(a: TypeNode, b: TypeNode): boolean {
  if (a === b) return true;
  if (a.kind === 'primitive' && b.kind === 'primitive') return a.type === b.type && a.logical?.name === b.logical?.name;
  if ((a.kind === 'record' || a.kind === 'enum' || a.kind === 'fixed') && a.kind === b.kind) return a.name === b.name;
  return false;
}

/** The types a match field may have: the key itself, or the only field of a one-field key record. */
export function tableKeyMatchTypes(key: TypeNode): TypeNode[] {
  if (key.kind === 'record' && key.fields.length === 1) return [key.fields[0]!.type, key];
  return [key];
}

/** The field name to wrap a match value in, or undefined when the match value is the key itself. */
export function keyWrapField(key: TypeNode, match: TypeNode): string | undefined {
  if (sameType(key, match)) return undefined;
  return key.kind === 'record' && key.fields.length === 1 ? key.fields[0]!.name : undefined;
}

export function describeType(t: TypeNode): string {
  switch (t.kind) {
    case 'primitive':
      return t.logical ? `${t.type} (${t.logical.name})` : t.type;
    case 'record':
    case 'enum':
    case 'fixed':
      return `${t.kind} ${t.name}`;
    case 'array':
      return `an array of ${describeType(t.items)}`;
    case 'map':
      return `a map of ${describeType(t.values)}`;
    case 'union':
      return `a union [${t.branches.map(describeType).join(', ')}]`;
  }
}
