/**
 * A service contract (an OpenAPI 3.0 or 3.1 document, one file) read into the runtime's `ContractSpec` shape, with
 * every mistake reported at its position. The contract's name is its file name without extension and must be a
 * service name (`search-service`): it names the generated module, the service, and the schemas' `$id`.
 */
import { basename, extname } from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import type { JsonNode } from '../load/json-positions.js';
import { SERVICE_NAME } from '../naming.js';
import { normaliseSchema, plain, type PlainSchema, type SchemaContext } from './normalise-schema.js';
import { readOperation, type OperationRecord } from './read-operation.js';
import { child, Refs } from './refs.js';

export interface ContractRecord {
  readonly name: string;
  readonly title: string;
  readonly version: string;
  readonly operations: Record<string, OperationRecord>;
  readonly schemas: Record<string, PlainSchema>;
}

export interface ReadContract {
  readonly record: ContractRecord;
  /** The document as plain data, for openapi-typescript. */
  readonly document: unknown;
  /** Relative to the schemas folder's parent, for headers. */
  readonly file: string;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'];
const SCHEMA_NAME = /^[A-Za-z0-9._-]+$/;

export function readContract(root: JsonNode, path: string, file: string, out: Diagnostic[]): ContractRecord | undefined {
  const name = basename(path, extname(path));
  const start = out.length;
  if (!SERVICE_NAME.test(name)) {
    out.push(diagnostic({ file, line: 1, col: 1 }, 'INVALID_CONTRACT', `contract file name '${name}' must be a service name (lowercase letters, digits and '-', e.g. search-service)`));
  }
  if (root.kind !== 'object') {
    out.push(diagnostic(root.pos, 'INVALID_CONTRACT', 'a contract must be an OpenAPI 3 document (a mapping)'));
    return undefined;
  }
  const version = child(root, 'openapi');
  if (version?.kind !== 'string' || !/^3\.[01]\.\d+$/.test(version.value as string)) {
    out.push(diagnostic((version ?? root).pos, 'INVALID_CONTRACT', `'openapi' must be a 3.0.x or 3.1.x version, found ${version ? JSON.stringify(plain(version)) : 'nothing'}`));
  }
  const info = child(root, 'info');
  const title = child(info, 'title');
  const infoVersion = child(info, 'version');
  if (title?.kind !== 'string') out.push(diagnostic((info ?? root).pos, 'INVALID_CONTRACT', "'info.title' is required"));
  if (infoVersion?.kind !== 'string' && infoVersion?.kind !== 'number') out.push(diagnostic((info ?? root).pos, 'INVALID_CONTRACT', "'info.version' is required"));

  const componentSchemas = child(child(root, 'components'), 'schemas');
  const schemaNames = new Set<string>();
  if (componentSchemas?.kind === 'object') {
    for (const e of componentSchemas.entries) {
      if (SCHEMA_NAME.test(e.key)) schemaNames.add(e.key);
      else out.push(diagnostic(e.keyPos, 'INVALID_CONTRACT', `schema name '${e.key}' may only hold letters, digits, '.', '_' and '-'`));
    }
  }
  const ctx: SchemaContext = { contract: name, refs: new Refs(root, out), out, schemaNames };
  const schemas: Record<string, PlainSchema> = {};
  if (componentSchemas?.kind === 'object') for (const e of componentSchemas.entries) if (schemaNames.has(e.key)) schemas[e.key] = normaliseSchema(e.value, ctx);

  const operations: Record<string, OperationRecord> = {};
  const seen = new Map<string, JsonNode>();
  const paths = child(root, 'paths');
  if (paths?.kind !== 'object' || paths.entries.length === 0) {
    out.push(diagnostic((paths ?? root).pos, 'INVALID_CONTRACT', "'paths' must list at least one path"));
  } else {
    for (const p of paths.entries) {
      if (!p.key.startsWith('/')) out.push(diagnostic(p.keyPos, 'INVALID_CONTRACT', `path '${p.key}' must start with '/'`));
      const item = ctx.refs.deref(p.value);
      if (item?.kind !== 'object') continue;
      for (const e of item.entries) {
        if (e.key === 'trace') out.push(diagnostic(e.keyPos, 'UNSUPPORTED_CONTRACT', 'TRACE operations are not supported'));
        if (!METHODS.includes(e.key) || e.value.kind !== 'object') continue;
        const op = readOperation(p.key, e.key, e.value, item, ctx);
        if (!op) continue;
        const earlier = seen.get(op.operationId);
        if (earlier) {
          out.push(diagnostic(child(e.value, 'operationId')!.pos, 'DUPLICATE_OPERATION', `operationId '${op.operationId}' is used twice (also at line ${earlier.pos.line})`));
          continue;
        }
        seen.set(op.operationId, child(e.value, 'operationId')!);
        operations[op.operationId] = op;
      }
    }
  }
  if (out.length > start) return undefined;
  return {
    name,
    title: String(plain(title!)),
    version: String(plain(infoVersion!)),
    operations,
    schemas,
  };
}
