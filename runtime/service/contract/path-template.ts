/** OpenAPI path templates (`/users/{id}`): filled with encoded values, matched, and turned into fastify's syntax. */

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

/** `/users/{id}` → a test for `/users/42`: each parameter is one non-empty path segment; a trailing `/` is allowed. */
export function pathMatcher(template: string): (path: string) => boolean {
  const source = template.split(/\{[^}]*\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[^/]+');
  const re = new RegExp(`^${source}/?$`);
  return (path) => re.test(path);
}
