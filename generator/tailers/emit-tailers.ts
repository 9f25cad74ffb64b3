/**
 * The tailers target of `unilog generate`: reads `tailers.yaml` beside the topic catalog (when there is one), checks
 * it (load-tailers.ts) and emits one module per tailer, `tailers/<name>.ts`, holding its definition for the runtime
 * (`unilog/runtime/tailer`): the table, the catalog topic's binding, and the column of every field with the target
 * type already worked out, so the runtime converts without looking at schemas.
 */
import { existsSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import type { Catalog } from '../catalog/catalog.js';
import type { UnilogConfig } from '../config/load-config.js';
import type { Diagnostic } from '../diagnostics.js';
import type { SchemaSet } from '../ir.js';
import { topicIdentifier } from '../naming.js';
import type { Emitter, GeneratedFile } from '../output/generated-file.js';
import { header, importPath } from '../output/header.js';
import { printLiteral } from '../output/literal.js';
import { relativePath, resolvePath } from '../paths.js';
import { normalisePgType } from '../../runtime/tailer/pg-types.js';
import { loadTailers } from './load-tailers.js';
import type { FieldSource, TailerDeclarations, TailerSpec } from './tailer-spec.js';

/** Where the tailer declarations live: `tailers.yaml` in the catalog's folder. */
export function tailersFile(config: Pick<UnilogConfig, 'catalog'>): string {
  return join(dirname(config.catalog), 'tailers.yaml');
}

export interface TailersInput {
  readonly schemas: SchemaSet;
  readonly catalog: Catalog;
  readonly config: Pick<UnilogConfig, 'catalog' | 'schemas' | 'types' | 'runtimeImport'>;
}

export function readTailerDeclarations(input: Pick<TailersInput, 'catalog' | 'config'>): { declarations: TailerDeclarations | undefined; diagnostics: Diagnostic[] } {
  const path = tailersFile(input.config);
  if (!existsSync(path)) return { declarations: undefined, diagnostics: [] };
  return loadTailers(path, input.catalog, input.config.types);
}

export const emitTailers: Emitter<TailersInput> = (input) => {
  const { declarations, diagnostics } = readTailerDeclarations(input);
  if (!declarations || diagnostics.length > 0 || declarations.tailers.length === 0) return { files: [], diagnostics };
  const base = dirname(input.config.schemas);
  const source = relativePath(base, resolvePath(tailersFile(input.config))).split(sep).join('/');
  const files = declarations.tailers.map((t) => emitTailerModule(t, input.config.runtimeImport, source, input.config.types.long));
  return { files: [...files, emitIndex(declarations.tailers)], diagnostics: [] };
};

/** `user-connections` → `userConnectionsTailer`. */
export function tailerIdentifier(name: string): string {
  return `${topicIdentifier(name).replace(/_$/, '')}Tailer`;
}

function emitTailerModule(t: TailerSpec, runtimeImport: string, source: string, long: 'number' | 'bigint'): GeneratedFile {
  const path = `tailers/${t.name}.ts`;
  const literal = printLiteral(tailerMapping(t, long), '');
  const lines = [
    ...header([source]),
    `import * as $tl from '${runtimeImport}/tailer';`,
    `import { topics as $topics } from '${importPath(path, 'topics')}';`,
    '',
    `/** Tailer \`${t.name}\`: table ${t.table.schema}.${t.table.name} into topic \`${t.topic.name}\` (${t.shape} shape). */`,
    `export const ${tailerIdentifier(t.name)} = $tl.defineTailer($topics[${JSON.stringify(t.topic.name)}], ${literal});`,
    '',
  ];
  return { path, content: lines.join('\n') };
}

/** The mapping the generated module hands to `defineTailer`, as plain data (the runtime's `TailerMapping`). */
export function tailerMapping(t: TailerSpec, long: 'number' | 'bigint'): Record<string, unknown> {
  return {
    name: t.name,
    table: t.table,
    shape: t.shape,
    key: t.key.map(plain),
    value: t.value.map(plain),
    ...(t.envelopeSource ? { envelope: { source: t.envelopeSource, long } } : {}),
  };
}

function plain(s: FieldSource): Record<string, unknown> {
  if ('constant' in s) return { field: s.path, constant: s.constant };
  return {
    field: s.path,
    column: s.column,
    type: normalisePgType(s.type),
    ...(s.type.enum ? { enum: true } : {}),
    notNull: s.notNull,
    nullable: s.nullable,
    target: s.target,
    ...(s.representation ? { representation: s.representation } : {}),
  };
}

function emitIndex(tailers: readonly TailerSpec[]): GeneratedFile {
  const sorted = [...tailers].sort((a, b) => (a.name < b.name ? -1 : 1));
  const lines = [
    ...header([]),
    ...sorted.map((t) => `import { ${tailerIdentifier(t.name)} } from './${t.name}.js';`),
    '',
    '/** Every tailer of tailers.yaml, by name. */',
    `export const tailers = {`,
    ...sorted.map((t) => `  ${JSON.stringify(t.name)}: ${tailerIdentifier(t.name)},`),
    '} as const;',
    '',
  ];
  return { path: 'tailers/index.ts', content: lines.join('\n') };
}
