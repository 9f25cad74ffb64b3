/**
 * One registry of generator diagnostic codes (as fastify keeps its error codes), and docs/diagnostics.md listing the
 * same codes, in the same order, with the same meaning.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { GENERATOR_CODES } from '../../generator/diagnostic-codes.js';
import { diagnostic, formatLocated } from '../../generator/diagnostics.js';
import { REPO } from '../support/generate-into.js';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('generator diagnostic codes', () => {
  test('docs/diagnostics.md lists every code with its meaning, in the order of the registry, and no other', () => {
    const doc = readFileSync(join(REPO, 'docs/diagnostics.md'), 'utf8');
    const rows = [...doc.matchAll(/^\| `([A-Z_]+)` \| (.+?) \|$/gm)].map(([, code, meaning]) => [code, meaning]);
    expect(rows).toEqual(Object.entries(GENERATOR_CODES));
  });

  test('every registered code is reported somewhere in the generator', () => {
    const registry = join(REPO, 'generator/diagnostic-codes.ts');
    const text = sources(join(REPO, 'generator')).filter((f) => f !== registry).map((f) => readFileSync(f, 'utf8')).join('\n');
    expect(Object.keys(GENERATOR_CODES).filter((code) => !text.includes(`'${code}'`))).toEqual([]);
  });

  test('a diagnostic takes only a registered code, and prints as file:line:col: message', () => {
    // @ts-expect-error: not a code of the registry (tsc checks this line)
    const unregistered = diagnostic({ file: 'a.avsc', line: 1, col: 1 }, 'NOT_A_CODE', 'x');
    expect(unregistered.code).toBe('NOT_A_CODE');
    expect(formatLocated(diagnostic({ file: 'schemas/a.avsc', line: 3, col: 7 }, 'UNKNOWN_TYPE', "unknown type 'B'"))).toBe(
      "schemas/a.avsc:3:7: unknown type 'B'",
    );
    expect(formatLocated({ file: 'unilog.config.yaml', line: 0, col: 0, message: 'config file not found' })).toBe('unilog.config.yaml: config file not found');
  });
});
