/**
 * Small, positioned validators for YAML/JSON documents the user writes (catalog, config): each failure becomes a
 * diagnostic at the offending token, and validation carries on so one run reports every mistake.
 */
import { diagnostic, type Diagnostic, type SourcePos } from '../diagnostics.js';
import type { JsonNode, JsonObject } from './json-positions.js';

export class FieldReader {
  constructor(
    readonly obj: JsonObject,
    readonly what: string,
    private readonly out: Diagnostic[],
  ) {}

  private fail(pos: SourcePos, message: string): undefined {
    this.out.push(diagnostic(pos, 'INVALID_CONFIG', message));
    return undefined;
  }

  node(key: string): JsonNode | undefined {
    return this.obj.entries.find((e) => e.key === key)?.value;
  }

  string(key: string, opts: { required?: boolean; pattern?: RegExp; patternText?: string } = {}): string | undefined {
    const n = this.node(key);
    if (!n) return opts.required ? this.fail(this.obj.pos, `${this.what} is missing '${key}'`) : undefined;
    if (n.kind !== 'string' || (n.value as string).length === 0) return this.fail(n.pos, `'${key}' must be a non-empty string`);
    const s = n.value as string;
    if (opts.pattern && !opts.pattern.test(s)) return this.fail(n.pos, `'${key}' ${opts.patternText ?? `must match ${opts.pattern}`}, got '${s}'`);
    return s;
  }

  oneOf<T extends string>(key: string, allowed: readonly T[], fallback?: T): T | undefined {
    const n = this.node(key);
    if (!n) return fallback ?? this.fail(this.obj.pos, `${this.what} is missing '${key}' (one of ${allowed.join(', ')})`);
    if (n.kind !== 'string' || !allowed.includes(n.value as T)) {
      return this.fail(n.pos, `'${key}' must be one of ${allowed.join(', ')}, got ${describeNode(n)}`);
    }
    return n.value as T;
  }

  integer(key: string, opts: { min: number; max: number; fallback?: number }): number | undefined {
    const n = this.node(key);
    if (!n) return opts.fallback ?? this.fail(this.obj.pos, `${this.what} is missing '${key}'`);
    if (n.kind !== 'number' || !Number.isInteger(n.value) || (n.value as number) < opts.min || (n.value as number) > opts.max) {
      return this.fail(n.pos, `'${key}' must be a whole number from ${opts.min} to ${opts.max}, got ${describeNode(n)}`);
    }
    return n.value as number;
  }

  /** Reports keys this document does not know, which are almost always typos. */
  onlyKeys(known: readonly string[]): void {
    for (const e of this.obj.entries) {
      if (!known.includes(e.key)) this.fail(e.keyPos, `unknown key '${e.key}' in ${this.what} (known: ${known.join(', ')})`);
    }
  }
}

export function expectObject(node: JsonNode, what: string, out: Diagnostic[]): JsonObject | undefined {
  if (node.kind === 'object') return node;
  out.push(diagnostic(node.pos, 'INVALID_CONFIG', `${what} must be a mapping`));
  return undefined;
}

function describeNode(n: JsonNode): string {
  return n.kind === 'object' ? 'a mapping' : n.kind === 'array' ? 'a list' : JSON.stringify(n.value);
}
