/** Prints a decoded value as a TypeScript expression, so `tsc` can check it against the generated types. */
export function tsLiteral(value: unknown, indent = ''): string {
  if (value === null) return 'null';
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'number') return Number.isFinite(value) ? (Object.is(value, -0) ? '-0' : String(value)) : String(value);
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (value instanceof Date) return `new globalThis.Date(${value.getTime()})`;
  if (Buffer.isBuffer(value)) return `globalThis.Buffer.from([${[...value].join(', ')}])`;
  const inner = `${indent}  `;
  if (Array.isArray(value)) return value.length ? `[\n${value.map((v) => `${inner}${tsLiteral(v, inner)}`).join(',\n')},\n${indent}]` : '[]';
  if (typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 0) return '{}';
    const key = (k: string): string => (k === '__proto__' ? '["__proto__"]' : JSON.stringify(k));
    return `{\n${keys.map((k) => `${inner}${key(k)}: ${tsLiteral((value as Record<string, unknown>)[k], inner)}`).join(',\n')},\n${indent}}`;
  }
  throw new Error(`cannot print ${typeof value}`);
}
