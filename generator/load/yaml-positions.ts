/**
 * Reads YAML (catalog, config, accept files) into the same positioned tree as JSON, so every validator downstream
 * works on one shape and every message can point at the offending token.
 */
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import type { Node as YamlNode } from 'yaml';
import { diagnostic, type Diagnostic, type SourcePos } from '../diagnostics.js';
import type { JsonEntry, JsonNode } from './json-positions.js';

let yaml: typeof Yaml | undefined;

/**
 * The `yaml` package, loaded the first time a YAML file is read: it costs some 70 ms of start-up, and a project
 * without a config file or catalog (or a `generate` that fails before reading them) never needs it. `require` keeps
 * the callers synchronous; the package is CommonJS, so this is also how an `import` would load it.
 */
function loadYaml(): typeof Yaml {
  yaml ??= createRequire(import.meta.url)('yaml') as typeof Yaml;
  return yaml;
}

export type YamlResult = { ok: true; node: JsonNode } | { ok: false; errors: Diagnostic[] };

export function parseYamlWithPositions(text: string, file: string): YamlResult {
  const { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument } = loadYaml();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const posAt = (offset: number): SourcePos => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, col };
  };
  if (doc.errors.length > 0) {
    return {
      ok: false,
      errors: doc.errors.map((e) => diagnostic(posAt(e.pos[0]), 'MALFORMED_YAML', `malformed YAML: ${e.message.split('\n')[0]}`)),
    };
  }
  const convert = (node: unknown): JsonNode => {
    const yn = node as YamlNode | null;
    const pos = posAt(yn?.range?.[0] ?? 0);
    if (isAlias(yn)) return convert(yn.resolve(doc));
    if (isMap(yn)) {
      const entries: JsonEntry[] = yn.items.map((pair) => {
        const keyNode = pair.key as YamlNode | null;
        const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
        return { key, keyPos: posAt(keyNode?.range?.[0] ?? 0), value: convert(pair.value) };
      });
      return { kind: 'object', pos, entries };
    }
    if (isSeq(yn)) return { kind: 'array', pos, items: yn.items.map(convert) };
    const value: unknown = isScalar(yn) ? yn.value : null;
    if (value === null || value === undefined) return { kind: 'null', pos, value: null };
    if (typeof value === 'number') return { kind: 'number', pos, value, raw: String(value) };
    if (typeof value === 'boolean') return { kind: 'boolean', pos, value };
    return { kind: 'string', pos, value: String(value) };
  };
  return { ok: true, node: convert(doc.contents) };
}
