/**
 * kafkajs is a peer dependency of unilog (one copy, shared with the user's own `new Kafka(...)`). npm 7 and later
 * install peers; other package managers may only warn. When one is missing, Node's ERR_MODULE_NOT_FOUND names the
 * package but not what to do: this turns it into one line with the command that fixes it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unilogPackage } from './unilog-package.js';

/** The message for a missing peer dependency of unilog, or undefined when `error` is something else. */
export function missingPeerMessage(error: unknown): string | undefined {
  if (!(error instanceof Error) || (error as { code?: unknown }).code !== 'ERR_MODULE_NOT_FOUND') return undefined;
  const name = /Cannot find package '([^']+)'/.exec(error.message)?.[1];
  if (!name) return undefined;
  const { root } = unilogPackage();
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { peerDependencies?: Record<string, string> };
  const range = pkg.peerDependencies?.[name];
  if (range === undefined) return undefined;
  return `unilog: ${name} is not installed: it is a peer dependency of unilog, installed beside it (npm install ${name}@'${range}')`;
}
