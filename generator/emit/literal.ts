/**
 * Prints a JSON value as a TypeScript expression, deterministically and readably. Unlike JSON.stringify, a key
 * `__proto__` is written as a computed key, because a literal `{"__proto__": …}` would set the prototype and lose the entry.
 */
export function printLiteral(value: unknown, indent = '', width = 100): string {
  const inline = printInline(value);
  const empty = Array.isArray(value) ? value.length === 0 : value !== null && typeof value === 'object' && Object.keys(value).length === 0;
  if (empty || inline.length + indent.length <= width) return inline;
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    return `[\n${value.map((v) => `${inner}${printLiteral(v, inner, width)}`).join(',\n')},\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value).map((k) => `${inner}${key(k)}: ${printLiteral((value as Record<string, unknown>)[k], inner, width)}`);
    return `{\n${entries.join(',\n')},\n${indent}}`;
  }
  return inline;
}

function key(k: string): string {
  if (k === '__proto__') return '["__proto__"]';
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k) ? k : JSON.stringify(k);
}

function printInline(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(printInline).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 0) return '{}';
    return `{ ${keys.map((k) => `${key(k)}: ${printInline((value as Record<string, unknown>)[k])}`).join(', ')} }`;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
  return JSON.stringify(value) ?? 'null';
}
