/**
 * Keeps a scaffolded service's handlers in step with its contract: for each operation that has no entry in the
 * `handlers` object of `src/handlers/index.ts`, a stub file is written (never over an existing file) and one import
 * and one property are inserted with ts-morph. Nothing else in the file changes, and no other file is touched.
 * A cheap text check runs first, so ts-morph (which loads the TypeScript compiler) is imported only when an
 * operation is actually missing.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import type { ContractRecord } from '../contracts/read-contract.js';
import { pascalName } from '../contracts/emit-contract-module.js';
import { displayPath } from '../load/read-schema-files.js';
import { relativePath } from './names.js';
import { renderHandlerStub } from './render-templates.js';
import { operationModels, type OperationModel } from './scaffold-model.js';

export interface MissingHandlers {
  readonly indexFile: string;
  readonly operations: readonly OperationModel[];
}

const HANDLERS_VARIABLE = 'handlers';

/** Operations of `contract` that `handlersDir/index.ts` does not list; undefined when there is nothing to check. */
export async function missingHandlers(handlersDir: string, contract: ContractRecord, out: Diagnostic[]): Promise<MissingHandlers | undefined> {
  const indexFile = join(handlersDir, 'index.ts');
  if (!existsSync(indexFile)) return undefined;
  const text = readFileSync(indexFile, 'utf8');
  const ids = Object.keys(contract.operations);
  if (ids.every((id) => new RegExp(`(^|[^\\w$])${id.replace(/\$/g, '\\$')}([^\\w$]|$)`).test(text))) return { indexFile, operations: [] };
  const listed = await listedHandlers(indexFile, out);
  if (!listed) return undefined;
  const taken = new Set(readdirSync(handlersDir).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3)));
  const models = operationModels(contract, taken);
  return { indexFile, operations: models.filter((m) => !listed.has(m.operationId)) };
}

async function listedHandlers(indexFile: string, out: Diagnostic[]): Promise<Set<string> | undefined> {
  const { sourceFile, object } = await openHandlers(indexFile, out);
  if (!sourceFile || !object) return undefined;
  return new Set(object.getProperties().map((p) => ('getName' in p ? p.getName() : '')));
}

async function openHandlers(indexFile: string, out: Diagnostic[]) {
  const { IndentationText, Project, QuoteKind, SyntaxKind } = await import('ts-morph');
  const project = new Project({
    skipAddingFilesFromTsConfig: true,
    skipFileDependencyResolution: true,
    manipulationSettings: { indentationText: IndentationText.TwoSpaces, quoteKind: QuoteKind.Single, useTrailingCommas: true },
  });
  const sourceFile = project.addSourceFileAtPath(indexFile);
  const object = sourceFile.getVariableDeclaration(HANDLERS_VARIABLE)?.getInitializerIfKind(SyntaxKind.ObjectLiteralExpression);
  if (!object) {
    out.push(
      diagnostic({ file: displayPath(indexFile), line: 1, col: 1 }, 'NO_HANDLERS_OBJECT', `no \`const ${HANDLERS_VARIABLE} = { … }\` here, so new operations cannot be added; add their handlers yourself`),
    );
  }
  return { sourceFile, object };
}

/** Writes a stub per missing operation and wires it into index.ts; returns the files written or changed. */
export async function addHandlers(handlersDir: string, contract: ContractRecord, outDir: string, missing: MissingHandlers, out: Diagnostic[]): Promise<string[]> {
  if (missing.operations.length === 0) return [];
  const { sourceFile, object } = await openHandlers(missing.indexFile, out);
  if (!object) return [];
  const written: string[] = [];
  const stubModel = { contractName: contract.name, contractPascal: pascalName(contract.name), genFromSub: relativePath(handlersDir, outDir, relative) };
  for (const op of missing.operations) {
    const file = join(handlersDir, `${op.file}.ts`);
    if (!existsSync(file)) {
      writeFileSync(file, await renderHandlerStub(stubModel, op));
      written.push(file);
    }
    sourceFile.addImportDeclaration({ namedImports: [op.operationId], moduleSpecifier: `./${op.file}.js` });
    object.addShorthandPropertyAssignment({ name: op.operationId });
  }
  await sourceFile.save();
  written.push(missing.indexFile);
  return written;
}
