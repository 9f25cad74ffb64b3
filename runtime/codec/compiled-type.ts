/**
 * What each per-kind compiler produces for one schema node: a hot-path encoder and decoder, and a validator that
 * explains (path, expected, found). Encoders throw the `INVALID` sentinel and never build a message themselves.
 */
import { INVALID, type CodecIssue } from './errors.js';
import { describeValue } from './describe.js';
import type { Reader } from './reader.js';
import { Writer } from './writer.js';

export type EncodeFn = (w: Writer, v: unknown) => void;
export type DecodeFn = (r: Reader) => unknown;
export type CheckFn = (v: unknown, path: string, issues: CodecIssue[]) => void;

export interface CompiledType {
  /** What a valid value looks like, for messages: `string`, `int (32-bit integer)`, `record User`. */
  readonly expected: string;
  encode: EncodeFn;
  decode: DecodeFn;
  check: CheckFn;
  /**
   * Primitives only: the same encode as code over `w` and a value `x` (statements), and decode as an expression
   * over `r`, for record code generation to inline. Fixed text of ours, never built from schema input.
   */
  readonly inline?: { readonly encode: string; readonly decode: string };
}

/**
 * Scratch for validating by encoding (a leaf's validator, `isValid`), so a validator can never disagree with its
 * encoder. Never holds a result: it is overwritten by the next probe.
 */
export const probe = new Writer(1024);

/** A leaf type (no children): valid exactly when its encoder accepts the value. */
export function leaf(
  expected: string,
  encode: EncodeFn,
  decode: DecodeFn,
  inline?: CompiledType['inline'],
): CompiledType {
  return {
    expected,
    encode,
    decode,
    ...(inline ? { inline } : {}),
    check(v, path, issues) {
      probe.pos = 0;
      try {
        encode(probe, v);
      } catch (e) {
        if (e !== INVALID) throw e;
        issues.push({ path, message: `expected ${expected}, found ${describeValue(v)}` });
      }
    },
  };
}

/** Reads an own property only for names that also exist on Object.prototype (`constructor`, `__proto__` …). */
export function ownOnly(name: string): boolean {
  return name in Object.prototype;
}

export function readProp(v: object, name: string): unknown {
  return ownOnly(name) && !Object.hasOwn(v, name) ? undefined : (v as Record<string, unknown>)[name];
}

/** Sets an own enumerable property, even for `__proto__`. */
export function setProp(o: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
  else o[key] = value;
}
