// Shared by the benches that use the generated bindings.
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The generated bindings as plain ESM: generated/*.ts with the types stripped, written under .dev/ (inside the package,
 * so their `unilog/runtime` imports resolve to dist/ through the package's self-reference).
 */
/** Transpiles generated/ into .dev/<folder> and imports `module` (relative to generated/, `.js`) from there. */
export async function loadGenerated(module = 'topics.js', folder = 'bench-generated') {
  const out = join(REPO, '.dev', folder);
  rmSync(out, { recursive: true, force: true });
  const walk = (from, to) => {
    mkdirSync(to, { recursive: true });
    for (const f of readdirSync(from)) {
      const p = join(from, f);
      if (statSync(p).isDirectory()) walk(p, join(to, f));
      else if (f.endsWith('.ts')) {
        const js = ts.transpileModule(readFileSync(p, 'utf8'), {
          compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
        });
        writeFileSync(join(to, f.replace(/\.ts$/, '.js')), js.outputText);
      }
    }
  };
  walk(join(REPO, 'generated'), out);
  return import(pathToFileURL(join(out, module)).href);
}

