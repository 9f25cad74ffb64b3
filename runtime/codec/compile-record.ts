/**
 * Records (Avro specification, "Records"): fields in schema order. The encoder and decoder are generated as code so
 * every field access is a fixed property and every call site sees one type. Safety: the only schema text that enters
 * the code is field names, each as a JSON.stringify'd string literal (and names are checked identifiers besides);
 * types, defaults and path segments are passed in as arguments, never interpolated. Primitive fields are inlined from
 * the fixed code their CompiledType carries (`inline`).
 *
 * Write: a field that is undefined (or absent) and has a default encodes the default; extra properties are ignored.
 * Names that also exist on Object.prototype (`constructor`, `__proto__` …) are read only as own properties.
 * Read: a plain object with every field as an own property (`__proto__` included, via a computed key).
 */
import { INVALID, withSegment } from './errors.js';
import { describeValue } from './describe.js';
import { ownOnly, readProp, type CompiledType } from './compiled-type.js';

export interface RecordField {
  readonly name: string;
  readonly type: CompiledType;
  /** Binary encoding of the default, when the field has one. */
  readonly defaultBytes: Buffer | undefined;
}

function access(name: string): string {
  const key = JSON.stringify(name);
  return ownOnly(name) ? `(Object.hasOwn(v, ${key}) ? v[${key}] : undefined)` : `v[${key}]`;
}

function literalKey(name: string): string {
  // a quoted "__proto__" key in a literal would set the prototype; a computed one defines an own property
  return name === '__proto__' ? `[${JSON.stringify(name)}]` : JSON.stringify(name);
}

function generateEncoder(fields: readonly RecordField[]): string {
  const lines = fields.map((f, i) => {
    const read = `x = ${access(f.name)};`;
    const write = f.type.inline ? `{ ${f.type.inline.encode} }` : `t${i}.encode(w, x);`;
    return f.defaultBytes ? `${read} if (x === undefined) w.writeRaw(d${i}); else ${write}` : `${read} ${write}`;
  });
  return `return function encodeRecord(w, v) {
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw INVALID;
  let x;
  ${lines.join('\n  ')}
};`;
}

function generateDecoder(fields: readonly RecordField[]): string {
  const props = fields.map((f, i) => {
    const read = f.type.inline ? f.type.inline.decode : `t${i}.decode(r)`;
    return `${literalKey(f.name)}: ${i ? `(i = ${i}, ${read})` : read}`;
  });
  return `return function decodeRecord(r) {
  let i = 0;
  try {
    return { ${props.join(', ')} };
  } catch (e) {
    throw withSegment(e, seg[i]);
  }
};`;
}

export function fillRecord(target: CompiledType, fields: readonly RecordField[]): void {
  const params = ['INVALID', 'withSegment', 'seg', ...fields.flatMap((_, i) => [`t${i}`, `d${i}`])];
  const args: unknown[] = [INVALID, withSegment, fields.map((f) => `.${f.name}`)];
  for (const f of fields) args.push(f.type, f.defaultBytes);
  type Factory = (...a: unknown[]) => CompiledType['encode'] & CompiledType['decode'];
  const make = (body: string): unknown => (new Function(...params, body) as Factory)(...args);
  target.encode = make(generateEncoder(fields)) as CompiledType['encode'];
  target.decode = make(generateDecoder(fields)) as CompiledType['decode'];
  target.check = (v, path, issues) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      issues.push({ path, message: `expected ${target.expected}, found ${describeValue(v)}` });
      return;
    }
    for (const f of fields) {
      const x = readProp(v, f.name);
      if (x === undefined && f.defaultBytes) continue;
      f.type.check(x, `${path}.${f.name}`, issues);
    }
  };
}
