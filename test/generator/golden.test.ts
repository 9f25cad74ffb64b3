/**
 * Golden files: each folder under golden/ holds schemas and the exact output committed beside them (which
 * `npm run typecheck` compiles under --strict). Run with UPDATE_GOLDEN=1 to rewrite them after an intended change.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadConfig } from '../../generator/config/load-config.js';
import { formatLocated } from '../../generator/diagnostics.js';
import { runPipeline } from '../../generator/pipeline.js';
import { writeOutput } from '../../generator/output/write-output.js';
import { REPO } from '../support/generate-into.js';

const GOLDEN = join(REPO, 'test', 'generator', 'golden');

describe('golden output', () => {
  test.each(readdirSync(GOLDEN).sort())('%s', async (name) => {
    const dir = join(GOLDEN, name);
    const config = loadConfig({ schemas: join(dir, 'schemas'), out: join(dir, 'expected') }, dir);
    const result = await runPipeline(config);
    expect(result.diagnostics.map(formatLocated)).toEqual([]);
    if (process.env.UPDATE_GOLDEN) {
      rmSync(config.out, { recursive: true, force: true });
      writeOutput(config.out, result.files);
    }
    expect(existsSync(config.out), `${name}: no expected output; run with UPDATE_GOLDEN=1`).toBe(true);
    for (const f of result.files) {
      expect(f.content, `${name}/${f.path}`).toBe(readFileSync(join(config.out, f.path), 'utf8'));
    }
    const listed = readdirSync(config.out, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
    expect(listed, `${name}: extra files in expected/`).toBe(result.files.length);
  });
});
