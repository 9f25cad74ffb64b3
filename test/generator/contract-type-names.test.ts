/** The names a contract's schemas are exported under: never a global's name, never one taken twice. */
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { GLOBAL_NAMES } from '../../generator/contracts/global-names.js';
import { schemaTypeNames } from '../../generator/contracts/schema-type-names.js';
import { REPO } from '../support/generate-into.js';

describe('schemaTypeNames', () => {
  test('a schema keeps its name; a global\'s name becomes <Name>Body', () => {
    expect(schemaTypeNames(['UserSummary', 'Error', 'Date', 'Record', 'Promise', 'Response'], [], false)).toEqual([
      { schema: 'UserSummary', type: 'UserSummary' },
      { schema: 'Error', type: 'ErrorBody' },
      { schema: 'Date', type: 'DateBody' },
      { schema: 'Record', type: 'RecordBody' },
      { schema: 'Promise', type: 'PromiseBody' },
      { schema: 'Response', type: 'ResponseBody' },
    ]);
  });

  test('a taken name steps aside with _, and a schema never loses its own name to a derived one', () => {
    expect(schemaTypeNames(['Error', 'ErrorBody', 'PetsClient'], ['PetsClient', 'PetsHandlers'], false)).toEqual([
      { schema: 'Error', type: 'ErrorBody_' },
      { schema: 'ErrorBody', type: 'ErrorBody' },
      { schema: 'PetsClient', type: 'PetsClient_' },
    ]);
  });

  test('with read/write markers each schema has an Input form, named after its type', () => {
    expect(schemaTypeNames(['Account', 'Error', 'AccountInput'], [], true)).toEqual([
      { schema: 'Account', type: 'Account', input: 'AccountInput_' },
      { schema: 'Error', type: 'ErrorBody', input: 'ErrorBodyInput' },
      { schema: 'AccountInput', type: 'AccountInput', input: 'AccountInputInput' },
    ]);
  });

  test('names that are no capitalised identifier get no type of their own', () => {
    expect(schemaTypeNames(['user', 'Pet.v2', 'my-pet', 'Pet'], [], false)).toEqual([{ schema: 'Pet', type: 'Pet' }]);
  });
});

describe('GLOBAL_NAMES', () => {
  // The globals a service sees (tsconfig `lib` up to esnext, `types: ["node"]`), read from the installed TypeScript and
  // @types/node. When an upgrade adds one, add it to generator/contracts/global-names.ts (a visible rename).
  test('holds every capitalised global of the installed TypeScript lib and @types/node', () => {
    const file = join(REPO, 'generator', 'contracts', 'global-names.ts');
    const program = ts.createProgram([file], { lib: ['lib.esnext.d.ts'], types: ['node'], typeRoots: [join(REPO, 'node_modules', '@types')], noEmit: true });
    const flags = ts.SymbolFlags.Type | ts.SymbolFlags.Value | ts.SymbolFlags.Namespace | ts.SymbolFlags.Alias;
    const globals = program.getTypeChecker().getSymbolsInScope(program.getSourceFile(file)!, flags)
      .map((s) => s.name)
      .filter((n) => /^[A-Z][A-Za-z0-9_]*$/.test(n) && n !== 'GLOBAL_NAMES');
    expect(globals).toContain('Error');
    expect(globals).toContain('Buffer');
    expect(globals.filter((n) => !GLOBAL_NAMES.has(n))).toEqual([]);
  });
});
