/** The one digest the generator keys things by: hex SHA-1 (a cache key, never a security boundary). */
import { createHash } from 'node:crypto';

export function sha1Hex(data: string | Buffer): string {
  return createHash('sha1').update(data).digest('hex');
}
