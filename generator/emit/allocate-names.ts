/**
 * Chooses the TypeScript names of every named type, module by module (one module per Avro namespace). Base names
 * come first so a type keeps its own name; derived names (`…Input`, `…Schema`, `…Symbols`) step aside with a `_`
 * when a schema happens to define a type of that name too.
 */
import type { NamedNode, SchemaSet } from '../ir.js';
import type { TypeNames } from './context.js';
import { typeIdentifier } from '../naming.js';

/**
 * The module (file path without `.ts`) of a namespace. A file name must not end in a suffix a tool reads specially:
 * `x.d.ts` is a TypeScript declaration file (no JavaScript is emitted for it), and so is `x.d.css.ts` (TypeScript's
 * declarations for arbitrary extensions). So a namespace part `d` (any case) is written `d-`: `-` cannot occur in an
 * Avro name, so the result never meets another namespace's module (as `default-namespace` does not).
 */
export function moduleOf(namespace: string): string {
  if (!namespace) return 'types/default-namespace';
  return `types/${namespace.split('.').map((part) => (part === 'd' || part === 'D' ? `${part}-` : part)).join('.')}`;
}

/** The import alias of a generated module for a namespace (`com.state.users` → `$com_state_users`). `$` never
 * occurs in Avro names, so an alias cannot clash with a generated type. */
export function namespaceAlias(namespace: string): string {
  let alias = aliases.get(namespace);
  if (alias === undefined) {
    alias = namespace ? `$${namespace.replace(/\./g, '_')}` : '$default_namespace';
    aliases.set(namespace, alias);
  }
  return alias;
}

/** Asked for at every reference to a named type, for a handful of namespaces. */
const aliases = new Map<string, string>();

export function allocateNames(set: SchemaSet): Map<NamedNode, TypeNames> {
  const taken = new Map<string, Set<string>>();
  const claim = (module: string, wanted: string): string => {
    let used = taken.get(module);
    if (!used) taken.set(module, (used = new Set()));
    let name = wanted;
    while (used.has(name)) name = `${name}_`;
    used.add(name);
    return name;
  };
  // Worked out once per namespace: a project has thousands of types in a few dozen namespaces.
  const modules = new Map<string, string>();
  const moduleOfNode = (n: NamedNode): string => {
    let module = modules.get(n.namespace);
    if (module === undefined) modules.set(n.namespace, (module = moduleOf(n.namespace)));
    return module;
  };
  const nodes = [...set.named.values()];
  const base = new Map<NamedNode, string>();
  for (const n of nodes) base.set(n, claim(moduleOfNode(n), typeIdentifier(n.shortName)));
  const out = new Map<NamedNode, TypeNames>();
  for (const n of nodes) {
    const module = moduleOfNode(n);
    const type = base.get(n)!;
    out.set(n, {
      module,
      type,
      schema: claim(module, `${type}Schema`),
      ...(n.kind === 'record' ? { input: claim(module, `${type}Input`) } : {}),
      ...(n.kind === 'enum' ? { symbols: claim(module, `${type}Symbols`) } : {}),
    });
  }
  return out;
}
