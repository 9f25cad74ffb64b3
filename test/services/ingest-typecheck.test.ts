/**
 * The two HTTP ingest services type-check as their own packages do (`npm run typecheck` in their folders: strict,
 * against the built `unilog` they depend on), since the repository's own typecheck leaves services/ out.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { ensureRuntimeLink } from '../../generator/scaffold/runtime-link.js';
import { REPO } from '../support/generate-into.js';

test.each(['rest-proxy', 'segment-ingest'])('services/%s type-checks', (name) => {
  if (!existsSync(join(REPO, 'dist', 'runtime', 'index.d.ts'))) throw new Error('run `npm run build` first: services compile against the built runtime');
  const dir = join(REPO, 'services', name);
  ensureRuntimeLink(dir, REPO);
  const tsc = spawnSync(process.execPath, [join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], { cwd: dir, encoding: 'utf8' });
  expect(tsc.stdout + tsc.stderr).toBe('');
});
