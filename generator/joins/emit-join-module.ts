/**
 * One module per join (`generated/joins/<name>.ts`): the type of the function its owner writes, with the project's
 * own type names, and the join's definition for `createJoin` (topics from the catalog bindings, the match as code).
 */
import { ModuleImports, type EmitContext } from '../emit/context.js';
import type { GeneratedFile } from '../output/generated-file.js';
import { header, importPath } from '../output/header.js';
import { propertyKey, topicIdentifier } from '../naming.js';
import { jsDoc } from '../output/comments.js';
import { typeExpression } from '../emit/type-expression.js';
import type { TypeNode } from '../ir.js';
import type { FieldPath, JoinSpec } from './join-spec.js';
import { keyWrapField } from './type-match.js';

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `Users-with-connections` → `UsersWithConnections`. */
export function joinTypeName(join: string): string {
  const id = topicIdentifier(join).replace(/_$/, '');
  return id[0]!.toUpperCase() + id.slice(1);
}

export function joinModulePath(join: string): string {
  return `joins/${join}`;
}

export function emitJoinModule(join: JoinSpec, ctx: EmitContext, source: string): GeneratedFile {
  const module = joinModulePath(join.name);
  const imports = new ModuleImports(module);
  const type = (node: TypeNode, mode: 'read' | 'write'): string => typeExpression(node, mode, ctx, imports);
  const topic = (name: string): string => `$topics[${JSON.stringify(name)}]`;
  const Name = joinTypeName(join.name);
  const id = `${Name[0]!.toLowerCase()}${Name.slice(1)}Join`;
  const body: string[] = [];
  if (join.kind === 'table-table') {
    const sides = join.sides.map((s) => `${propertyKey(s.name)}: ${type(join.related.value, 'read')}[]`).join('; ');
    const described = join.sides.map((s) => `${s.match.text} (${s.name})`).join(' or ');
    body.push(
      ...jsDoc(
        `What ${join.owner} writes for the join \`${join.name}\`: the \`${join.output.name}\` value of a \`${join.table.name}\` row ` +
          `and the \`${join.related.name}\` rows whose ${described} is its key, or null for none (a tombstone).\n` +
          (join.mode === 'left' ? 'Called for every row (left join), also with no related rows.' : 'Called only for rows with at least one related row (inner join).'),
      ),
      `export type ${Name}Function = (`,
      `  row: ${type(join.table.value, 'read')},`,
      `  related: { ${sides} },`,
      `) => ${type(join.output.value, 'write')} | null;`,
      '',
      `/** \`${join.name}\`: ${join.table.name} ⋈ ${join.related.name} (${join.mode}), re-keyed through ${join.via.name}, into ${join.output.name}. */`,
      `export const ${id} = $rt.defineTableJoin({`,
      `  name: ${JSON.stringify(join.name)},`,
      `  owner: ${JSON.stringify(join.owner)},`,
      `  mode: ${JSON.stringify(join.mode)},`,
      `  table: ${topic(join.table.name)},`,
      `  related: ${topic(join.related.name)},`,
      `  via: ${topic(join.via.name)},`,
      `  output: ${topic(join.output.name)},`,
      `  sides: [${join.sides.map((s) => JSON.stringify(s.name)).join(', ')}],`,
      `  match: (key) => ({ ${join.sides.map((s) => `${propertyKey(s.name)}: ${tableKeyOf(join.table.key, s.match)}`).join(', ')} }),`,
      '});',
    );
  } else {
    const row = `${type(join.table.value, 'read')}${join.mode === 'left' ? ' | null' : ''}`;
    body.push(
      ...jsDoc(
        `What ${join.owner} writes for the join \`${join.name}\`: the \`${join.output.name}\` value of a \`${join.stream.name}\` record ` +
          `and the \`${join.table.name}\` row its ${join.match.text} names, or null to write nothing.\n` +
          (join.mode === 'left' ? 'A record whose row does not exist (yet) is passed with null (left join).' : 'A record whose row does not exist (yet) is dropped (inner join).'),
      ),
      `export type ${Name}Function = (`,
      `  record: ${type(join.stream.value, 'read')},`,
      `  row: ${row},`,
      `  key: ${type(join.stream.key, 'read')},`,
      `) => ${type(join.output.value, 'write')} | null;`,
      '',
      `/** \`${join.name}\`: ${join.stream.name} ⋈ ${join.table.name} (${join.mode})${join.via ? `, re-keyed through ${join.via.name}` : ''}, into ${join.output.name}. */`,
      `export const ${id} = $rt.defineStreamTableJoin({`,
      `  name: ${JSON.stringify(join.name)},`,
      `  owner: ${JSON.stringify(join.owner)},`,
      `  mode: ${JSON.stringify(join.mode)},`,
      `  stream: ${topic(join.stream.name)},`,
      `  table: ${topic(join.table.name)},`,
      ...(join.via ? [`  via: ${topic(join.via.name)},`] : []),
      `  output: ${topic(join.output.name)},`,
      `  match: (${join.match.part === 'key' ? 'key' : '_key, value'}) => ${parenthesised(tableKeyOf(join.table.key, join.match))},`,
      '});',
    );
  }
  const lines = [
    ...header([source]),
    `import * as $rt from '${ctx.runtimeImport}';`,
    `import { topics as $topics } from '${importPath(module, 'topics')}';`,
    ...imports.render((to) => importPath(module, to)),
    '',
    ...body,
    '',
  ];
  return { path: `${module}.ts`, content: lines.join('\n') };
}

/** The expression that builds the table key from a match field (`{ userId: key.followerId }`). */
function tableKeyOf(tableKey: TypeNode, match: FieldPath): string {
  const access = match.part + match.fields.map((f) => (IDENT.test(f) ? `.${f}` : `[${JSON.stringify(f)}]`)).join('');
  const wrap = keyWrapField(tableKey, match.type);
  return wrap === undefined ? access : `{ ${propertyKey(wrap)}: ${access} }`;
}

/** An arrow function's body: an object literal needs parentheses. */
function parenthesised(expr: string): string {
  return expr.startsWith('{') ? `(${expr})` : expr;
}
