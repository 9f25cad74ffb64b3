/** File and function names a scaffold derives from operation ids and topic names. */

/** `searchUsers` → `search-users`, `getHTTPStatus` → `get-http-status`. */
export function kebabCase(id: string): string {
  return id
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
}

/** `user-connections` → `onUserConnections` (the consumer function of a topic). */
export function consumerFunction(topic: string): string {
  const words = topic.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return `on${words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('')}`;
}

/** Text safe inside a `/** … *\/` comment and on one line. */
export function commentText(text: string | undefined): string {
  return (text ?? '').replace(/\*\//g, '* /').replace(/\s*\n\s*/g, ' ').trim();
}

/** A relative module or file path from `fromDir` to `to`, POSIX separators, starting with `./` or `../`. */
export function relativePath(fromDir: string, to: string, relative: (a: string, b: string) => string): string {
  const rel = relative(fromDir, to).split('\\').join('/');
  return rel.startsWith('.') ? rel : `./${rel}`;
}
