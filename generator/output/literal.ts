/**
 * Prints a JSON value as a TypeScript expression, deterministically and readably. Unlike JSON.stringify, a key
 * `__proto__` is written as a computed key, because a literal `{"__proto__": …}` would set the prototype and lose the entry.
 *
 * A container is written on one line when that line fits `width`, else one element per line. Whether it fits is
 * decided by printing it inline against a length budget that gives up as soon as the budget is spent, so each level
 * reads at most `width` characters of its subtree: printing stays linear in the size of the value, where printing
 * every subtree in full at every level of nesting was quadratic (schema constants are nested ten levels deep).
 * Loops are indexed and nothing allocates a closure: most of this runs before the JIT has optimised it.
 */
export function printLiteral(value: unknown, indent = '', width = 100): string {
  if (!isContainer(value)) return scalar(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const inline = appendInline('', value, width - indent.length);
    if (inline !== undefined) return inline;
    const inner = `${indent}  `;
    let out = '[\n';
    for (let i = 0; i < value.length; i++) out += `${inner}${printLiteral(value[i], inner, width)},\n`;
    return `${out}${indent}]`;
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  if (keys.length === 0) return '{}';
  const inline = appendInline('', value, width - indent.length);
  if (inline !== undefined) return inline;
  const inner = `${indent}  `;
  let out = '{\n';
  for (let i = 0; i < keys.length; i++) out += `${inner}${key(keys[i]!)}: ${printLiteral(obj[keys[i]!], inner, width)},\n`;
  return `${out}${indent}}`;
}

function isContainer(value: unknown): value is object {
  return value !== null && typeof value === 'object';
}

function scalar(value: unknown): string {
  if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
  // An exact integer beyond ±(2^53−1), such as a long default: a number literal would be rounded.
  if (typeof value === 'bigint') return `${value}n`;
  return JSON.stringify(value) ?? 'null';
}

/** `out` followed by the one-line form of `v` (`[a, b]`, `{ k: v }`), or undefined once longer than `budget`. */
function appendInline(out: string, v: unknown, budget: number): string | undefined {
  if (!isContainer(v)) {
    out += scalar(v);
    return out.length <= budget ? out : undefined;
  }
  if (Array.isArray(v)) {
    if (v.length === 0) {
      out += '[]';
      return out.length <= budget ? out : undefined;
    }
    out += '[';
    for (let i = 0; i < v.length; i++) {
      if (i > 0) out += ', ';
      const next = appendInline(out, v[i], budget);
      if (next === undefined) return undefined;
      out = next;
    }
    out += ']';
    return out.length <= budget ? out : undefined;
  }
  const obj = v as Record<string, unknown>;
  const keys = Object.keys(obj);
  if (keys.length === 0) {
    out += '{}';
    return out.length <= budget ? out : undefined;
  }
  out += '{ ';
  for (let i = 0; i < keys.length; i++) {
    out += `${i > 0 ? ', ' : ''}${key(keys[i]!)}: `;
    const next = out.length <= budget ? appendInline(out, obj[keys[i]!], budget) : undefined;
    if (next === undefined) return undefined;
    out = next;
  }
  out += ' }';
  return out.length <= budget ? out : undefined;
}

const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function key(k: string): string {
  if (k === '__proto__') return '["__proto__"]';
  return PLAIN_KEY.test(k) ? k : JSON.stringify(k);
}
