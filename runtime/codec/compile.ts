/**
 * Schema node → CompiledType, dispatching to one compiler per kind. Every node is compiled once (memoised by
 * identity); a record is registered before its fields are compiled, so recursive types close their cycle.
 */
import type { CompiledType } from './compiled-type.js';
import { compileEnum, compileFixed } from './compile-enum-fixed.js';
import { compileArray, compileMap } from './compile-collections.js';
import { compileLogical } from './compile-logical.js';
import { compilePrimitive } from './compile-primitives.js';
import { fillRecord, type RecordField } from './compile-record.js';
import { compileUnion } from './compile-union.js';
import { encodeDefault } from './defaults.js';
import { logicalOf, type UnderlyingKind } from './logical-types.js';
import type { Node, ParsedSchema, RecordNode, UnionNode } from './nodes.js';
import type { CodecContext } from './options.js';
import type { AvroSchema } from './schema-json.js';
import { unionBranchName, unionBucket, unionIsWrapped, type NameScope } from './union-buckets.js';

export class Compiler {
  private readonly memo = new Map<Node, CompiledType>();

  constructor(
    readonly parsed: ParsedSchema,
    readonly ctx: CodecContext,
  ) {}

  get(node: Node): CompiledType {
    let t = this.memo.get(node);
    if (!t) {
      t = this.compile(node);
      this.memo.set(node, t);
    }
    return t;
  }

  /** Names visible to a union in the namespace of `node`, for the pure JSON helpers. */
  scope(node: Node): NameScope {
    return { namespace: node.namespace, lookup: (n) => this.parsed.named.get(n)?.json as AvroSchema | undefined };
  }

  /** Whether `node`'s values are wrapped, and each branch's name (the same answer the type emitter gets). */
  unionShape(node: UnionNode): { wrapped: boolean; names: string[] } {
    const scope = this.scope(node);
    return {
      wrapped: unionIsWrapped(node.branchJson, scope, this.ctx),
      names: node.branchJson.map((b) => unionBranchName(b, scope)),
    };
  }

  private compile(node: Node): CompiledType {
    switch (node.kind) {
      case 'record':
        return this.record(node);
      case 'enum':
        return compileEnum(node);
      case 'fixed':
        return this.withLogical(node, 'fixed', node.size) ?? compileFixed(node);
      case 'array':
        return compileArray(this.get(node.items));
      case 'map':
        return compileMap(this.get(node.values));
      case 'union': {
        const scope = this.scope(node);
        const { wrapped, names } = this.unionShape(node);
        const branches = node.branches.map((b, i) => ({
          type: this.get(b),
          bucket: unionBucket(node.branchJson[i] as AvroSchema, scope, this.ctx),
          name: names[i] ?? '',
        }));
        return compileUnion(branches, wrapped);
      }
      case 'int':
      case 'long':
      case 'string':
      case 'bytes':
        return this.withLogical(node, node.kind, undefined) ?? compilePrimitive(node.kind, this.ctx.long);
      default:
        return compilePrimitive(node.kind, this.ctx.long);
    }
  }

  private withLogical(node: Node, kind: UnderlyingKind, size: number | undefined): CompiledType | undefined {
    const info = logicalOf(node.json, kind, size, this.ctx);
    return info && compileLogical(info, kind, size);
  }

  private record(node: RecordNode): CompiledType {
    const t: CompiledType = {
      expected: `record ${node.fullName} (object)`,
      encode: () => undefined,
      decode: () => undefined,
      check: () => undefined,
    };
    this.memo.set(node, t);
    const fields: RecordField[] = node.fields.map((f) => ({
      name: f.name,
      type: this.get(f.type),
      defaultBytes: f.hasDefault ? encodeDefault(f.type, f.default, `${node.fullName}.${f.name}`) : undefined,
    }));
    fillRecord(t, fields);
    return t;
  }
}

