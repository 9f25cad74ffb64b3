/** A record: the read type, the write type, its schema constant and its codec (spec §Records). */
import type { RecordNode } from '../ir.js';
import type { EmitContext, ModuleImports } from './context.js';
import { jsDoc, propertyKey } from './identifiers.js';
import { printLiteral } from './literal.js';
import { logicalMapping, logicalNote } from './logical-types.js';
import { ownSchemaJson } from './schema-json.js';
import { typeExpression } from './type-expression.js';

export function emitRecord(node: RecordNode, ctx: EmitContext, imports: ModuleImports): string[] {
  const names = ctx.names.get(node)!;
  const input = names.input!;
  const fieldLines = (mode: 'read' | 'write'): string[] =>
    node.fields.flatMap((f) => {
      const logical = f.type.kind === 'primitive' || f.type.kind === 'fixed' ? f.type.logical : undefined;
      const m = logical && logicalMapping(logical, ctx.mapping);
      const note = logical && m ? logicalNote(logical, m) : undefined;
      const doc = [f.doc, note].filter(Boolean).join('\n');
      const optional = mode === 'write' && f.default !== undefined;
      return [...jsDoc(doc || undefined, '  '), `  ${propertyKey(f.name)}${optional ? '?' : ''}: ${typeExpression(f.type, mode, ctx, imports)};`];
    });
  const defaulted = node.fields.filter((f) => f.default !== undefined).map((f) => `\`${f.name}\``);
  return [
    ...jsDoc(node.doc ?? `Record \`${node.name}\`.`),
    `export interface ${names.type} {`,
    ...fieldLines('read'),
    '}',
    '',
    `/** What a producer passes for \`${node.name}\`${defaulted.length ? `: ${defaulted.join(', ')} may be left out and take their schema defaults` : ''}. */`,
    `export interface ${input} {`,
    ...fieldLines('write'),
    '}',
    '',
    `export const ${names.schema}: $rt.AvroSchema = ${printLiteral(ownSchemaJson(node))};`,
    '',
    `export const ${names.type}: $rt.Codec<${names.type}, ${input}> = $rt.createCodec<${names.type}, ${input}>(${names.schema}, $options, $named);`,
  ];
}
