/** One module per Avro namespace: every named type of the namespace with its codec. */
import type { NamedNode } from '../ir.js';
import { ModuleImports, type EmitContext } from './context.js';
import { emitEnum } from './emit-enum.js';
import { emitFixed } from './emit-fixed.js';
import { emitRecord } from './emit-record.js';
import { header, importPath } from './header.js';

export interface GeneratedFile {
  /** Relative to the output folder, with extension. */
  readonly path: string;
  readonly content: string;
}

export function emitNamespaceModule(module: string, nodes: readonly NamedNode[], ctx: EmitContext): GeneratedFile {
  const imports = new ModuleImports(module);
  const blocks = nodes.map((n) =>
    n.kind === 'record' ? emitRecord(n, ctx, imports) : n.kind === 'enum' ? emitEnum(n, ctx) : emitFixed(n, ctx),
  );
  const lines = [
    ...header(nodes.map((n) => ctx.sourceName(n.pos.file))),
    `import * as $rt from '${ctx.runtimeImport}';`,
    `import { codecOptions as $options } from '${importPath(module, 'codec-options')}';`,
    `import { namedSchema as $named } from '${importPath(module, 'codecs')}';`,
    ...imports.render((to) => importPath(module, to)),
    '',
    blocks.map((b) => b.join('\n')).join('\n\n'),
    '',
  ];
  return { path: `${module}.ts`, content: lines.join('\n') };
}
