/** A fixed: its value type (bytes, or what its logical type maps to), schema constant and codec (spec §Fixed). */
import type { FixedNode } from '../ir.js';
import type { EmitContext } from './context.js';
import { jsDoc } from '../output/comments.js';
import { printLiteral } from '../output/literal.js';
import { logicalMapping, logicalNote, logicalTsType } from './logical-types.js';
import { ownSchemaJson } from './schema-json.js';

export function emitFixed(node: FixedNode, ctx: EmitContext): string[] {
  const names = ctx.names.get(node)!;
  const m = node.logical && logicalMapping(node.logical, ctx.mapping);
  const read = m ? logicalTsType(m) : 'globalThis.Buffer';
  const write = m ? read : 'globalThis.Uint8Array';
  const note = node.logical && m ? logicalNote(node.logical, m) : `Exactly ${node.size} bytes.`;
  return [
    ...jsDoc([node.doc, note].filter(Boolean).join('\n')),
    `export type ${names.type} = ${read};`,
    '',
    `export const ${names.schema}: $rt.AvroSchema = ${printLiteral(ownSchemaJson(node))};`,
    '',
    `export const ${names.type}: $rt.Codec<${names.type}, ${write}> = $rt.createCodec(${names.schema}, $options, $named);`,
  ];
}
