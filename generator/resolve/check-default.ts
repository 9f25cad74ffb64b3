/**
 * Field defaults (spec §Complex Types/Records): the JSON default must be a value of the field's type; for a union, of
 * any of its branches (Avro 1.12; earlier specs said the first). Checked against the positioned JSON so the error
 * points into the default itself, with Apache Avro Java 1.12's verdicts: an `int` or `long` default must be written
 * as an integer (`1`, not `1.0` or `1e2`), and a default holding a value of a record that is still being defined is
 * refused (Java: "Schema fields not set yet"). Under `generate` rules a fixed default must also have the fixed's size
 * (Java accepts any length, but a codec could not write it).
 */
import type { SourcePos } from '../diagnostics.js';
import type { RecordNode, TypeNode } from '../ir.js';
import { prop, type JsonNode } from '../load/json-positions.js';
import type { SchemaRules } from './build-state.js';
import { defaultBranchIndex } from '../../runtime/codec/union-default.js';

export interface DefaultContext {
  isBroken(n: TypeNode): boolean;
  /** A record whose definition encloses the field (its fields are not known yet where the default is read). */
  isOpen(r: RecordNode): boolean;
  readonly rules: SchemaRules;
}

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
  if (json.kind === 'number' && json.raw !== undefined) return json.raw; // as written: 1.0, 1e2
  return JSON.stringify(json.value);
}

function isByteString(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0xff) return false;
  return true;
}

const INTEGER_LEXEME = /^-?\d+$/;

export function checkDefault(type: TypeNode, json: JsonNode, ctx: DefaultContext, path = ''): DefaultProblem | undefined {
  if (ctx.isBroken(type)) return undefined;
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
          return json.kind === 'number' && INTEGER_LEXEME.test(json.raw ?? '') && (json.value as number) >= INT_MIN && (json.value as number) <= INT_MAX
            ? undefined
            : fail('an int (a whole number from -2^31 to 2^31-1, written without a fraction or exponent)');
        case 'long': {
          if (json.kind !== 'number' || !INTEGER_LEXEME.test(json.raw ?? '')) return fail('a long (a whole number, written without a fraction or exponent)');
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
      return ctx.rules === 'java' || (json.value as string).length === type.size
        ? undefined
        : fail(`exactly ${type.size} bytes long (fixed '${type.name}'; Java accepts another length, but no codec can write it)`);
    case 'enum':
      if (json.kind !== 'string') return fail(`one of the symbols of enum '${type.name}'`);
      return type.symbols.includes(json.value as string)
        ? undefined
        : { pos: json.pos, message: `${path ? `at '${path}' ` : ''}'${json.value}' is not a symbol of enum '${type.name}'` };
    case 'array':
      if (json.kind !== 'array') return fail('an array');
      for (let i = 0; i < json.items.length; i++) {
        const p = checkDefault(type.items, json.items[i]!, ctx, `${path}[${i}]`);
        if (p) return p;
      }
      return undefined;
    case 'map':
      if (json.kind !== 'object') return fail('an object (a map)');
      for (const e of json.entries) {
        const p = checkDefault(type.values, e.value, ctx, `${path}[${JSON.stringify(e.key)}]`);
        if (p) return p;
      }
      return undefined;
    case 'record': {
      if (json.kind !== 'object') return fail(`an object (record '${type.name}')`);
      if (ctx.isOpen(type)) {
        return { pos: json.pos, message: `${path ? `at '${path}' ` : ''}holds a value of record '${type.name}' inside the definition of '${type.name}' itself, which Apache Avro Java refuses ("Schema fields not set yet"); use null or an empty array or map instead` };
      }
      for (const f of type.fields) {
        const e = prop(json, f.name);
        const fieldPath = path ? `${path}.${f.name}` : f.name;
        if (!e) {
          if (f.default) continue;
          return { pos: json.pos, message: `${path ? `at '${path}' ` : ''}is missing field '${f.name}' of record '${type.name}', which has no default` };
        }
        const p = checkDefault(f.type, e.value, ctx, fieldPath);
        if (p) return p;
      }
      return undefined;
    }
    case 'union': {
      if (type.branches.length === 0) return fail('a value, but an empty union has none');
      // The common case first: the default is a value of the branch Java writes it with, so no other branch's
      // message is worth building (most union defaults are `null` for a `["null", …]` union).
      if (ctx.rules === 'generate') {
        const i = defaultBranchIndex(branchKinds(type.branches), json.kind);
        if (i >= 0 && !checkDefault(type.branches[i]!, json, ctx, path)) return undefined;
      }
      const problems = type.branches.map((b) => checkDefault(b, json, ctx, path));
      if (ctx.rules === 'generate') {
        const javaProblem = javaBranchProblem(type.branches, problems, json, path);
        if (javaProblem !== 'none fits') return javaProblem;
      } else if (problems.some((p) => !p)) return undefined;
      // When one branch alone takes this kind of JSON value, what is wrong inside it is the useful message.
      const sameKind = type.branches.flatMap((b, i) => (takesJsonKind(b, json.kind) ? [problems[i]!] : []));
      if (sameKind.length === 1) return sameKind[0];
      return fail(`a value of one of the union's branches (${type.branches.map(branchLabel).join(', ')})`);
    }
  }
}

/**
 * Under `generate` rules a union default must be a value of the branch Java 1.12 writes it with (the first that takes
 * its JSON kind, runtime/codec/union-default.ts): Java accepts a default of any branch but would read one meant for a
 * later branch differently (1.5 as an int is 1; null for `[array, "null"]` is []), so the schema could not mean it.
 * `problems[i]`: what is wrong with the default as branch i, undefined when it is a value of it.
 */
function javaBranchProblem(
  branches: readonly TypeNode[],
  problems: ReadonlyArray<DefaultProblem | undefined>,
  json: JsonNode,
  path: string,
): DefaultProblem | undefined | 'none fits' {
  const i = defaultBranchIndex(branchKinds(branches), json.kind);
  if (i >= 0 && !problems[i]) return undefined;
  const fits = branches.flatMap((b, k) => (problems[k] ? [] : [branchLabel(b)]));
  if (!fits.length) return 'none fits';
  const java = i < 0 ? 'none' : branchLabel(branches[i]!);
  return {
    pos: json.pos,
    message: `${path ? `at '${path}' ` : ''}is a value of ${fits.join(', ')}, but Apache Avro Java 1.12 writes a union default with the first branch that takes a JSON ${json.kind} (here ${java}) and would read this one differently: put ${fits[0]} first in the union`,
  };
}

function branchKinds(branches: readonly TypeNode[]): string[] {
  return branches.map((b) => (b.kind === 'primitive' ? b.type : b.kind));
}

function takesJsonKind(b: TypeNode, kind: JsonNode['kind']): boolean {
  switch (b.kind) {
    case 'record':
    case 'map':
      return kind === 'object';
    case 'array':
      return kind === 'array';
    case 'enum':
    case 'fixed':
      return kind === 'string';
    case 'primitive':
      if (b.type === 'string' || b.type === 'bytes') return kind === 'string';
      if (b.type === 'null' || b.type === 'boolean') return kind === b.type;
      return kind === 'number';
    default:
      return false;
  }
}

function branchLabel(b: TypeNode): string {
  return b.kind === 'primitive' ? b.type : b.kind === 'record' || b.kind === 'enum' || b.kind === 'fixed' ? b.name : b.kind;
}
