/**
 * Reading the attributes of a schema object (spec §Schema Declaration): the ones the spec defines for each kind of
 * type, typed string attributes, aliases, and the custom properties kept for the schema text.
 */
import type { GeneratorCode } from '../diagnostic-codes.js';
import type { SourcePos } from '../diagnostics.js';
import { prop, toPlain, type JsonObject, type JsonScalar } from '../load/json-positions.js';
import { isValidFullName, isValidSimpleName, qualify } from './names.js';

export type Report = (pos: SourcePos, code: GeneratorCode, message: string) => void;

/** Attributes with a meaning in the spec; anything else is kept as a custom property. */
export const RESERVED = {
  record: new Set(['type', 'name', 'namespace', 'doc', 'aliases', 'fields']),
  enum: new Set(['type', 'name', 'namespace', 'doc', 'aliases', 'symbols', 'default']),
  fixed: new Set(['type', 'name', 'namespace', 'doc', 'aliases', 'size', 'logicalType', 'precision', 'scale']),
  array: new Set(['type', 'items']),
  map: new Set(['type', 'values']),
  primitive: new Set(['type', 'logicalType', 'precision', 'scale']),
  field: new Set(['name', 'type', 'doc', 'default', 'order', 'aliases']),
} as const satisfies Record<string, ReadonlySet<string>>;

/**
 * The props of every node without custom properties (nearly all of them), shared rather than allocated per node.
 * Frozen, so a consumer that tried to write to it would fail loudly instead of changing every node at once.
 */
export const NO_PROPS: Readonly<Record<string, unknown>> = Object.freeze({});

export function customProps(obj: JsonObject, reserved: ReadonlySet<string>): Readonly<Record<string, unknown>> {
  let out: Record<string, unknown> | undefined;
  const entries = obj.entries;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    if (reserved.has(e.key)) continue;
    out ??= {};
    // defineProperty, not assignment: a custom attribute named `__proto__` is data and must be kept, not a prototype.
    Object.defineProperty(out, e.key, { value: toPlain(e.value), enumerable: true, writable: true, configurable: true });
  }
  return out ?? NO_PROPS;
}

/** A string-valued JSON node. */
export type StringNode = JsonScalar & { readonly kind: 'string'; readonly value: string };

/** The string value node of `key`, reporting it when missing (if required) or not a string. */
export function stringAttr(obj: JsonObject, key: string, required: boolean, report: Report): StringNode | undefined {
  const e = prop(obj, key);
  if (!e) {
    if (required) report(obj.pos, 'MISSING_ATTRIBUTE', `missing '${key}'`);
    return undefined;
  }
  if (e.value.kind !== 'string') {
    report(e.value.pos, 'INVALID_ATTRIBUTE', `'${key}' must be a string`);
    return undefined;
  }
  return e.value as StringNode;
}

export function docOf(obj: JsonObject, report: Report): string | undefined {
  return stringAttr(obj, 'doc', false, report)?.value;
}

/** Aliases as full names; `namespace` null means field aliases, which are simple names. */
export function aliasesOf(obj: JsonObject, namespace: string | null, report: Report): string[] {
  const e = prop(obj, 'aliases');
  if (!e) return [];
  if (e.value.kind !== 'array') {
    report(e.value.pos, 'INVALID_ATTRIBUTE', "'aliases' must be an array of names");
    return [];
  }
  const out: string[] = [];
  for (const a of e.value.items) {
    const ok = a.kind === 'string' && (namespace === null ? isValidSimpleName(a.value as string) : isValidFullName(a.value as string));
    if (!ok) {
      report(a.pos, 'INVALID_NAME', `invalid alias ${JSON.stringify(toPlain(a))}`);
      continue;
    }
    out.push(namespace === null ? (a.value as string) : qualify(a.value as string, namespace).full);
  }
  return out;
}

/** `precision` and `scale` of a decimal, as written (checked by checkLogicalType). */
export function decimalAttrs(obj: JsonObject): { precision: unknown; scale: unknown } {
  const precision = prop(obj, 'precision');
  const scale = prop(obj, 'scale');
  return { precision: precision && toPlain(precision.value), scale: scale && toPlain(scale.value) };
}
