/**
 * A registry URL as users write it: credentials may be given in it (`https://user:secret@host/...`). They become a
 * basic-auth header and never appear in a message.
 */
import { basicAuth } from '../../runtime/service/kafka/kafka-security.js';

/** The URL without its password, for messages. */
export function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString().replace(/\/+$/, '');
}

/** The URL without credentials, the credentials, and the authorization header they stand for (none without them). */
export function splitCredentials(url: string): { base: string; username?: string; password?: string; auth: Record<string, string> } {
  const u = new URL(url);
  if (!u.username && !u.password) return { base: u.toString().replace(/\/+$/, ''), auth: {} };
  const [username, password] = [decodeURIComponent(u.username), decodeURIComponent(u.password)];
  u.username = '';
  u.password = '';
  return { base: u.toString().replace(/\/+$/, ''), username, password, auth: basicAuth(username, password) };
}
