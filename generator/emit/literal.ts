/**
 * Prints a JSON value as a TypeScript expression, deterministically and readably. Unlike JSON.stringify, a key
 * `__proto__` is written as a computed key, because a literal `{"__proto__": …}` would set the prototype and lose the entry.
 *
 * A container is written on one line when that line fits `width`, else one element per line. Whether it fits is
 * decided by printing it inline against a length budget that gives up as soon as the budget is spent, so each level
 * reads at most `width` characters of its subtree: printing stays linear in the size of the value, where printing
 * every subtree in full at every level of nesting was quadratic (schema constants are nested ten levels deep).
 */
export function printLiteral(value: unknown, indent = '', width = 100): string {
  if (!isContainer(value) || isEmpty(value)) return scalarOrEmpty(value);
  const inline = inlineWithin(value, width - indent.length);
  if (inline !== undefined) return inline;
  const inner = `${indent}  `;
  let out = Array.isArray(value) ? '[\n' : '{\n';
  if (Array.isArray(value)) {
    for (const v of value) out += `${inner}${printLiteral(v, inner, width)},\n`;
    return `${out}${indent}]`;
  }
  const obj = value as Record<string, unknown>;
  for (const k of Object.keys(obj)) out += `${inner}${key(k)}: ${printLiteral(obj[k], inner, width)},\n`;
  return `${out}${indent}}`;
}

function isContainer(value: unknown): value is object {
  return value !== null && typeof value === 'object';
}

function isEmpty(value: object): boolean {
  return Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0;
}

/** A scalar, `[]` or `{}`: the same text inline or not. */
function scalarOrEmpty(value: unknown): string {
  if (Array.isArray(value)) return '[]';
  if (isContainer(value)) return '{}';
  if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
  return JSON.stringify(value) ?? 'null';
}

/** The one-line form (`[a, b]`, `{ k: v }`), or undefined as soon as it grows past `budget` characters. */
function inlineWithin(value: unknown, budget: number): string | undefined {
  let out = '';
  const walk = (v: unknown): boolean => {
    if (!isContainer(v) || isEmpty(v)) {
      out += scalarOrEmpty(v);
      return out.length <= budget;
    }
    if (Array.isArray(v)) {
      out += '[';
      for (let i = 0; i < v.length; i++) {
        if (i > 0) out += ', ';
        if (!walk(v[i])) return false;
      }
      out += ']';
      return out.length <= budget;
    }
    const obj = v as Record<string, unknown>;
    let first = true;
    out += '{ ';
    for (const k of Object.keys(obj)) {
      out += `${first ? '' : ', '}${key(k)}: `;
      first = false;
      if (out.length > budget || !walk(obj[k])) return false;
    }
    out += ' }';
    return out.length <= budget;
  };
  return walk(value) ? out : undefined;
}

const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function key(k: string): string {
  if (k === '__proto__') return '["__proto__"]';
  return PLAIN_KEY.test(k) ? k : JSON.stringify(k);
}
