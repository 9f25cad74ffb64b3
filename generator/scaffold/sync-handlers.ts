/**
 * Keeps a scaffolded service's handlers in step with its contract: for each operation that has no entry in the
 * `handlers` object of `src/handlers/index.ts`, a stub file is written (never over an existing file) and one import
 * and one property are inserted with ts-morph. Nothing else in the file changes, and no other file is touched.
 * An entry whose operation the contract no longer has is never removed (it is user code): it is an error that points
 * at the entry, so `generate` writes nothing and the service keeps building against the generated code it has, and
 * `generate --check` fails, until the user removes the handler or restores the operation. (A warning would let
 * generate drop the operation's types under the handler, which then no longer compiles.) A cheap text check runs first, so ts-morph (which loads the TypeScript compiler) is imported only when
 * the table and the contract's operations may differ.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { ObjectLiteralElementLike, SourceFile } from 'ts-morph';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import type { ContractRecord } from '../contracts/read-contract.js';
import type { ReadContractFile } from '../contracts/read-contracts.js';
import { pascalCase } from '../naming.js';
import { displayPath, moduleSpecifier } from '../paths.js';
import { renderHandlerStub } from './render-templates.js';
import { operationModels, type OperationModel } from './scaffold-model.js';

export interface MissingHandlers {
  readonly indexFile: string;
  readonly operations: readonly OperationModel[];
}

const HANDLERS_VARIABLE = 'handlers';

type TsMorph = typeof import('ts-morph');

/**
 * Compares `handlersDir/index.ts` with the contract: returns the operations its `handlers` table does not list
 * (undefined when there is nothing to check), and adds to `errors` a `REMOVED_OPERATION` for every entry of the table
 * whose operation the contract no longer has (and to `out`, a warning when there is no table to check).
 */
export async function checkHandlers(handlersDir: string, contract: ReadContractFile, out: Diagnostic[], errors: Diagnostic[]): Promise<MissingHandlers | undefined> {
  const indexFile = join(handlersDir, 'index.ts');
  if (!existsSync(indexFile)) return undefined;
  const text = readFileSync(indexFile, 'utf8');
  const ids = new Set(Object.keys(contract.record.operations));
  const keys = tableKeysFromText(text);
  if (keys && keys.length === ids.size && keys.every((k) => ids.has(k))) return { indexFile, operations: [] };
  const { tsMorph, sourceFile, object } = await openHandlers(indexFile);
  if (!object) {
    // Only worth saying when an operation is surely missing: its name is nowhere in the file.
    if ([...ids].some((id) => !mentions(text, id))) out.push(noHandlersObject(indexFile));
    return undefined;
  }
  const listed = new Set<string>();
  for (const entry of object.getProperties()) {
    const name = entryName(tsMorph, entry);
    if (name === undefined) continue;
    listed.add(name);
    if (!ids.has(name)) errors.push(removedOperation(tsMorph, indexFile, sourceFile, entry, name, contract));
  }
  const taken = new Set(readdirSync(handlersDir).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3)));
  const models = operationModels(contract.record, taken);
  return { indexFile, operations: models.filter((m) => !listed.has(m.operationId)) };
}

function mentions(text: string, id: string): boolean {
  return new RegExp(`(^|[^\\w$])${id.replace(/\$/g, '\\$')}([^\\w$]|$)`).test(text);
}

/**
 * The keys of the `handlers` object as its plain text shows them, read without a parser (which would load the
 * TypeScript compiler). Undefined whenever the text is not plain enough to be sure (a spread, a computed or quoted
 * key, an accessor, a type argument list…): ts-morph decides then.
 */
export function tableKeysFromText(text: string): string[] | undefined {
  // Comments out and string contents emptied, so that braces and commas in them do not count.
  const code = text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\[\s\S])*`/g, (m) => (m.startsWith('/') ? ' ' : "''"));
  const start = new RegExp(`(?:^|[^\\w$.])(?:const|let|var)\\s+${HANDLERS_VARIABLE}\\b[^=;]*=\\s*\\{`).exec(code);
  if (!start) return undefined;
  const segments: string[] = [];
  let depth = 0;
  let from = start.index + start[0].length;
  for (let i = from; i < code.length; i++) {
    const c = code[i];
    if (c === '{' || c === '(' || c === '[') depth++;
    else if (c === ',' && depth === 0) {
      segments.push(code.slice(from, i));
      from = i + 1;
    } else if (c === '}' || c === ')' || c === ']') {
      if (depth > 0) {
        depth--;
        continue;
      }
      if (c !== '}') return undefined;
      segments.push(code.slice(from, i));
      const keys: string[] = [];
      for (const s of segments) {
        if (s.trim() === '') continue;
        const m = /^\s*(?:async\s+)?([A-Za-z_$][\w$]*)\s*(?::|\(|$)/.exec(s);
        if (!m) return undefined;
        keys.push(m[1]!);
      }
      return keys;
    }
  }
  return undefined;
}

async function openHandlers(indexFile: string) {
  const tsMorph = await import('ts-morph');
  const { IndentationText, Project, QuoteKind, SyntaxKind } = tsMorph;
  const project = new Project({
    skipAddingFilesFromTsConfig: true,
    skipFileDependencyResolution: true,
    manipulationSettings: { indentationText: IndentationText.TwoSpaces, quoteKind: QuoteKind.Single, useTrailingCommas: true },
  });
  const sourceFile = project.addSourceFileAtPath(indexFile);
  const object = sourceFile.getVariableDeclaration(HANDLERS_VARIABLE)?.getInitializerIfKind(SyntaxKind.ObjectLiteralExpression);
  return { tsMorph, sourceFile, object };
}

function noHandlersObject(indexFile: string): Diagnostic {
  return diagnostic(
    { file: displayPath(indexFile), line: 1, col: 1 },
    'NO_HANDLERS_OBJECT',
    `no \`const ${HANDLERS_VARIABLE} = { … }\` here, so new operations cannot be added; add their handlers yourself`,
  );
}

/** The operation id an entry of the table stands for; undefined for a spread or a computed key. */
function entryName({ Node }: TsMorph, entry: ObjectLiteralElementLike): string | undefined {
  if (Node.isSpreadAssignment(entry)) return undefined;
  const name = entry.getNameNode();
  if (Node.isIdentifier(name) || Node.isPrivateIdentifier(name)) return name.getText();
  if (Node.isStringLiteral(name) || Node.isNoSubstitutionTemplateLiteral(name) || Node.isNumericLiteral(name)) return name.getLiteralText();
  return undefined;
}

function removedOperation(tsMorph: TsMorph, indexFile: string, sourceFile: SourceFile, entry: ObjectLiteralElementLike, id: string, contract: ReadContractFile): Diagnostic {
  const { line, column } = sourceFile.getLineAndColumnAtPos(entry.getStart());
  const file = entryFile(tsMorph, indexFile, sourceFile, entry);
  const remove = file ? `remove this entry, its import and ${displayPath(file)}` : 'remove this entry';
  return diagnostic(
    { file: displayPath(indexFile), line, col: column },
    'REMOVED_OPERATION',
    `the contract ${contract.record.name} has no operation '${id}' any more: ${remove}, or restore the operation in ${displayPath(contract.path)}`,
  );
}

/** The local file whose import the entry's value is (`getPet` or `getPet: getPetV2`, imported from './get-pet.js'). */
function entryFile({ Node }: TsMorph, indexFile: string, sourceFile: SourceFile, entry: ObjectLiteralElementLike): string | undefined {
  let local: string | undefined;
  if (Node.isShorthandPropertyAssignment(entry)) local = entry.getName();
  else if (Node.isPropertyAssignment(entry)) {
    const value = entry.getInitializer();
    if (value && Node.isIdentifier(value)) local = value.getText();
  }
  if (local === undefined) return undefined;
  for (const decl of sourceFile.getImportDeclarations()) {
    const spec = decl.getModuleSpecifierValue();
    if (!spec.startsWith('.')) continue;
    const binds = decl.getDefaultImport()?.getText() === local || decl.getNamedImports().some((n) => (n.getAliasNode()?.getText() ?? n.getName()) === local);
    if (!binds) continue;
    const base = resolve(dirname(indexFile), spec);
    return [base.replace(/\.js$/, '.ts'), `${base}.ts`].find((f) => f.endsWith('.ts') && existsSync(f));
  }
  return undefined;
}

/** A file `unilog generate` wrote in a service: a new handler stub, or the handler table it changed. */
export interface ServiceFileChange {
  readonly file: string;
  readonly change: 'added' | 'updated';
}

/** Writes a stub per missing operation and wires it into index.ts; returns the files written or changed. */
export async function addHandlers(handlersDir: string, contract: ContractRecord, outDir: string, missing: MissingHandlers, out: Diagnostic[]): Promise<ServiceFileChange[]> {
  if (missing.operations.length === 0) return [];
  const { sourceFile, object } = await openHandlers(missing.indexFile);
  if (!object) {
    out.push(noHandlersObject(missing.indexFile));
    return [];
  }
  const written: ServiceFileChange[] = [];
  const stubModel = { contractName: contract.name, contractPascal: pascalCase(contract.name), genFromSub: moduleSpecifier(handlersDir, outDir) };
  for (const op of missing.operations) {
    const file = join(handlersDir, `${op.file}.ts`);
    if (!existsSync(file)) {
      writeFileSync(file, await renderHandlerStub(stubModel, op));
      written.push({ file, change: 'added' });
    }
    sourceFile.addImportDeclaration({ namedImports: [op.operationId], moduleSpecifier: `./${op.file}.js` });
    object.addShorthandPropertyAssignment({ name: op.operationId });
  }
  await sourceFile.save();
  written.push({ file: missing.indexFile, change: 'updated' });
  return written;
}
