/** Type-checks files with the project's compiler settings (strict), returning each error as one readable line. */
import ts from 'typescript';
import { join } from 'node:path';
import { REPO } from './generate-into.js';

/**
 * `only`: report errors in files under these folders alone (and the program's global ones). The rest of the program
 * (the runtime the generated code imports, as source) is still read and used to check those files, but its own
 * bodies are not checked again: `npm run typecheck` does that once.
 */
export function typecheck(rootFiles: readonly string[], only?: readonly string[]): string[] {
  const configPath = join(REPO, 'tsconfig.json');
  const { config } = ts.readConfigFile(configPath, (p) => ts.sys.readFile(p));
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, REPO);
  const program = ts.createProgram({ rootNames: [...rootFiles], options: { ...parsed.options, noEmit: true } });
  let diagnostics: readonly ts.Diagnostic[];
  if (!only) diagnostics = ts.getPreEmitDiagnostics(program);
  else {
    const mine = program.getSourceFiles().filter((f) => only.some((dir) => f.fileName.startsWith(`${dir}/`)));
    const unmatched = only.filter((dir) => !mine.some((f) => f.fileName.startsWith(`${dir}/`)));
    if (unmatched.length) throw new Error(`typecheck: no file of the program is under ${unmatched.join(', ')}`);
    diagnostics = [
      ...program.getOptionsDiagnostics(),
      ...program.getGlobalDiagnostics(),
      ...mine.flatMap((f) => [...program.getSyntacticDiagnostics(f), ...program.getSemanticDiagnostics(f)]),
    ];
  }
  return diagnostics.map((d) => {
    const msg = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (!d.file || d.start === undefined) return msg;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${d.file.fileName}:${line + 1}:${character + 1}: ${msg}`;
  });
}
