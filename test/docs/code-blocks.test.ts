/**
 * Every ```ts block of README.md and docs/*.md type-checks (strict) against the runtime and generated/ as they are, so
 * documentation cannot drift from the code. A block may be preceded by HTML comments, invisible when rendered:
 *   <!-- check-at services/search-service/src -->   type-check it as a file in that folder (default: the repo root)
 *   <!-- check-prelude … -->                          TypeScript put before it: the names the snippet assumes
 *   <!-- check-skip: reason -->                       not checked (say why)
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { ensureRuntimeLink } from '../../generator/scaffold/runtime-link.js';
import { REPO } from '../support/generate-into.js';
import { typecheck } from '../support/typecheck.js';

interface Block {
  readonly doc: string;
  /** 1-based line of the block's first code line in the markdown file. */
  readonly line: number;
  readonly code: string;
  readonly at: string;
  readonly prelude: string;
  readonly skip: string | undefined;
}

const DOCS = ['README.md', ...readdirSync(join(REPO, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)];

function blocksOf(doc: string): Block[] {
  const lines = readFileSync(join(REPO, doc), 'utf8').split('\n');
  const blocks: Block[] = [];
  let comments: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('<!--')) {
      let comment = line;
      while (!comment.includes('-->') && i + 1 < lines.length) comment += `\n${lines[++i]}`;
      comments.push(comment.slice(4, comment.indexOf('-->')).trim());
      continue;
    }
    if (/^```ts\s*$/.test(line)) {
      const start = i + 1;
      const code: string[] = [];
      while (i + 1 < lines.length && !lines[i + 1]!.startsWith('```')) code.push(lines[++i]!);
      i++;
      const directive = (name: string): string | undefined => comments.find((c) => c.startsWith(name))?.slice(name.length).trim();
      blocks.push({
        doc,
        line: start + 1,
        code: code.join('\n'),
        at: directive('check-at') ?? '.',
        prelude: directive('check-prelude') ?? '',
        skip: directive('check-skip:'),
      });
    }
    if (line.trim() !== '') comments = [];
  }
  return blocks;
}

const blocks = DOCS.flatMap(blocksOf);
const written: string[] = [];
afterAll(() => {
  for (const f of written) rmSync(f, { force: true });
});

describe('code blocks in README and docs', () => {
  test('there are blocks to check, and every skipped one says why', () => {
    expect(blocks.length).toBeGreaterThan(5);
    for (const b of blocks) if (b.skip !== undefined) expect(b.skip, `${b.doc}:${b.line}`).not.toBe('');
  });

  test('every ts block type-checks under the project settings (strict)', () => {
    // A block checked inside a service folder imports `unilog` as that service does, through its link to this repo.
    for (const at of new Set(blocks.map((b) => b.at))) if (at.startsWith('services/')) ensureRuntimeLink(join(REPO, ...at.split('/').slice(0, 2)), REPO);
    const files = new Map<string, Block & { offset: number }>();
    for (const [n, b] of blocks.entries()) {
      if (b.skip !== undefined) continue;
      const file = join(REPO, b.at, `.doc-check-${n}.ts`);
      const head = b.prelude === '' ? '' : `${b.prelude}\n`;
      writeFileSync(file, `${head}${b.code}\nexport {};\n`);
      written.push(file);
      files.set(file, { ...b, offset: head.split('\n').length - 1 });
    }
    // Errors point back at the markdown: doc:line:col.
    const errors = typecheck([...files.keys()]).map((e) => {
      const m = /^(.*?\.doc-check-\d+\.ts):(\d+):(\d+): (.*)$/s.exec(e);
      const b = m ? files.get(m[1]!) : undefined;
      if (!m || !b) return e;
      const line = Number(m[2]) - b.offset;
      return line >= 1 ? `${b.doc}:${b.line + line - 1}:${m[3]}: ${m[4]}` : `${b.doc}:${b.line} (check-prelude): ${m[4]}`;
    });
    expect(errors).toEqual([]);
  }, 120_000);
});
