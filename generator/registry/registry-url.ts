/**
 * A registry URL as users write it: credentials may be given in it (`https://user:secret@host/...`). They become a
 * basic-auth header and never appear in a message.
 */

/** The URL without its password, for messages. */
export function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString().replace(/\/+$/, '');
}

/** The URL without credentials, and the authorization header they stand for (none without credentials). */
export function splitCredentials(url: string): { base: string; auth: Record<string, string> } {
  const u = new URL(url);
  const auth: Record<string, string> = {};
  if (u.username || u.password) {
    auth['Authorization'] = `Basic ${Buffer.from(`${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`).toString('base64')}`;
    u.username = '';
    u.password = '';
  }
  return { base: u.toString().replace(/\/+$/, ''), auth };
}
