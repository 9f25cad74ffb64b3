/**
 * The names a contract's schemas are exported under from its generated module. A schema keeps its own name when that
 * is a capitalised identifier; a global's name (`Error`, `Date`, `Record`, see global-names.ts) becomes `<Name>Body`,
 * so importing it never shadows the global. With read/write markers, `<Type>Input` is the request form. A name that
 * is already taken (the module's own exports, another schema) steps aside with `_`, as the Avro emitter's names do.
 */
import { GLOBAL_NAMES } from './global-names.js';

export interface SchemaTypeName {
  /** The key under `components.schemas`. */
  readonly schema: string;
  readonly type: string;
  /** Only with read/write markers: the request form. */
  readonly input?: string;
}

/** Schemas with other names (lower case, `.` or `-`) have no exported type; `components['schemas']` still has them. */
const EXPORTABLE = /^[A-Z][A-Za-z0-9_]*$/;

export function schemaTypeNames(schemas: readonly string[], reserved: Iterable<string>, withInput: boolean): SchemaTypeName[] {
  const taken = new Set(reserved);
  const claim = (wanted: string): string => {
    let name = wanted;
    while (taken.has(name) || GLOBAL_NAMES.has(name)) name = `${name}_`;
    taken.add(name);
    return name;
  };
  const exported = schemas.filter((s) => EXPORTABLE.test(s));
  // Own names first, renamed globals next, inputs last: a schema never loses its name to a derived one.
  const types = new Map<string, string>();
  for (const s of exported) if (!GLOBAL_NAMES.has(s)) types.set(s, claim(s));
  for (const s of exported) if (GLOBAL_NAMES.has(s)) types.set(s, claim(`${s}Body`));
  const named = exported.map((schema) => ({ schema, type: types.get(schema)! }));
  return withInput ? named.map((n) => ({ ...n, input: claim(`${n.type}Input`) })) : named;
}
