/** Turning Avro names into TypeScript that always compiles, whatever the schema author chose to call things. */

/** Words that cannot name an interface, type alias or const in a module (reserved, strict-mode, or built-in type names). */
const RESERVED = new Set([
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum',
  'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null',
  'return', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'yield',
  'let', 'static', 'implements', 'interface', 'package', 'private', 'protected', 'public', 'await', 'arguments',
  'eval', 'any', 'unknown', 'never', 'number', 'string', 'boolean', 'symbol', 'bigint', 'object', 'undefined',
  'type', 'as', 'satisfies', 'keyof', 'infer', 'is', 'asserts', 'readonly', 'declare', 'namespace', 'module',
  'abstract', 'async', 'constructor', 'get', 'set', 'of', 'from', 'global', 'require', 'accessor', 'out',
]);

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** An Avro simple name as a module-level TypeScript name (`class` → `class_`). */
export function typeIdentifier(avroName: string): string {
  return RESERVED.has(avroName) ? `${avroName}_` : avroName;
}

/** A property key in a type or object literal: bare when it can be, quoted otherwise (`__proto__` is always quoted). */
export function propertyKey(name: string): string {
  return IDENTIFIER.test(name) && name !== '__proto__' ? name : JSON.stringify(name);
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

/** A topic name as an exported const (`user-connections` → `userConnections`). */
export function topicIdentifier(topic: string): string {
  const words = topic.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const camel = words.map((w, i) => (i === 0 ? w : w[0]!.toUpperCase() + w.slice(1))).join('');
  const id = /^[0-9]/.test(camel) ? `topic${camel}` : camel || 'topic';
  return RESERVED.has(id) ? `${id}_` : id;
}

/** JSDoc for a doc string; `*\/` inside the text cannot end the comment early. */
export function jsDoc(doc: string | undefined, indent = ''): string[] {
  if (!doc) return [];
  // Nearly every doc is one line with nothing to escape: no regular expressions for those.
  if (!doc.includes('\n') && !doc.includes('*/')) return [`${indent}/** ${doc} */`];
  const lines = doc.replace(/\*\//g, '*\\/').split(/\r?\n/);
  if (lines.length === 1) return [`${indent}/** ${lines[0]} */`];
  return [`${indent}/**`, ...lines.map((l) => `${indent} * ${l}`.trimEnd()), `${indent} */`];
}
