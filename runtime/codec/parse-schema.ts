/**
 * Avro JSON schema → node graph (Avro specification, "Schema Declaration" and "Names"). Complete naming rules: dotted
 * names, namespace inheritance, short references resolved in the enclosing namespace then the null namespace,
 * primitive names never redefined, duplicate definitions refused. A reference may precede its definition anywhere
 * in the document (more lenient than the Java parser, never ambiguous). Errors: INVALID_SCHEMA with a JSON pointer.
 */
import { schemaError } from './errors.js';
import {
  fullNameOf,
  isValidFullName,
  isValidName,
  namespaceOf,
  PRIMITIVE_NAMES,
  referenceCandidates,
} from './names.js';
import type { FieldNode, Json, NamedNode, Node, ParsedSchema, PrimitiveKind, UnionNode } from './nodes.js';
import type { AvroSchema } from './schema-json.js';

interface Pending {
  readonly ref: string;
  readonly namespace: string;
  readonly at: string;
  readonly assign: (node: Node) => void;
}

const EMPTY: Json = Object.freeze({});

class Parser {
  readonly named = new Map<string, NamedNode>();
  readonly pending: Pending[] = [];
  readonly unions: { node: UnionNode; at: string }[] = [];

  /** Parses `schema`; a reference not yet defined is left to `assign` once every definition is known. */
  parse(schema: unknown, ns: string, at: string, assign: (node: Node) => void): void {
    if (typeof schema === 'string') {
      if (PRIMITIVE_NAMES.has(schema)) return assign({ kind: schema as PrimitiveKind, json: EMPTY, namespace: ns });
      this.pending.push({ ref: schema, namespace: ns, at, assign });
      return;
    }
    if (Array.isArray(schema)) return assign(this.union(schema, ns, at));
    if (typeof schema !== 'object' || schema === null) {
      throw schemaError(at, `expected a type name, a schema object or a union array, found ${JSON.stringify(schema)}`);
    }
    const json = schema as Json;
    const type = json.type;
    if (typeof type === 'object' && type !== null) return this.parse(type, ns, `${at}/type`, assign);
    if (typeof type !== 'string') throw schemaError(at, 'a schema object needs a string "type"');
    switch (type) {
      case 'record':
      case 'error':
      case 'enum':
      case 'fixed':
        return assign(this.namedType(json, type, ns, at));
      case 'array': {
        if (!('items' in json)) throw schemaError(at, 'an array schema needs "items"');
        const node = { kind: 'array' as const, json, namespace: ns, items: undefined as unknown as Node };
        this.parse(json.items, ns, `${at}/items`, (n) => (node.items = n));
        return assign(node);
      }
      case 'map': {
        if (!('values' in json)) throw schemaError(at, 'a map schema needs "values"');
        const node = { kind: 'map' as const, json, namespace: ns, values: undefined as unknown as Node };
        this.parse(json.values, ns, `${at}/values`, (n) => (node.values = n));
        return assign(node);
      }
      default:
        if (PRIMITIVE_NAMES.has(type)) return assign({ kind: type as PrimitiveKind, json, namespace: ns });
        this.pending.push({ ref: type, namespace: ns, at, assign });
    }
  }

  private union(branches: unknown[], ns: string, at: string): UnionNode {
    const node: UnionNode = { kind: 'union', json: EMPTY, namespace: ns, branches: [], branchJson: branches as AvroSchema[] };
    branches.forEach((b, i) => {
      if (Array.isArray(b)) throw schemaError(`${at}/${i}`, 'a union may not contain a union directly');
      node.branches.push(undefined as unknown as Node);
      this.parse(b, ns, `${at}/${i}`, (n) => (node.branches[i] = n));
    });
    this.unions.push({ node, at });
    return node;
  }

  private namedType(json: Json, type: string, enclosing: string, at: string): NamedNode {
    const name = json.name;
    if (typeof name !== 'string' || !isValidFullName(name)) {
      throw schemaError(at, `a ${type} needs a valid "name" ([A-Za-z_][A-Za-z0-9_]* parts), found ${JSON.stringify(name)}`);
    }
    const nsAttr = json.namespace;
    if (nsAttr !== undefined && nsAttr !== null && (typeof nsAttr !== 'string' || (nsAttr !== '' && !isValidFullName(nsAttr)))) {
      throw schemaError(at, `invalid namespace ${JSON.stringify(nsAttr)}`);
    }
    const fullName = fullNameOf(name, typeof nsAttr === 'string' ? nsAttr : undefined, enclosing);
    const short = fullName.slice(fullName.lastIndexOf('.') + 1);
    if (PRIMITIVE_NAMES.has(short)) throw schemaError(at, `a primitive type name cannot be redefined: ${JSON.stringify(name)}`);
    if (this.named.has(fullName)) throw schemaError(at, `${fullName} is defined twice`);
    const ownNs = namespaceOf(fullName);
    const aliases = this.aliases(json.aliases, ownNs, at);
    let node: NamedNode;
    if (type === 'enum') {
      const symbols = json.symbols;
      if (!Array.isArray(symbols)) throw schemaError(at, `enum ${fullName} needs a "symbols" array`);
      const seen = new Set<string>();
      for (const s of symbols) {
        if (typeof s !== 'string' || !isValidName(s)) throw schemaError(`${at}/symbols`, `invalid enum symbol ${JSON.stringify(s)}`);
        if (seen.has(s)) throw schemaError(`${at}/symbols`, `duplicate enum symbol ${s}`);
        seen.add(s);
      }
      const def = json.default;
      if (def !== undefined && (typeof def !== 'string' || !seen.has(def))) {
        throw schemaError(`${at}/default`, `enum default ${JSON.stringify(def)} is not one of the symbols`);
      }
      node = { kind: 'enum', json, namespace: enclosing, fullName, aliases, symbols: symbols as string[], default: def };
    } else if (type === 'fixed') {
      const size = json.size;
      if (typeof size !== 'number' || !Number.isInteger(size) || size < 0) {
        throw schemaError(`${at}/size`, `fixed ${fullName} needs a non-negative integer "size", found ${JSON.stringify(size)}`);
      }
      node = { kind: 'fixed', json, namespace: enclosing, fullName, aliases, size };
    } else {
      node = { kind: 'record', json, namespace: enclosing, fullName, aliases, fields: [] };
    }
    this.named.set(fullName, node);
    if (node.kind === 'record') this.fields(node.fields, json.fields, ownNs, fullName, at);
    return node;
  }

  private fields(out: FieldNode[], fields: unknown, ns: string, owner: string, at: string): void {
    if (!Array.isArray(fields)) throw schemaError(at, `record ${owner} needs a "fields" array`);
    const seen = new Set<string>();
    fields.forEach((f: unknown, i) => {
      const fat = `${at}/fields/${i}`;
      if (typeof f !== 'object' || f === null) throw schemaError(fat, 'a field must be an object');
      const fj = f as Json;
      const name = fj.name;
      if (typeof name !== 'string' || !isValidName(name)) throw schemaError(fat, `invalid field name ${JSON.stringify(name)}`);
      if (seen.has(name)) throw schemaError(fat, `duplicate field name ${name} in ${owner}`);
      seen.add(name);
      if (!('type' in fj)) throw schemaError(fat, `field ${name} needs a "type"`);
      const aliases = fj.aliases;
      if (aliases !== undefined && (!Array.isArray(aliases) || !aliases.every((a) => typeof a === 'string'))) {
        throw schemaError(`${fat}/aliases`, 'aliases must be an array of strings');
      }
      const field: FieldNode = {
        name,
        type: undefined as unknown as Node,
        aliases: (aliases as string[] | undefined) ?? [],
        hasDefault: 'default' in fj,
        default: fj.default,
      };
      out.push(field);
      this.parse(fj.type, ns, `${fat}/type`, (n) => (field.type = n));
    });
  }

  private aliases(aliases: unknown, ns: string, at: string): string[] {
    if (aliases === undefined) return [];
    if (!Array.isArray(aliases) || !aliases.every((a) => typeof a === 'string' && isValidFullName(a))) {
      throw schemaError(`${at}/aliases`, 'aliases must be an array of valid names');
    }
    return aliases.map((a: string) => fullNameOf(a, undefined, ns));
  }

  /**
   * Resolves references, then checks unions (which needs every branch resolved). A name the schema does not define
   * is looked up in `named` (generated code passes each type's own schema and finds the others there); a definition
   * found that way is parsed like an inline one and may bring references of its own, hence the growing loop.
   */
  finish(named?: NamedSchemaLookup): void {
    for (let i = 0; i < this.pending.length; i++) {
      const p = this.pending[i]!;
      const candidates = referenceCandidates(p.ref, p.namespace);
      let found = candidates.map((c) => this.named.get(c)).find((n) => n !== undefined);
      if (!found && named) {
        for (const c of candidates) {
          const def = named(c);
          if (def === undefined) continue;
          this.parse(def, namespaceOf(c), `${p.at}(${c})`, () => undefined);
          found = this.named.get(c);
          if (!found) throw schemaError(p.at, `the schema found for ${JSON.stringify(c)} does not define it`);
          break;
        }
      }
      if (!found) throw schemaError(p.at, `unknown type name ${JSON.stringify(p.ref)}`);
      p.assign(found);
    }
    for (const { node, at } of this.unions) {
      const seen = new Set<string>();
      node.branches.forEach((b, i) => {
        if (b.kind === 'union') throw schemaError(`${at}/${i}`, 'a union may not contain a union directly');
        const key = 'fullName' in b ? `named:${b.fullName}` : b.kind;
        if (seen.has(key)) throw schemaError(`${at}/${i}`, `duplicate union branch ${key.replace('named:', '')}`);
        seen.add(key);
      });
    }
  }
}

/** Finds the schema JSON of a named type by full name, for references a schema leaves undefined. */
export type NamedSchemaLookup = (fullName: string) => AvroSchema | undefined;

export function parseSchema(schema: unknown, named?: NamedSchemaLookup): ParsedSchema {
  const p = new Parser();
  let root: Node | undefined;
  p.parse(schema, '', '#', (n) => (root = n));
  p.finish(named);
  return { root: root as Node, named: p.named };
}
