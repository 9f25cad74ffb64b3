/**
 * The generated modules of one service contract. `services/<name>.openapi.ts` is openapi-typescript's output as it
 * writes it (`paths`, `components`, `operations`); `services/<name>.ts` is unilog's module, the one to import: a type
 * per named schema, the operations, the contract spec the server validates with, handler types for the service that
 * implements it, and a typed client for services that call it. Everything but the types is a binding to
 * `unilog/runtime/service/contract`, which needs only `fetch`.
 */
import type { GeneratedFile } from '../output/generated-file.js';
import { header } from '../output/header.js';
import { printLiteral } from '../output/literal.js';
import { camelCase, pascalCase } from '../naming.js';
import { escapeComment } from '../output/comments.js';
import { GLOBAL_NAMES } from './global-names.js';
import type { ContractRecord } from './read-contract.js';
import { schemaTypeNames, type SchemaTypeName } from './schema-type-names.js';

/** The module's runtime import: `<runtimeImport>/service/contract` (or the folder beside a file path). */
export function contractRuntimeImport(runtimeImport: string): string {
  return runtimeImport.endsWith('.js') ? `${runtimeImport.slice(0, runtimeImport.lastIndexOf('/'))}/service/contract/index.js` : `${runtimeImport}/service/contract`;
}

export function contractModulePath(name: string): string {
  return `services/${name}.ts`;
}

/** Service names hold no `.`, so `.openapi.ts` never meets another contract's module or a `.d.ts`-like suffix. */
export function openapiModulePath(name: string): string {
  return `services/${name}.openapi.ts`;
}

export function emitContractFiles(record: ContractRecord, types: string, source: string, runtimeImport: string, readWriteMarkers = false): GeneratedFile[] {
  const openapi: GeneratedFile = {
    path: openapiModulePath(record.name),
    content: [...header([source]), `// openapi-typescript's types of the contract; import from \`./${record.name}.js\`.`, '', types.trimEnd(), ''].join('\n'),
  };
  return [openapi, emitContractModule(record, source, runtimeImport, readWriteMarkers)];
}

/** One schema's exported type(s): the response and request forms with read/write markers, the schema itself without. */
function schemaTypes(n: SchemaTypeName): string[] {
  const schema = `components['schemas']['${n.schema}']`;
  const why = GLOBAL_NAMES.has(n.schema) ? 'would shadow the global' : 'is taken in this module';
  const doc = n.type === n.schema ? [] : [`/** The contract's \`${n.schema}\` schema (the name \`${n.schema}\` ${why}). */`];
  if (n.input === undefined) return [...doc, `export type ${n.type} = ${schema};`];
  return [...doc, `export type ${n.type} = $svc.Readable<${schema}>;`, `export type ${n.input} = $svc.Writable<${schema}>;`];
}

function emitContractModule(record: ContractRecord, source: string, runtimeImport: string, readWriteMarkers: boolean): GeneratedFile {
  const camel = camelCase(record.name);
  const pascal = pascalCase(record.name);
  const ops = `${pascal}Operations`;
  const own = [`${camel}Contract`, ops, `${pascal}Handlers`, `${pascal}Handler`, `${pascal}Client`, `create${pascal}Client`];
  const schemas = schemaTypeNames(Object.keys(record.schemas), own, readWriteMarkers);
  const imported = schemas.length ? 'components, operations' : 'operations';
  const lines = [
    ...header([source]),
    `import * as $svc from '${contractRuntimeImport(runtimeImport)}';`,
    `import type { ${imported} } from './${record.name}.openapi.js';`,
    '',
    `/** The operations of ${escapeComment(record.title)} by operationId, as openapi-typescript types them. */`,
    `export type ${ops} = operations;`,
    ...(schemas.length ? ['', ...schemas.flatMap(schemaTypes)] : []),
    '',
    `/** ${escapeComment(record.title)} ${escapeComment(record.version)}: the operations and schemas the server validates with and the client calls. */`,
    `export const ${camel}Contract: $svc.Contract<${ops}> = $svc.defineContract(${printLiteral(record)});`,
    '',
    '/** A handler for every operation of the contract; `Ctx` is what the service\'s `setup` returns. */',
    `export type ${pascal}Handlers<Ctx = unknown> = $svc.Handlers<${ops}, Ctx>;`,
    '',
    '/** The handler of one operation. */',
    `export type ${pascal}Handler<K extends keyof ${ops}, Ctx = unknown> = $svc.Handler<${ops}[K], Ctx>;`,
    '',
    '/** The typed HTTP client: one method per operation, with `.result()` and `.isError()` for declared error responses. */',
    `export type ${pascal}Client = $svc.ServiceClient<${ops}>;`,
    '',
    `/** A client of ${escapeComment(record.title)} at \`options.baseUrl\`. */`,
    `export function create${pascal}Client(options: $svc.ServiceClientOptions): ${pascal}Client {`,
    `  return $svc.createServiceClient(${camel}Contract, options);`,
    '}',
    '',
  ];
  return { path: contractModulePath(record.name), content: lines.join('\n') };
}
