/**
 * A full GC at a quiet moment (no tick queued) must not push `process.nextTick` off V8's fast path for good. The
 * child process prints nextTick's inline caches (`%DebugPrint`) after such a GC: in a plain process the caches of its
 * object literal are megamorphic (every tick then takes V8's runtime path); with the service framework imported they
 * stay monomorphic, because it keeps one tick object, and so its shape, alive (runtime/service/tick-shape.ts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REPO } from '../support/generate-into.js';

const FRAMEWORK = join(REPO, 'dist', 'runtime', 'service', 'index.js');

/** The states of nextTick's literal caches after a quiet full GC, in a fresh process. */
function literalCachesAfterQuietGc(importFramework: boolean): string[] {
  const script = join(mkdtempSync(join(tmpdir(), 'unilog-tick-')), 'quiet-gc.mjs');
  writeFileSync(
    script,
    [
      importFramework ? `await import(${JSON.stringify(pathToFileURL(FRAMEWORK).href)});` : '',
      // Enough ticks for V8 to give nextTick its feedback (inline caches), then none queued while the GC runs.
      'for (let i = 0; i < 2000; i++) process.nextTick(() => {});',
      'await new Promise((resolve) => setTimeout(resolve, 20));',
      'globalThis.gc();',
      'for (let i = 0; i < 100; i++) process.nextTick(() => {});',
      'await new Promise((resolve) => setTimeout(resolve, 20));',
      '%DebugPrint(process.nextTick);',
    ].join('\n'),
  );
  const r = spawnSync(process.execPath, ['--allow-natives-syntax', '--expose-gc', script], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  expect(r.status, r.stderr).toBe(0);
  return [...r.stdout.matchAll(/DefineKeyedOwnPropertyInLiteral (\w+)/g)].map((m) => m[1]!);
}

describe('process.nextTick after a quiet full GC', () => {
  it('goes megamorphic in a plain process (what the framework guards against)', () => {
    const states = literalCachesAfterQuietGc(false);
    expect(states).toHaveLength(4);
    expect(states).toContain('MEGAMORPHIC');
  });

  it('stays monomorphic once the service framework is imported', () => {
    expect(existsSync(FRAMEWORK), 'run `npm run build` first').toBe(true);
    expect(literalCachesAfterQuietGc(true)).toEqual(['MONOMORPHIC', 'MONOMORPHIC', 'MONOMORPHIC', 'MONOMORPHIC']);
  });
});
