/** An enum: a string-literal union, the const list of its symbols, its schema constant and its codec (spec §Enums). */
import type { EnumNode } from '../ir.js';
import type { EmitContext } from './context.js';
import { jsDoc } from '../output/comments.js';
import { printLiteral } from '../output/literal.js';
import { ownSchemaJson } from './schema-json.js';

export function emitEnum(node: EnumNode, ctx: EmitContext): string[] {
  const names = ctx.names.get(node)!;
  const symbols = node.symbols.map((s) => JSON.stringify(s));
  const doc = [node.doc, node.default !== undefined ? `A reader that meets an unknown symbol reads \`${node.default}\`.` : undefined]
    .filter(Boolean)
    .join('\n');
  return [
    ...jsDoc(doc || `Enum \`${node.name}\`.`),
    `export type ${names.type} = ${symbols.length ? symbols.join(' | ') : 'never'};`,
    '',
    `export const ${names.symbols!}: readonly ${names.type}[] = [${symbols.join(', ')}];`,
    '',
    `export const ${names.schema}: $rt.AvroSchema = ${printLiteral(ownSchemaJson(node))};`,
    '',
    `export const ${names.type}: $rt.Codec<${names.type}> = $rt.createCodec(${names.schema}, $options, $named);`,
  ];
}
