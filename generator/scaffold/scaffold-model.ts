/**
 * Everything the service templates need, computed once: names, the operations and topics, and the relative paths
 * from the service folder to the project's generated modules (a service compiles them with its own sources, so its
 * `rootDir` is the folder that holds both).
 */
import { dirname, join, relative } from 'node:path';
import type { TopicSpec } from '../catalog/catalog.js';
import type { ContractRecord } from '../contracts/read-contract.js';
import { camelCase, consumerFunction, kebabCase, metricPrefix, pascalCase } from '../naming.js';
import { commentLine } from '../output/comments.js';
import { moduleSpecifier, posixRelative } from '../paths.js';

export interface OperationModel {
  readonly operationId: string;
  readonly file: string;
  readonly method: string;
  readonly path: string;
  readonly summary: string;
}

export interface ScaffoldModel {
  readonly name: string;
  readonly title: string;
  /** The service's own metric names start with it (`search_service_`). */
  readonly metricPrefix: string;
  readonly contractName: string;
  readonly contractCamel: string;
  readonly contractPascal: string;
  /** From the service folder. */
  readonly contractPath: string;
  /** The generated folder, from `src/` and from `src/handlers/` (or `src/consumers/`). */
  readonly genFromSrc: string;
  readonly genFromSub: string;
  readonly rootDir: string;
  readonly mainJs: string;
  readonly unilogDependency: string;
  readonly operations: readonly OperationModel[];
  readonly consumes: readonly { topic: string; file: string; fn: string; replay: boolean; doc: string }[];
  readonly produces: readonly { topic: string }[];
  readonly usesKafka: boolean;
}

export interface ModelInput {
  readonly name: string;
  readonly dir: string;
  readonly contract: ContractRecord;
  readonly contractFile: string;
  readonly out: string;
  readonly consumes: readonly TopicSpec[];
  readonly produces: readonly TopicSpec[];
  /** The unilog package's folder and version. */
  readonly unilogRoot: string;
  readonly unilogVersion: string;
}

export function scaffoldModel(input: ModelInput): ScaffoldModel {
  const { dir, contract } = input;
  const root = commonDir(dir, input.out);
  const fromRoot = posixRelative(root, dir);
  const inside = !relative(input.unilogRoot, dir).startsWith('..');
  return {
    name: input.name,
    title: commentLine(contract.title),
    metricPrefix: metricPrefix(input.name),
    contractName: contract.name,
    contractCamel: camelCase(contract.name),
    contractPascal: pascalCase(contract.name),
    contractPath: moduleSpecifier(dir, input.contractFile),
    genFromSrc: moduleSpecifier(join(dir, 'src'), input.out),
    genFromSub: moduleSpecifier(join(dir, 'src', 'handlers'), input.out),
    rootDir: moduleSpecifier(dir, root),
    mainJs: `dist/${fromRoot ? `${fromRoot}/` : ''}src/main.js`,
    // Inside the unilog package itself (its examples and tests) the service links to it; elsewhere, the release.
    unilogDependency: inside ? `file:${moduleSpecifier(dir, input.unilogRoot)}` : `^${input.unilogVersion}`,
    operations: operationModels(contract, new Set()),
    consumes: input.consumes.map((t) => ({ topic: t.name, file: t.name, fn: consumerFunction(t.name), replay: t.cleanupPolicy === 'compact', doc: commentLine(t.doc) })),
    produces: input.produces.map((t) => ({ topic: t.name })),
    usesKafka: input.consumes.length + input.produces.length > 0,
  };
}

/** One model per operation; file names unique among themselves and `taken` (existing files). */
export function operationModels(contract: ContractRecord, taken: ReadonlySet<string>): OperationModel[] {
  const used = new Set(taken);
  return Object.values(contract.operations).map((op) => {
    const base = kebabCase(op.operationId) || 'operation';
    let file = base;
    for (let i = 2; used.has(file) || file === 'index'; i++) file = `${base}-${i}`;
    used.add(file);
    return { operationId: op.operationId, file, method: op.method, path: op.path, summary: commentLine(op.summary) };
  });
}

function commonDir(a: string, b: string): string {
  let d = a;
  while (relative(d, b).startsWith('..') && dirname(d) !== d) d = dirname(d);
  return d;
}
