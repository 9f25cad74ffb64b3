/**
 * Field defaults (spec §Complex Types/Records): the JSON default must be a value of the field's type, and for a union,
 * of its first branch. Checked against the positioned JSON so the error points into the default itself.
 */
import type { SourcePos } from '../diagnostics.js';
import type { TypeNode } from '../ir.js';
import { prop, type JsonNode } from '../load/json-positions.js';

export interface DefaultProblem {
  readonly pos: SourcePos;
  readonly message: string;
}

const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

function describe(json: JsonNode): string {
  if (json.kind === 'object') return 'an object';
  if (json.kind === 'array') return 'an array';
  return JSON.stringify(json.value);
}

function isByteString(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0xff) return false;
  return true;
}

export function checkDefault(
  type: TypeNode,
  json: JsonNode,
  isBroken: (n: TypeNode) => boolean,
  path = '',
): DefaultProblem | undefined {
  if (isBroken(type)) return undefined;
  const fail = (expected: string): DefaultProblem => ({
    pos: json.pos,
    message: `${path ? `at '${path}' ` : ''}must be ${expected}, found ${describe(json)}`,
  });
  switch (type.kind) {
    case 'primitive':
      switch (type.type) {
        case 'null':
          return json.kind === 'null' ? undefined : fail('null');
        case 'boolean':
          return json.kind === 'boolean' ? undefined : fail('true or false');
        case 'int':
          return json.kind === 'number' && Number.isInteger(json.value) && (json.value as number) >= INT_MIN && (json.value as number) <= INT_MAX
            ? undefined
            : fail('an int (a whole number from -2^31 to 2^31-1)');
        case 'long': {
          if (json.kind !== 'number' || !/^-?\d+$/.test(json.raw ?? '')) return fail('a long (a whole number)');
          const v = BigInt(json.raw!);
          return v >= LONG_MIN && v <= LONG_MAX ? undefined : fail('a long (a whole number from -2^63 to 2^63-1)');
        }
        case 'float':
        case 'double':
          return json.kind === 'number' ? undefined : fail(`a ${type.type} (a JSON number)`);
        case 'string':
          return json.kind === 'string' ? undefined : fail('a string');
        case 'bytes':
          return json.kind === 'string' && isByteString(json.value as string)
            ? undefined
            : fail('a string of code points 0-255 (one per byte)');
      }
      return undefined;
    case 'fixed':
      if (json.kind !== 'string' || !isByteString(json.value as string)) return fail(`a string of ${type.size} code points 0-255`);
      return (json.value as string).length === type.size ? undefined : fail(`exactly ${type.size} bytes long (fixed '${type.name}')`);
    case 'enum':
      if (json.kind !== 'string') return fail(`one of the symbols of enum '${type.name}'`);
      return type.symbols.includes(json.value as string)
        ? undefined
        : { pos: json.pos, message: `${path ? `at '${path}' ` : ''}'${json.value}' is not a symbol of enum '${type.name}'` };
    case 'array':
      if (json.kind !== 'array') return fail('an array');
      for (let i = 0; i < json.items.length; i++) {
        const p = checkDefault(type.items, json.items[i]!, isBroken, `${path}[${i}]`);
        if (p) return p;
      }
      return undefined;
    case 'map':
      if (json.kind !== 'object') return fail('an object (a map)');
      for (const e of json.entries) {
        const p = checkDefault(type.values, e.value, isBroken, `${path}[${JSON.stringify(e.key)}]`);
        if (p) return p;
      }
      return undefined;
    case 'record': {
      if (json.kind !== 'object') return fail(`an object (record '${type.name}')`);
      for (const f of type.fields) {
        const e = prop(json, f.name);
        const fieldPath = path ? `${path}.${f.name}` : f.name;
        if (!e) {
          if (f.default) continue;
          return { pos: json.pos, message: `${path ? `at '${path}' ` : ''}is missing field '${f.name}' of record '${type.name}', which has no default` };
        }
        const p = checkDefault(f.type, e.value, isBroken, fieldPath);
        if (p) return p;
      }
      return undefined;
    }
    case 'union': {
      const first = type.branches[0];
      if (!first) return fail('a value, but an empty union has none');
      const p = checkDefault(first, json, isBroken, path);
      if (!p) return undefined;
      const other = type.branches.slice(1).some((b) => !checkDefault(b, json, isBroken, path));
      return other
        ? { pos: json.pos, message: `${path ? `at '${path}' ` : ''}must match the union's first branch (${first.kind === 'primitive' ? first.type : first.kind === 'record' || first.kind === 'enum' || first.kind === 'fixed' ? first.name : first.kind}); reorder the union so the default's type comes first` }
        : p;
    }
  }
}
