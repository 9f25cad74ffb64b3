/** A record: the read type, the write type, its schema constant and its codec (spec §Records). */
import type { FieldNode, RecordNode } from '../ir.js';
import type { EmitContext, ModuleImports } from './context.js';
import { propertyKey } from '../naming.js';
import { jsDoc } from '../output/comments.js';
import { printLiteral } from '../output/literal.js';
import { inputIsReadType } from './input-type.js';
import { logicalMapping, logicalNote } from './logical-types.js';
import { ownSchemaJson } from './schema-json.js';
import { typeExpression, type Mode } from './type-expression.js';

export function emitRecord(node: RecordNode, ctx: EmitContext, imports: ModuleImports): string[] {
  const names = ctx.names.get(node)!;
  const input = names.input!;
  // A field's doc and key are the same in both interfaces; work them out once.
  const docs = node.fields.map((f) => jsDoc(fieldDoc(f, ctx) || undefined, '  '));
  const keys = node.fields.map((f) => propertyKey(f.name));
  const fieldLines = (mode: Mode, out: string[]): void => {
    node.fields.forEach((f, i) => {
      Array.prototype.push.apply(out, docs[i]!);
      const optional = mode === 'write' && f.default !== undefined;
      out.push(`  ${keys[i]!}${optional ? '?' : ''}: ${typeExpression(f.type, mode, ctx, imports)};`);
    });
  };
  const lines = jsDoc(node.doc ?? `Record \`${node.name}\`.`);
  lines.push(`export interface ${names.type} {`);
  fieldLines('read', lines);
  lines.push('}', '');
  const same = inputIsReadType(node, ctx.mapping);
  if (same) {
    lines.push(`/** What a producer passes for \`${node.name}\`: the record as it is read. */`, `export type ${input} = ${names.type};`);
  } else {
    const defaulted = node.fields.filter((f) => f.default !== undefined).map((f) => `\`${f.name}\``);
    lines.push(`/** What a producer passes for \`${node.name}\`${defaulted.length ? `: ${defaulted.join(', ')} may be left out and take their schema defaults` : ''}. */`);
    lines.push(`export interface ${input} {`);
    fieldLines('write', lines);
    lines.push('}');
  }
  lines.push(
    '',
    `export const ${names.schema}: $rt.AvroSchema = ${printLiteral(ownSchemaJson(node))};`,
    '',
    `export const ${names.type}: $rt.Codec<${same ? names.type : `${names.type}, ${input}`}> = $rt.createCodec(${names.schema}, $options, $named);`,
  );
  return lines;
}

/** The field's own doc, then a note on its logical type's representation when its TypeScript type does not say it. */
function fieldDoc(f: FieldNode, ctx: EmitContext): string {
  const logical = f.type.kind === 'primitive' || f.type.kind === 'fixed' ? f.type.logical : undefined;
  const m = logical && logicalMapping(logical, ctx.mapping);
  const note = logical && m ? logicalNote(logical, m) : undefined;
  return [f.doc, note].filter(Boolean).join('\n');
}
