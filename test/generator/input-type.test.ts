/**
 * When a record's write type is its read type (`export type XInput = X;`): the rule in generator/emit/input-type.ts,
 * case by case, and checked against what typeExpression writes for every record of the golden schemas and the
 * project's own.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { defaultTypeMapping, type TypeMapping } from '../../generator/config/type-mapping.js';
import { allocateNames } from '../../generator/emit/allocate-names.js';
import { ModuleImports, type EmitContext } from '../../generator/emit/context.js';
import { inputIsReadType } from '../../generator/emit/input-type.js';
import { typeExpression } from '../../generator/emit/type-expression.js';
import type { RecordNode, SchemaSet } from '../../generator/ir.js';
import { resolveSchemaDir, resolveSchemaTexts } from '../../generator/resolve/resolve-schemas.js';
import { REPO } from '../support/generate-into.js';

function load(schemas: readonly unknown[]): SchemaSet {
  const { set, diagnostics } = resolveSchemaTexts(Object.fromEntries(schemas.map((s, i) => [`s${i}.avsc`, JSON.stringify(s)])));
  expect(diagnostics).toEqual([]);
  return set;
}

function record(set: SchemaSet, name: string): RecordNode {
  const n = set.named.get(name);
  if (n?.kind !== 'record') throw new Error(`no record ${name}`);
  return n;
}

const rec = (name: string, fields: readonly object[]): object => ({ type: 'record', name, fields });
const uuid = { type: 'string', logicalType: 'uuid' };
const decimal = { type: 'bytes', logicalType: 'decimal', precision: 6, scale: 2 };

/**
 * The rule and the emitter must agree: where the rule says "same", the write type of every field is the read type
 * once each `XInput` that is itself the same is read as `X`; where it says "differs", the record has a field that is
 * written differently (or refers to a record that differs, which it writes as `XInput`).
 */
function expectAgreement(set: SchemaSet, mapping: TypeMapping): void {
  const ctx: EmitContext = { mapping, runtimeImport: 'unilog/runtime', names: allocateNames(set), sourceName: (f) => f };
  const records = [...set.named.values()].filter((n): n is RecordNode => n.kind === 'record');
  const same = new Set(records.filter((r) => inputIsReadType(r, mapping)));
  const sameInputs = new Map([...same].map((r) => [ctx.names.get(r)!.input!, ctx.names.get(r)!.type]));
  const asRead = (write: string): string => write.replace(/[A-Za-z_$][\w$]*/g, (id) => sameInputs.get(id) ?? id);
  const differs = (r: RecordNode): boolean =>
    r.fields.some((f) => {
      const imports = new ModuleImports(ctx.names.get(r)!.module);
      return f.default !== undefined || asRead(typeExpression(f.type, 'write', ctx, imports)) !== typeExpression(f.type, 'read', ctx, imports);
    });
  expect(records.length).toBeGreaterThan(0);
  for (const r of records) expect(differs(r), r.name).toBe(!same.has(r));
}

describe('inputIsReadType', () => {
  const mapping = defaultTypeMapping();
  test.each([
    ['primitives, logical types and enums', [rec('a.R', [{ name: 'i', type: 'int' }, { name: 'id', type: uuid }, { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } }, { name: 'e', type: { type: 'enum', name: 'E', symbols: ['X'] } }])], true],
    ['a nullable string without a default', [rec('a.R', [{ name: 's', type: ['null', 'string'] }])], true],
    ['a decimal (a string both ways)', [rec('a.R', [{ name: 'd', type: decimal }])], true],
    ['a field with a default', [rec('a.R', [{ name: 's', type: ['null', 'string'], default: null }])], false],
    ['bytes (a Buffer read, a Uint8Array written)', [rec('a.R', [{ name: 'b', type: 'bytes' }])], false],
    ['a fixed without a logical type', [rec('a.R', [{ name: 'f', type: { type: 'fixed', name: 'F', size: 4 } }])], false],
    ['an array (readonly written)', [rec('a.R', [{ name: 'xs', type: { type: 'array', items: 'int' } }])], false],
    ['a map (readonly written)', [rec('a.R', [{ name: 'm', type: { type: 'map', values: 'int' } }])], false],
    ['a union branch that differs', [rec('a.R', [{ name: 'u', type: ['string', 'bytes'] }])], false],
    ['a nested record that is the same', [rec('a.R', [{ name: 'n', type: rec('a.N', [{ name: 'x', type: 'int' }]) }])], true],
    ['a nested record with a default', [rec('a.R', [{ name: 'n', type: rec('a.N', [{ name: 'x', type: 'int', default: 1 }]) }])], false],
    ['a recursive list', [rec('a.R', [{ name: 'v', type: 'int' }, { name: 'next', type: ['null', 'a.R'] }])], true],
    ['a cycle whose far side differs', [rec('a.R', [{ name: 'b', type: ['null', rec('a.B', [{ name: 'r', type: ['null', 'a.R'] }, { name: 'raw', type: 'bytes' }])] }])], false],
  ])('%s', (_, schemas, same) => {
    const set = load(schemas);
    expect(inputIsReadType(record(set, 'a.R'), mapping)).toBe(same);
    expectAgreement(set, mapping);
  });

  test('follows the type mapping: a decimal mapped to its underlying bytes is written as any Uint8Array', () => {
    const underlying: TypeMapping = { ...mapping, logicalTypes: { ...mapping.logicalTypes, decimal: 'underlying' } };
    const set = load([rec('a.R', [{ name: 'd', type: decimal }])]);
    expect(inputIsReadType(record(set, 'a.R'), underlying)).toBe(false);
    expectAgreement(set, underlying);
  });

  const sets: Array<[string, string]> = [
    ['schemas', join(REPO, 'schemas')],
    ...readdirSync(join(REPO, 'test/generator/golden')).map((g): [string, string] => [g, join(REPO, 'test/generator/golden', g, 'schemas')]),
  ];
  test.each(sets)('agrees with typeExpression on every record of %s', (_, dir) => {
    const { set, diagnostics } = resolveSchemaDir(dir);
    expect(diagnostics).toEqual([]);
    expectAgreement(set, mapping);
  });
});
