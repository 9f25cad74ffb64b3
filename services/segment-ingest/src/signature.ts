// Segment's webhook signature: `X-Signature` is the hex HMAC-SHA1 of the request body with the destination's shared
// secret. It is checked over the raw bytes as received: a body parsed and serialised again differs whenever the
// sender escaped a character (`\u00e9` for é) and fails. The comparison takes the same time however much matches.
import { createHmac, timingSafeEqual } from 'node:crypto';

const SHA1_HEX = /^[0-9a-f]{40}$/i;

export function signatureOf(body: Buffer | string, secret: string): string {
  return createHmac('sha1', secret).update(body).digest('hex');
}

export function validSignature(body: Buffer, header: string | string[] | undefined, secret: string): boolean {
  if (typeof header !== 'string' || !SHA1_HEX.test(header)) return false;
  return timingSafeEqual(Buffer.from(header, 'hex'), createHmac('sha1', secret).update(body).digest());
}
