/** One module per Avro namespace: every named type of the namespace with its codec. */
import type { NamedNode } from '../ir.js';
import { ModuleImports, type EmitContext } from './context.js';
import { emitEnum } from './emit-enum.js';
import { emitFixed } from './emit-fixed.js';
import { emitRecord } from './emit-record.js';
import { header, importPath } from '../output/header.js';
import type { GeneratedFile } from '../output/generated-file.js';

export function emitNamespaceModule(module: string, nodes: readonly NamedNode[], ctx: EmitContext): GeneratedFile {
  const imports = new ModuleImports(module);
  // Blocks go straight into one list of lines, a blank line between two, and the file is joined once.
  const body: string[] = [];
  nodes.forEach((n, i) => {
    const block = n.kind === 'record' ? emitRecord(n, ctx, imports) : n.kind === 'enum' ? emitEnum(n, ctx) : emitFixed(n, ctx);
    if (i > 0) body.push('');
    Array.prototype.push.apply(body, block); // a block is one type: far fewer lines than the argument limit
  });
  const sources = new Set<string>();
  for (const n of nodes) sources.add(n.pos.file);
  const lines = [
    ...header([...sources].map(ctx.sourceName)),
    `import * as $rt from '${ctx.runtimeImport}';`,
    `import { codecOptions as $options } from '${importPath(module, 'codec-options')}';`,
    `import { namedSchema as $named } from '${importPath(module, 'codecs')}';`,
    ...imports.render((to) => importPath(module, to)),
    '',
  ];
  return { path: `${module}.ts`, content: lines.concat(body, '').join('\n') };
}
