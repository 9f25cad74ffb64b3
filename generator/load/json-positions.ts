import { diagnostic, type Diagnostic, type SourcePos } from '../diagnostics.js';
import { ArrayNode, EntryNode, ObjectNode, ScalarNode } from './json-nodes.js';
import { SourceText } from './source-text.js';

/**
 * A JSON value that remembers where each token stood, so every later error can point at it.
 * (JSON.parse throws the positions away, hence a hand-written parser.)
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

/** A run of string characters that need no further look: no quote, backslash or control character. */
const PLAIN_CHARS = /[^"\\\u0000-\u001f]*/y;
const WHITESPACE = /[ \t\n\r]*/y;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
/** Numbers were always read from a 400-character window; a longer literal stays a syntax error. */
const MAX_NUMBER_LENGTH = 400;
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/**
 * Parses strict JSON (RFC 8259). Duplicate object keys are kept; the schema reader reports them.
 * Nodes record offsets only; see json-nodes.ts. Scanning uses sticky regular expressions, which run natively, for
 * whitespace, plain runs of string characters and numbers: most of a schema file is indentation and names.
 */
export function parseJsonWithPositions(text: string, file: string): ParseResult {
  const source = new SourceText(file, text);
  const parser = new Parser(source);
  try {
    return { ok: true, node: parser.document() };
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    return { ok: false, error: diagnostic(source.pos(e.offset), 'MALFORMED_JSON', `malformed JSON: ${e.message}`) };
  }
}

class Parser {
  private i = 0;
  private readonly text: string;

  constructor(private readonly source: SourceText) {
    this.text = source.text;
  }

  document(): JsonNode {
    const node = this.value(0);
    this.skipWs();
    if (this.i < this.text.length) this.fail(`unexpected ${this.describe(this.i)} after the JSON value`);
    return node;
  }

  private skipWs(): void {
    const c = this.text.charCodeAt(this.i);
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9) return;
    // One space (after ':' or ',' in pretty-printed JSON) is the commonest run: no regular expression for it.
    const next = this.text.charCodeAt(this.i + 1);
    if (next !== 32 && next !== 10 && next !== 13 && next !== 9) {
      this.i++;
      return;
    }
    WHITESPACE.lastIndex = this.i;
    WHITESPACE.test(this.text);
    this.i = WHITESPACE.lastIndex;
  }

  private fail(message: string, at = this.i): never {
    throw new JsonSyntaxError(at, message);
  }

  private describe(at: number): string {
    return at >= this.text.length ? 'end of file' : `'${this.text[at]}'`;
  }

  private value(depth: number): JsonNode {
    if (depth > 512) this.fail('nesting too deep');
    this.skipWs();
    const text = this.text;
    const start = this.i;
    const c = text.charCodeAt(start);
    if (c === 123 /* { */) return this.object(start, depth);
    if (c === 91 /* [ */) return this.array(start, depth);
    if (c === 34 /* " */) return new ScalarNode(this.source, start, 'string', this.string());
    if (text.startsWith('true', start) || text.startsWith('null', start)) {
      this.i += 4;
      return text[start] === 'n' ? new ScalarNode(this.source, start, 'null', null) : new ScalarNode(this.source, start, 'boolean', true);
    }
    if (text.startsWith('false', start)) {
      this.i += 5;
      return new ScalarNode(this.source, start, 'boolean', false);
    }
    NUMBER.lastIndex = start;
    const num = NUMBER.exec(text);
    if (num && num[0].length > 0) {
      const raw = num[0].length <= MAX_NUMBER_LENGTH ? num[0] : this.windowedNumber(start);
      this.i += raw.length;
      return new ScalarNode(this.source, start, 'number', Number(raw), raw);
    }
    return this.fail(`unexpected ${this.describe(start)}, expected a JSON value`);
  }

  /** The longest number literal within MAX_NUMBER_LENGTH characters, as the window always gave. */
  private windowedNumber(start: number): string {
    return /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.text.slice(start, start + MAX_NUMBER_LENGTH))![0];
  }

  private object(start: number, depth: number): JsonNode {
    const text = this.text;
    const entries: JsonEntry[] = [];
    this.i++;
    this.skipWs();
    if (text.charCodeAt(this.i) === 125 /* } */) {
      this.i++;
      return new ObjectNode(this.source, start, entries);
    }
    for (;;) {
      this.skipWs();
      if (text.charCodeAt(this.i) !== 34) this.fail(`expected a property name in double quotes, found ${this.describe(this.i)}`);
      const keyOffset = this.i;
      const key = this.string();
      this.skipWs();
      if (text.charCodeAt(this.i) !== 58 /* : */) this.fail(`expected ':' after property name, found ${this.describe(this.i)}`);
      this.i++;
      entries.push(new EntryNode(this.source, keyOffset, key, this.value(depth + 1)));
      this.skipWs();
      const c = text.charCodeAt(this.i);
      this.i++;
      if (c === 44 /* , */) continue;
      if (c === 125 /* } */) return new ObjectNode(this.source, start, entries);
      this.i--;
      this.fail(`expected ',' or '}' in object, found ${this.describe(this.i)}`);
    }
  }

  private array(start: number, depth: number): JsonNode {
    const text = this.text;
    const items: JsonNode[] = [];
    this.i++;
    this.skipWs();
    if (text.charCodeAt(this.i) === 93 /* ] */) {
      this.i++;
      return new ArrayNode(this.source, start, items);
    }
    for (;;) {
      items.push(this.value(depth + 1));
      this.skipWs();
      const c = text.charCodeAt(this.i);
      this.i++;
      if (c === 44 /* , */) continue;
      if (c === 93 /* ] */) return new ArrayNode(this.source, start, items);
      this.i--;
      this.fail(`expected ',' or ']' in array, found ${this.describe(this.i)}`);
    }
  }

  /** A string at the current offset (its opening quote); names and docs without escapes take the fast path. */
  private string(): string {
    const text = this.text;
    const start = this.i;
    PLAIN_CHARS.lastIndex = start + 1;
    PLAIN_CHARS.test(text);
    let i = PLAIN_CHARS.lastIndex;
    if (text.charCodeAt(i) === 34) {
      this.i = i + 1;
      return text.slice(start + 1, i);
    }
    let out = text.slice(start + 1, i);
    let chunk = i;
    for (;;) {
      if (i >= text.length) this.fail('unterminated string', start);
      const c = text.charCodeAt(i);
      if (c === 34) {
        this.i = i + 1;
        return out + text.slice(chunk, i);
      }
      if (c < 0x20) this.fail('control character in string (escape it)', i);
      if (c === 92) {
        out += text.slice(chunk, i);
        const e = text[i + 1];
        if (e !== undefined && Object.hasOwn(SIMPLE_ESCAPES, e)) {
          out += SIMPLE_ESCAPES[e];
          i += 2;
        } else if (e === 'u') {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('invalid \\u escape in string', i);
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
        } else {
          this.fail(`invalid escape '\\${e ?? ''}' in string`, i);
        }
        chunk = i;
        continue;
      }
      i++;
    }
  }
}

/**
 * Looks up an object property (the first, if a file repeats a key). Called for every attribute of every schema
 * object, mostly before the JIT has optimised it: an indexed loop, which the interpreter runs several times faster
 * than for-of.
 */
export function prop(obj: JsonObject, key: string): JsonEntry | undefined {
  const entries = obj.entries;
  for (let i = 0; i < entries.length; i++) if (entries[i]!.key === key) return entries[i];
  return undefined;
}

/** Plain JSON value of a node, for defaults and custom properties. */
/**
 * The plain JSON value of a node. With `exactIntegers`, an integer literal beyond ±(2^53−1) becomes a `bigint` of
 * exactly the digits written (a field default such as 9223372036854775807), where a `number` would be rounded.
 */
export function toPlain(node: JsonNode, exactIntegers = false): unknown {
  switch (node.kind) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const e of node.entries) {
        const value = toPlain(e.value, exactIntegers);
        // Assigning `__proto__` would set the prototype and lose the entry; define it as an own property instead.
        if (e.key === '__proto__') Object.defineProperty(out, e.key, { value, enumerable: true, writable: true, configurable: true });
        else out[e.key] = value;
      }
      return out;
    }
    case 'array':
      return node.items.map((item) => toPlain(item, exactIntegers));
    case 'number':
      return exactIntegers ? exactNumber(node) : node.value;
    default:
      return node.value;
  }
}

const INTEGER_LEXEME = /^-?\d+$/;

function exactNumber(node: JsonScalar): number | bigint {
  const n = node.value as number;
  if (Number.isSafeInteger(n) || node.raw === undefined || !INTEGER_LEXEME.test(node.raw)) return n;
  return BigInt(node.raw);
}
