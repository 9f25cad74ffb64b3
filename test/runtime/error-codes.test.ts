/**
 * One registry of runtime error codes, and docs/runtime.md listing the same codes with the same retriability and
 * meaning (as fastify keeps its error registry, docs and types in step); the dead-letter headers likewise.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { DEAD_LETTER_HEADERS, RUNTIME_ERROR_CODES, UnilogError, type RuntimeErrorCode } from '../../runtime/index.js';
import { errorCodeOf } from '../../runtime/errors.js';
import { REPO } from '../support/generate-into.js';

const doc = readFileSync(join(REPO, 'docs/runtime.md'), 'utf8');

function section(title: string): string {
  const start = doc.indexOf(`## ${title}\n`);
  expect(start).toBeGreaterThanOrEqual(0);
  const end = doc.indexOf('\n## ', start + 1);
  return doc.slice(start, end < 0 ? undefined : end);
}

describe('runtime error codes', () => {
  test('docs/runtime.md lists every code, with its retriability and meaning, and no other', () => {
    const rows = [...section('Errors').matchAll(/^\| `([A-Z_]+)` \| (yes|no) \| (.+?) \|$/gm)].map(([, code, retriable, meaning]) => ({
      code,
      retriable: retriable === 'yes',
      description: meaning,
    }));
    expect(rows).toEqual(Object.entries(RUNTIME_ERROR_CODES).map(([code, { retriable, description }]) => ({ code, retriable, description })));
  });

  test('retriable comes from the code, the cause is kept', () => {
    const cause = new Error('connect ECONNREFUSED');
    const e = new UnilogError('REGISTRY_UNREACHABLE', 'x', { cause });
    expect([e.name, e.code, e.retriable, e.cause]).toEqual(['UnilogError', 'REGISTRY_UNREACHABLE', true, cause]);
    for (const code of Object.keys(RUNTIME_ERROR_CODES) as RuntimeErrorCode[]) {
      expect(new UnilogError(code, 'x').retriable).toBe(RUNTIME_ERROR_CODES[code].retriable);
    }
  });

  test('errorCodeOf reads a code, a kafkajs type, or falls back', () => {
    expect(errorCodeOf(new UnilogError('KEY_MISSING', 'x'), 'F')).toBe('KEY_MISSING');
    expect(errorCodeOf({ type: 'UNKNOWN_TOPIC_OR_PARTITION' }, 'F')).toBe('UNKNOWN_TOPIC_OR_PARTITION');
    expect(errorCodeOf(new Error('plain'), 'HANDLER_FAILED')).toBe('HANDLER_FAILED');
    expect(errorCodeOf('a string', 'F')).toBe('F');
  });

  test('docs/runtime.md lists the dead-letter headers the consumer writes', () => {
    const listed = [...section('Consumer').matchAll(/^\s*\| `(unilog-[a-z-]+)` \|/gm)].map(([, h]) => h);
    expect(listed).toEqual(Object.values(DEAD_LETTER_HEADERS));
  });
});
