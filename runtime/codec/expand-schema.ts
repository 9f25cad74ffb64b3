/**
 * Turns a schema that names types it does not define into a standalone one, defining each named type inline where
 * it is first used (the form a schema registry stores). The walk follows Avro naming rules, so references written
 * as short names inside a namespace are found too.
 */
import { schemaError } from './errors.js';
import { fullNameOf, namespaceOf, PRIMITIVE_NAMES, referenceCandidates } from './names.js';
import type { NamedSchemaLookup } from './parse-schema.js';
import type { AvroSchema } from './schema-json.js';

type Json = { [key: string]: unknown };

export function expandSchema(schema: AvroSchema, named: NamedSchemaLookup): AvroSchema {
  const defined = new Set<string>();
  const walk = (s: unknown, ns: string): unknown => {
    if (typeof s === 'string') return PRIMITIVE_NAMES.has(s) ? s : reference(s, ns);
    if (Array.isArray(s)) return s.map((b) => walk(b, ns));
    if (typeof s !== 'object' || s === null) return s;
    const json = s as Json;
    const t = json.type;
    if (typeof t === 'object' && t !== null) return { ...json, type: walk(t, ns) };
    if (t === 'record' || t === 'error' || t === 'enum' || t === 'fixed') {
      const full = fullNameOf(String(json.name), typeof json.namespace === 'string' ? json.namespace : undefined, ns);
      defined.add(full);
      if (t !== 'record' && t !== 'error') return json;
      const inner = namespaceOf(full);
      const fields = Array.isArray(json.fields) ? json.fields.map((f: Json) => ({ ...f, type: walk(f.type, inner) })) : json.fields;
      return copyWith(json, 'fields', fields);
    }
    if (t === 'array') return copyWith(json, 'items', walk(json.items, ns));
    if (t === 'map') return copyWith(json, 'values', walk(json.values, ns));
    if (typeof t === 'string' && !PRIMITIVE_NAMES.has(t)) return reference(t, ns);
    return json;
  };
  const reference = (ref: string, ns: string): unknown => {
    const candidates = referenceCandidates(ref, ns);
    const known = candidates.find((c) => defined.has(c));
    if (known) return known;
    for (const c of candidates) {
      const def = named(c);
      if (def === undefined) continue;
      const inlined = walk(def, namespaceOf(c));
      // Defined inside a namespace, a short name would take that namespace: say "namespace": "" (Java reads
      // {"name": "Z"} inside namespace x as x.Z, and then cannot find Z).
      return ns !== '' && namespaceOf(c) === '' ? withNullNamespace(inlined) : inlined;
    }
    throw schemaError('#', `unknown type name ${JSON.stringify(ref)}`);
  };
  return walk(schema, '') as AvroSchema;
}

/** A shallow copy with one key replaced, keeping every other attribute (docs, defaults, custom properties). */
function copyWith(json: Json, key: string, value: unknown): Json {
  const out: Json = {};
  for (const k of Object.keys(json)) {
    Object.defineProperty(out, k, { value: k === key ? value : json[k], enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** A definition in the null namespace, marked so wherever it is inlined: "namespace": "" right after its name. */
function withNullNamespace(def: unknown): unknown {
  if (typeof def !== 'object' || def === null || Array.isArray(def)) return def;
  const json = def as Json;
  if (typeof json.name !== 'string' || json.name.includes('.') || 'namespace' in json) return def;
  const out: Json = {};
  for (const k of Object.keys(json)) {
    Object.defineProperty(out, k, { value: json[k], enumerable: true, writable: true, configurable: true });
    if (k === 'name') out.namespace = '';
  }
  return out;
}
