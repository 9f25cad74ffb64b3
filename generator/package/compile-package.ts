/**
 * Compiles the generated modules to what an npm package ships: ESM JavaScript and `.d.ts`, with the TypeScript
 * compiler (a dependency of unilog already). The modules are compiled from memory, as `unilog generate` would write
 * them, at their place in the output folder, so `unilog/runtime` and `@types/node` resolve from the project as they
 * do for generated/ itself; nothing is written here.
 */
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import type { GeneratedFile } from '../output/generated-file.js';
import { displayPath } from '../paths.js';

export interface CompiledPackage {
  /** Paths relative to the package folder (`/`-separated) → file text: `.js` and `.d.ts` files. */
  readonly files: ReadonlyMap<string, string>;
  readonly diagnostics: readonly Diagnostic[];
}

/** The generated modules' own options: the strictness they are written for, Node's ESM resolution. */
function compilerOptions(rootDir: string): ts.CompilerOptions {
  return {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ['lib.es2023.d.ts'],
    types: ['node'],
    strict: true,
    noUncheckedIndexedAccess: true,
    skipLibCheck: true,
    declaration: true,
    rootDir,
    // Output goes to memory; the folder only makes the emitted paths relative to the package root.
    outDir: join(rootDir, '.package'),
    newLine: ts.NewLineKind.LineFeed,
    noEmitOnError: true,
  };
}

/** `outDir` is the generated modules' folder (the config's `out`); `files` are what `generate` emits into it. */
export function compilePackage(outDir: string, files: readonly GeneratedFile[]): CompiledPackage {
  const root = resolve(outDir);
  const options = compilerOptions(root);
  const sources = new Map(files.filter((f) => f.path.endsWith('.ts')).map((f) => [join(root, f.path), f.content]));
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile, directoryExists } = host;
  // Module resolution skips folders that do not exist: the output folder may not be on disk at all.
  const folders = new Set([...sources.keys()].flatMap((f) => ancestors(f, root)));
  host.directoryExists = (name) => folders.has(resolve(name)) || (directoryExists?.call(host, name) ?? true);
  host.fileExists = (name) => sources.has(resolve(name)) || fileExists.call(host, name);
  host.readFile = (name) => sources.get(resolve(name)) ?? readFile.call(host, name);
  host.getSourceFile = (name, languageVersion, onError, shouldCreate) => {
    const text = sources.get(resolve(name));
    return text === undefined ? getSourceFile.call(host, name, languageVersion, onError, shouldCreate) : ts.createSourceFile(name, text, languageVersion, true);
  };
  const emitted = new Map<string, string>();
  host.writeFile = (name, text) => {
    emitted.set(relative(options.outDir!, name).split(sep).join('/'), text);
  };
  const program = ts.createProgram([...sources.keys()], options, host);
  const before = ts.getPreEmitDiagnostics(program);
  if (before.length > 0) return { files: new Map(), diagnostics: before.map(toDiagnostic) };
  const result = program.emit();
  return { files: result.emitSkipped ? new Map() : emitted, diagnostics: result.diagnostics.map(toDiagnostic) };
}

/** `file`'s folders from `root` down. */
function ancestors(file: string, root: string): string[] {
  const out = [root];
  for (let d = dirname(file); d.startsWith(root) && d !== root; d = dirname(d)) out.push(d);
  return out;
}

function toDiagnostic(d: ts.Diagnostic): Diagnostic {
  const message = ts.flattenDiagnosticMessageText(d.messageText, ' ');
  if (!d.file || d.start === undefined) return diagnostic({ file: 'unilog pack', line: 0, col: 0 }, 'PACKAGE_COMPILE', `TS${d.code}: ${message}`);
  const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
  return diagnostic({ file: displayPath(d.file.fileName), line: line + 1, col: character + 1 }, 'PACKAGE_COMPILE', `TS${d.code}: ${message}`);
}
