/** A TypeScript type expression for an Avro type, as a consumer reads it or as a producer writes it. */
import { branchName, type NamedNode, type TypeNode } from '../ir.js';
import type { EmitContext, ModuleImports } from './context.js';
import { propertyKey } from '../naming.js';
import { namespaceAlias } from './allocate-names.js';
import { logicalMapping, logicalTsType } from './logical-types.js';
import { isWrappedUnion } from './union-shape.js';

export type Mode = 'read' | 'write';

/** A named type as referred to from the module being written (`$ns.User`, or `User` in its own module). */
function ref(n: NamedNode, pick: 'type' | 'input', ctx: EmitContext, imports: ModuleImports): string {
  const names = ctx.names.get(n)!;
  const prefix = imports.ref(names.module, namespaceAlias(n.namespace), 'type');
  return `${prefix}${pick === 'input' ? names.input ?? names.type : names.type}`;
}

export function typeExpression(node: TypeNode, mode: Mode, ctx: EmitContext, imports: ModuleImports): string {
  switch (node.kind) {
    case 'primitive': {
      const logical = node.logical && logicalMapping(node.logical, ctx.mapping);
      if (logical) return logicalTsType(logical);
      switch (node.type) {
        case 'null':
          return 'null';
        case 'boolean':
          return 'boolean';
        case 'int':
        case 'float':
        case 'double':
          return 'number';
        case 'long':
          return ctx.mapping.long;
        case 'string':
          return 'string';
        case 'bytes':
          return mode === 'read' ? 'globalThis.Buffer' : 'globalThis.Uint8Array';
      }
      return 'never';
    }
    case 'record':
      return ref(node, mode === 'read' ? 'type' : 'input', ctx, imports);
    case 'enum':
      return ref(node, 'type', ctx, imports);
    case 'fixed': {
      const logical = node.logical && logicalMapping(node.logical, ctx.mapping);
      if (mode === 'write' && !logical) return 'globalThis.Uint8Array';
      return ref(node, 'type', ctx, imports);
    }
    case 'array': {
      const items = typeExpression(node.items, mode, ctx, imports);
      const wrapped = /[|&{]/.test(items) || items.startsWith('readonly ') ? `(${items})` : items;
      return mode === 'read' ? `${wrapped}[]` : `readonly ${wrapped}[]`;
    }
    case 'map':
      return `{ ${mode === 'write' ? 'readonly ' : ''}[key: string]: ${typeExpression(node.values, mode, ctx, imports)} }`;
    case 'union': {
      if (node.branches.length === 0) return 'never';
      const wrapped = isWrappedUnion(node, ctx.mapping);
      const parts = node.branches.map((b) => {
        const t = typeExpression(b, mode, ctx, imports);
        if (!wrapped || (b.kind === 'primitive' && b.type === 'null')) return t;
        return `{ ${propertyKey(branchName(b))}: ${t} }`;
      });
      // `null` last reads naturally: `string | null`.
      const nullIndex = node.branches.findIndex((b) => b.kind === 'primitive' && b.type === 'null');
      if (nullIndex >= 0) parts.push(...parts.splice(nullIndex, 1));
      return parts.join(' | ');
    }
  }
}
