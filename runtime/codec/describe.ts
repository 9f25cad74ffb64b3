/** How a value that did not fit is named in messages: its JS kind and a short preview. */
export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'undefined':
      return 'undefined';
    case 'string':
      return `string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
    case 'number':
    case 'boolean':
      return `${typeof v} ${String(v)}`;
    case 'bigint':
      return `bigint ${v}n`;
    case 'function':
      return 'function';
    case 'symbol':
      return 'symbol';
  }
  if (Array.isArray(v)) return `array (length ${v.length})`;
  if (v instanceof Uint8Array) return `${Buffer.isBuffer(v) ? 'Buffer' : 'Uint8Array'} (${v.length} bytes)`;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'Date (invalid)' : `Date ${v.toISOString()}`;
  const proto: unknown = Object.getPrototypeOf(v);
  if (proto === Object.prototype || proto === null) return 'object';
  const ctor = (proto as { constructor?: { name?: unknown } }).constructor;
  return typeof ctor?.name === 'string' && ctor.name ? `${ctor.name} instance` : 'object';
}
