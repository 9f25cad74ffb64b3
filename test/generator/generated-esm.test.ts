/**
 * Generated modules import each other (namespace modules ↔ codecs.ts). Under Node's own ESM loader — not vitest's —
 * every module must work as the first one a program imports: compile generated/ to JavaScript and import each entry
 * point in a fresh process.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { REPO, workDir } from '../support/generate-into.js';

const out = workDir('generated-esm');
const src = join(REPO, 'generated');
for (const file of readdirSync(src, { recursive: true }).map(String).filter((f) => f.endsWith('.ts'))) {
  const js = ts.transpileModule(readFileSync(join(src, file), 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
  }).outputText;
  mkdirSync(dirname(join(out, file)), { recursive: true });
  writeFileSync(join(out, file.replace(/\.ts$/, '.js')), js);
}

const entries = ['index.js', 'topics.js', 'codecs.js', 'types/com.state.users.js', 'types/com.state.feed.js'];

describe('generated modules under Node ESM', () => {
  test.each(entries)('importing %s first works and its codecs round-trip', (entry) => {
    const script = `
      const m = await import(${JSON.stringify(`./${entry}`)});
      const { codecs } = await import('./codecs.js');
      const codec = codecs['com.state.users.User'];
      const user = { id: '1b4e28ba-2fa1-11d2-883f-0016d3cca427', username: 'ada', displayName: 'Ada',
        createdAt: new Date(0), updatedAt: new Date(1) };
      const back = codec.decode(codec.encode(user));
      console.log(Object.keys(m).length > 0, back.username, back.status, back.updatedAt.getTime());`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: out, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('true ada ACTIVE 1');
  });
});
