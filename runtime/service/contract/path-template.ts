/** Fills an OpenAPI path template (`/users/{id}`) with encoded values, and builds the query string. */

export function expandPath(template: string, params: Readonly<Record<string, unknown>> | undefined): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null) throw new TypeError(`path parameter '${name}' is missing`);
    return encodeURIComponent(String(value));
  });
}

/** `form` style, exploded: arrays repeat their key; `undefined` and `null` values are left out. */
export function queryString(query: Readonly<Record<string, unknown>> | undefined): string {
  if (!query) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) for (const v of value) search.append(key, String(v));
    else search.append(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** `/users/{id}` → `/users/:id` (fastify's syntax). */
export function toRoutePath(template: string): string {
  return template.replace(/\{([^}]+)\}/g, ':$1');
}
