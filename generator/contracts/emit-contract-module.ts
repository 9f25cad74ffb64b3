/**
 * The generated module of one service contract, `services/<name>.ts`: openapi-typescript's types of the contract
 * (`paths`, `components`, `operations`), the contract spec the server validates with, handler types for the service
 * that implements it, and a typed client for services that call it. Everything but the types is a binding to
 * `unilog/runtime/service/contract`, which needs only `fetch`.
 */
import type { GeneratedFile } from '../output/generated-file.js';
import { header } from '../output/header.js';
import { printLiteral } from '../output/literal.js';
import { camelCase, pascalCase } from '../naming.js';
import type { ContractRecord } from './read-contract.js';

/** The module's runtime import: `<runtimeImport>/service/contract` (or the folder beside a file path). */
export function contractRuntimeImport(runtimeImport: string): string {
  return runtimeImport.endsWith('.js') ? `${runtimeImport.slice(0, runtimeImport.lastIndexOf('/'))}/service/contract/index.js` : `${runtimeImport}/service/contract`;
}

/** A schema by its name; with read/write markers, as responses carry it, and `<Name>Input` as requests do. */
function schemaAlias(name: string, readWriteMarkers: boolean, inputTaken: boolean): string {
  const schema = `components['schemas']['${name}']`;
  if (!readWriteMarkers) return `export type ${name} = ${schema};`;
  const read = `export type ${name} = $svc.Readable<${schema}>;`;
  return inputTaken ? read : `${read}\nexport type ${name}Input = $svc.Writable<${schema}>;`;
}

export function contractModulePath(name: string): string {
  return `services/${name}.ts`;
}

export function emitContractModule(record: ContractRecord, types: string, source: string, runtimeImport: string, readWriteMarkers = false): GeneratedFile {
  const camel = camelCase(record.name);
  const pascal = pascalCase(record.name);
  const own = [`${camel}Contract`, `${pascal}Handlers`, `${pascal}Handler`, `${pascal}Client`, `create${pascal}Client`];
  const taken = new Set([...own, 'paths', 'webhooks', 'components', '$defs', 'operations', '$Read', '$Write', 'Readable', 'Writable']);
  const aliases = Object.keys(record.schemas).filter((n) => /^[A-Z][A-Za-z0-9_]*$/.test(n) && !taken.has(n));
  const lines = [
    ...header([source]),
    `import * as $svc from '${contractRuntimeImport(runtimeImport)}';`,
    '',
    types.trimEnd(),
    '',
    `/** ${record.title} ${record.version}: the operations and schemas the server validates with and the client calls. */`,
    `export const ${camel}Contract: $svc.Contract<operations> = $svc.defineContract<operations>(${printLiteral(record)});`,
    '',
    '/** A handler for every operation of the contract; `Ctx` is what the service\'s `setup` returns. */',
    `export type ${pascal}Handlers<Ctx = unknown> = $svc.Handlers<operations, Ctx>;`,
    '',
    '/** The handler of one operation. */',
    `export type ${pascal}Handler<K extends keyof operations, Ctx = unknown> = $svc.Handler<operations[K], Ctx>;`,
    '',
    '/** The typed HTTP client: one method per operation, with `.result()` and `.isError()` for declared error responses. */',
    `export type ${pascal}Client = $svc.ServiceClient<operations>;`,
    '',
    `/** A client of ${record.title} at \`options.baseUrl\`. */`,
    `export function create${pascal}Client(options: $svc.ServiceClientOptions): ${pascal}Client {`,
    `  return $svc.createServiceClient(${camel}Contract, options);`,
    '}',
    ...(aliases.length ? ['', ...aliases.map((n) => schemaAlias(n, readWriteMarkers, taken.has(`${n}Input`) || `${n}Input` in record.schemas))] : []),
    '',
  ];
  return { path: contractModulePath(record.name), content: lines.join('\n') };
}
