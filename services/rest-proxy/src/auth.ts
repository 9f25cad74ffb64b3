// Who may write where: an API key (`Authorization: Bearer <key>`) identifies a service, and a service writes only the
// topics it owns in the catalog. Keys are looked up by their SHA-256, so the lookup's timing says nothing about how
// much of a guessed key was right.
import { createHash } from 'node:crypto';
import type { AnyTopic } from 'unilog/runtime';
import { ProxyError } from './errors.js';

export class ApiKeys {
  private readonly services = new Map<string, string>();

  constructor(keys: Readonly<Record<string, string>>) {
    for (const [key, service] of Object.entries(keys)) this.services.set(digest(key), service);
  }

  /** False when no key is configured: every caller may write every catalog topic (development). */
  get enabled(): boolean {
    return this.services.size > 0;
  }

  /** Throws 40101 without a known key, 40301 when its service does not own `topic`. */
  check(authorization: string | undefined, topic: AnyTopic, catalogName: string): void {
    if (!this.enabled) return;
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!match) throw new ProxyError(40101, 'send an API key: Authorization: Bearer <key>');
    const service = this.services.get(digest(match[1]!));
    if (service === undefined) throw new ProxyError(40101, 'unknown API key');
    if (service !== topic.owner) {
      throw new ProxyError(40301, `the API key of ${service} may not write ${catalogName}: the catalog says ${topic.owner} owns it`);
    }
  }
}

function digest(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
