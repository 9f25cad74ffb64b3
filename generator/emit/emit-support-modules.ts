/** The modules beside the per-namespace ones: codec options, topic bindings, the codec map and the index. */
import type { Catalog } from '../catalog/catalog.js';
import { isNamed, type NamedNode, type TypeNode } from '../ir.js';
import { ModuleImports, type EmitContext, type TypeNames } from './context.js';
import type { GeneratedFile } from '../output/generated-file.js';
import { topicIdentifier } from '../naming.js';
import { jsDoc } from '../output/comments.js';
import { namespaceAlias } from './allocate-names.js';
import { header, importPath } from '../output/header.js';
import { printLiteral } from '../output/literal.js';
import { typeExpression } from './type-expression.js';

export function emitCodecOptions(ctx: EmitContext): GeneratedFile {
  const lines = [
    ...header([]),
    `import type { CodecOptions } from '${ctx.runtimeImport}';`,
    '',
    '/** The type mapping every generated codec uses (from `types` in the unilog config). */',
    `export const codecOptions: CodecOptions = ${printLiteral({ long: ctx.mapping.long, logicalTypes: ctx.mapping.logicalTypes })};`,
    '',
  ];
  return { path: 'codec-options.ts', content: lines.join('\n') };
}

export function emitTopics(catalog: Catalog, ctx: EmitContext): { file: GeneratedFile; ids: string[] } {
  const module = 'topics';
  const imports = new ModuleImports(module);
  const codecExpr = (node: TypeNode): { codec: string; read: string; write: string } => {
    const read = typeExpression(node, 'read', ctx, imports);
    const write = typeExpression(node, 'write', ctx, imports);
    if (isNamed(node)) {
      const names = ctx.names.get(node)!;
      return { codec: `${imports.ref(names.module, namespaceAlias(node.namespace), 'value')}${names.type}`, read, write };
    }
    // A primitive key such as `string` has no generated module; its codec is made here.
    return { codec: `$rt.createCodec(${JSON.stringify(node.kind === 'primitive' ? node.type : '')}, $options)`, read, write };
  };
  const blocks: string[] = [];
  const ids: Array<[string, string]> = [];
  for (const t of catalog.topics) {
    let id = topicIdentifier(t.name);
    // `topics` names the map of all topics below, and two topic names can camel-case alike.
    while (id === 'topics' || ids.some(([, taken]) => taken === id)) id = `${id}_`;
    ids.push([t.name, id]);
    const key = codecExpr(t.key);
    const value = codecExpr(t.value);
    const doc = [t.doc, `\`${t.name}\`: ${t.visibility} topic owned by ${t.owner}; ${t.partitions} partitions, cleanup ${t.cleanupPolicy}, compatibility ${t.compatibility}.`]
      .filter(Boolean)
      .join('\n');
    blocks.push(
      [
        ...jsDoc(doc),
        `export const ${id}: $rt.Topic<${key.read}, ${key.write}, ${value.read}, ${value.write}> = $rt.defineTopic({`,
        `  name: ${JSON.stringify(t.name)},`,
        `  key: ${key.codec},`,
        `  value: ${value.codec},`,
        `  visibility: ${JSON.stringify(t.visibility)},`,
        `  owner: ${JSON.stringify(t.owner)},`,
        `  partitions: ${t.partitions},`,
        `  cleanupPolicy: ${JSON.stringify(t.cleanupPolicy)},`,
        `  compatibility: ${JSON.stringify(t.compatibility)},`,
        '});',
      ].join('\n'),
    );
  }
  const lines = [
    ...header([ctx.sourceName(catalog.file)]),
    `import * as $rt from '${ctx.runtimeImport}';`,
    `import { codecOptions as $options } from './codec-options.js';`,
    ...imports.render((to) => importPath(module, to)),
    '',
    ...blocks.flatMap((b) => [b, '']),
    '/** Every topic of the catalog, by topic name. */',
    'export const topics = {',
    ...ids.map(([name, id]) => `  ${JSON.stringify(name)}: ${id},`),
    '} as const;',
    '',
  ];
  return { file: { path: 'topics.ts', content: lines.join('\n') }, ids: ids.map(([, id]) => id) };
}

export function emitCodecMap(named: readonly NamedNode[], ctx: EmitContext): GeneratedFile {
  const module = 'codecs';
  const imports = new ModuleImports(module);
  const entries = named.map((n) => {
    const names = ctx.names.get(n)!;
    return `  get ${JSON.stringify(n.name)}() {\n    return ${imports.ref(names.module, namespaceAlias(n.namespace), 'value')}${names.type};\n  },`;
  });
  const lines = [
    ...header([]),
    `import type { AvroSchema } from '${ctx.runtimeImport}';`,
    ...imports.render((to) => importPath(module, to)),
    '',
    '/**',
    ' * The codec of every named type, by Avro full name (for tools, tests and generic consumers). Getters, because the',
    ' * namespace modules import this one for `namedSchema`: whichever module a program imports first, no codec is read',
    ' * here before its own module has run.',
    ' */',
    'export const codecs = {',
    ...entries,
    '} as const;',
    '',
    '/**',
    ' * The own schema of a named type, by full name: codecs call this when they compile, to find the types their',
    ' * schema refers to by name. (A function declaration, so it is ready even while modules that import each other load.)',
    ' */',
    ...(entries.length > 0
      ? [
          'export function namedSchema(fullName: string): AvroSchema | undefined {',
          '  return Object.hasOwn(codecs, fullName) ? codecs[fullName as keyof typeof codecs].schema : undefined;',
          '}',
        ]
      : [
          // No named types (a folder of schemas such as just "int"): nothing to look up, and `keyof {}` is never.
          'export function namedSchema(_fullName: string): AvroSchema | undefined {',
          '  return undefined;',
          '}',
        ]),
    '',
  ];
  return { path: 'codecs.ts', content: lines.join('\n') };
}

/**
 * Re-exports every generated name whose short form is unique (across namespaces and topics); a name defined twice
 * is left out here, rather than exported ambiguously, and is imported from its own module instead.
 */
export function emitIndex(named: readonly NamedNode[], ctx: EmitContext, topicIds: readonly string[]): GeneratedFile {
  const exportsOf = (names: TypeNames): { values: string[]; types: string[] } => ({
    values: [names.type, names.schema, ...(names.symbols ? [names.symbols] : [])],
    types: names.input ? [names.input] : [],
  });
  const count = new Map<string, number>();
  const bump = (x: string): void => void count.set(x, (count.get(x) ?? 0) + 1);
  for (const n of named) {
    const e = exportsOf(ctx.names.get(n)!);
    [...e.values, ...e.types].forEach(bump);
  }
  [...topicIds, 'topics', 'codecs'].forEach(bump);
  const unique = (x: string): boolean => count.get(x) === 1;

  const byModule = new Map<string, { values: string[]; types: string[] }>();
  for (const n of named) {
    const names = ctx.names.get(n)!;
    const e = exportsOf(names);
    const entry = byModule.get(names.module) ?? { values: [], types: [] };
    byModule.set(names.module, entry);
    entry.values.push(...e.values.filter(unique));
    entry.types.push(...e.types.filter(unique));
  }
  const skipped = [...count.keys()].filter((x) => !unique(x)).sort();
  const lines = [...header([])];
  if (skipped.length > 0) {
    lines.push(`// Defined more than once, so import these from their own modules: ${skipped.join(', ')}.`);
  }
  for (const module of [...byModule.keys()].sort()) {
    const e = byModule.get(module)!;
    if (e.values.length) lines.push(`export { ${e.values.join(', ')} } from './${module}.js';`);
    if (e.types.length) lines.push(`export type { ${e.types.join(', ')} } from './${module}.js';`);
  }
  lines.push(`export { codecs } from './codecs.js';`);
  const topicExports = [...topicIds, 'topics'].filter(unique);
  if (topicIds.length > 0 && topicExports.length) lines.push(`export { ${topicExports.join(', ')} } from './topics.js';`);
  lines.push('');
  return { path: 'index.ts', content: lines.join('\n') };
}
