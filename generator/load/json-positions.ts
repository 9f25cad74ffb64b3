import { diagnostic, type Diagnostic, type SourcePos } from '../diagnostics.js';

/**
 * A JSON value that remembers where each token stood, so every later error can point at it.
 * (JSON.parse throws the positions away; schema files are small, so a hand-written parser costs little.)
 */
export type JsonNode = JsonObject | JsonArray | JsonScalar;

export interface JsonObject {
  readonly kind: 'object';
  readonly pos: SourcePos;
  readonly entries: readonly JsonEntry[];
}
export interface JsonEntry {
  readonly key: string;
  readonly keyPos: SourcePos;
  readonly value: JsonNode;
}
export interface JsonArray {
  readonly kind: 'array';
  readonly pos: SourcePos;
  readonly items: readonly JsonNode[];
}
export interface JsonScalar {
  readonly kind: 'string' | 'number' | 'boolean' | 'null';
  readonly pos: SourcePos;
  readonly value: string | number | boolean | null;
  /** The literal text of a number, so a long default past 2^53 keeps its digits. */
  readonly raw?: string;
}

export type ParseResult = { ok: true; node: JsonNode } | { ok: false; error: Diagnostic };

class JsonSyntaxError extends Error {
  constructor(readonly offset: number, message: string) {
    super(message);
  }
}

/** Parses strict JSON (RFC 8259). Duplicate object keys are kept; the schema reader reports them. */
export function parseJsonWithPositions(text: string, file: string): ParseResult {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const posAt = (offset: number): SourcePos => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { file, line: lo + 1, col: offset - lineStarts[lo]! + 1 };
  };

  let i = 0;
  const skipWs = (): void => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else return;
    }
  };
  const fail = (message: string, at = i): never => {
    throw new JsonSyntaxError(at, message);
  };
  const describe = (at: number): string =>
    at >= text.length ? 'end of file' : `'${text[at]}'`;

  const parseString = (): string => {
    const start = i;
    i++; // opening quote
    let out = '';
    let chunk = i;
    for (;;) {
      if (i >= text.length) fail('unterminated string', start);
      const c = text.charCodeAt(i);
      if (c === 34) {
        out += text.slice(chunk, i);
        i++;
        return out;
      }
      if (c < 0x20) fail('control character in string (escape it)');
      if (c === 92) {
        out += text.slice(chunk, i);
        const e = text[i + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e !== undefined && e in simple) {
          out += simple[e];
          i += 2;
        } else if (e === 'u') {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('invalid \\u escape in string');
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
        } else {
          fail(`invalid escape '\\${e ?? ''}' in string`);
        }
        chunk = i;
        continue;
      }
      i++;
    }
  };

  const parseValue = (depth: number): JsonNode => {
    if (depth > 512) fail('nesting too deep');
    skipWs();
    const start = i;
    const pos = posAt(start);
    const c = text[i];
    if (c === '{') {
      i++;
      const entries: JsonEntry[] = [];
      skipWs();
      if (text[i] === '}') {
        i++;
        return { kind: 'object', pos, entries };
      }
      for (;;) {
        skipWs();
        if (text[i] !== '"') fail(`expected a property name in double quotes, found ${describe(i)}`);
        const keyPos = posAt(i);
        const key = parseString();
        skipWs();
        if (text[i] !== ':') fail(`expected ':' after property name, found ${describe(i)}`);
        i++;
        const value = parseValue(depth + 1);
        entries.push({ key, keyPos, value });
        skipWs();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return { kind: 'object', pos, entries };
        }
        fail(`expected ',' or '}' in object, found ${describe(i)}`);
      }
    }
    if (c === '[') {
      i++;
      const items: JsonNode[] = [];
      skipWs();
      if (text[i] === ']') {
        i++;
        return { kind: 'array', pos, items };
      }
      for (;;) {
        items.push(parseValue(depth + 1));
        skipWs();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return { kind: 'array', pos, items };
        }
        fail(`expected ',' or ']' in array, found ${describe(i)}`);
      }
    }
    if (c === '"') return { kind: 'string', pos, value: parseString() };
    const literal = /^(?:true|false|null)/.exec(text.slice(i, i + 5));
    if (literal) {
      i += literal[0].length;
      const v = literal[0] === 'null' ? null : literal[0] === 'true';
      return { kind: v === null ? 'null' : 'boolean', pos, value: v };
    }
    const num = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (num && num[0].length > 0) {
      i += num[0].length;
      return { kind: 'number', pos, value: Number(num[0]), raw: num[0] };
    }
    return fail(`unexpected ${describe(i)}, expected a JSON value`);
  };

  try {
    const node = parseValue(0);
    skipWs();
    if (i < text.length) fail(`unexpected ${describe(i)} after the JSON value`);
    return { ok: true, node };
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    return { ok: false, error: diagnostic(posAt(e.offset), 'MALFORMED_JSON', `malformed JSON: ${e.message}`) };
  }
}

/** Looks up an object property (the first, if a file repeats a key). */
export function prop(obj: JsonObject, key: string): JsonEntry | undefined {
  return obj.entries.find((e) => e.key === key);
}

/** Plain JSON value of a node, for defaults and custom properties. */
export function toPlain(node: JsonNode): unknown {
  switch (node.kind) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const e of node.entries) Object.defineProperty(out, e.key, { value: toPlain(e.value), enumerable: true, writable: true, configurable: true });
      return out;
    }
    case 'array':
      return node.items.map(toPlain);
    default:
      return node.value;
  }
}
