/**
 * Every rule that derives a name from a name, in one place: identifiers in generated code (types, topics, contract
 * bindings), and file and function names in a scaffolded service. Generated code must compile whatever the schema
 * author chose to call things, so every identifier goes through here.
 */

/** A service's name (a contract's file name, a topic's owner): lowercase letters, digits and '-'. */
export const SERVICE_NAME = /^[a-z][a-z0-9-]*$/;

/** The words of a kebab-case, dotted or snake_case name: any run of other characters than letters and digits separates two. */
function words(name: string): string[] {
  return name.split(/[^A-Za-z0-9]+/).filter(Boolean);
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** `search-service` → `searchService`, `user.connections` → `userConnections`. */
export function camelCase(name: string): string {
  return words(name).map((w, i) => (i === 0 ? w : capitalise(w))).join('');
}

/** `search-service` → `SearchService`. */
export function pascalCase(name: string): string {
  return words(name).map(capitalise).join('');
}

/** `searchUsers` → `search-users`, `getHTTPStatus` → `get-http-status`. */
export function kebabCase(id: string): string {
  return id
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
}

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

/** A topic name as an exported const (`user-connections` → `userConnections`). */
export function topicIdentifier(topic: string): string {
  const camel = camelCase(topic);
  const id = /^[0-9]/.test(camel) ? `topic${camel}` : camel || 'topic';
  return RESERVED.has(id) ? `${id}_` : id;
}

/** `search-service` → `search_service`: a service's name as the prefix of its own Prometheus metrics. */
export function metricPrefix(service: string): string {
  return words(service).join('_');
}

/** `user-connections` → `onUserConnections` (the consumer function of a topic in a scaffolded service). */
export function consumerFunction(topic: string): string {
  return `on${pascalCase(topic)}`;
}
