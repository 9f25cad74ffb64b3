/** Service contracts: every mistake at its exact position, and the normalised spec the runtime validates with. */
import { describe, expect, it } from 'vitest';
import { formatLocated, type Diagnostic } from '../../generator/diagnostics.js';
import { readContract } from '../../generator/contracts/read-contract.js';
import { parseYamlWithPositions } from '../../generator/load/yaml-positions.js';

function read(text: string, name = 'pets') {
  const file = `schemas/services/${name}.yaml`;
  const parsed = parseYamlWithPositions(text, file);
  if (!parsed.ok) return { record: undefined, errors: parsed.errors.map(formatLocated) };
  const out: Diagnostic[] = [];
  const record = readContract(parsed.node, `/x/${name}.yaml`, file, out);
  return { record, errors: out.map(formatLocated) };
}

const HEAD = 'openapi: 3.1.0\ninfo: { title: Pets, version: 1.0.0 }\n';
const OK_RESPONSES = "      responses:\n        '200': { description: ok, content: { application/json: { schema: { type: string } } } }\n";

describe('contract errors', () => {
  it.each([
    ['a bad file name', HEAD + 'paths: {}\n', 'Pets_Service', [
      "schemas/services/Pets_Service.yaml:1:1: contract file name 'Pets_Service' must be a service name (lowercase letters, digits and '-', e.g. search-service)",
      "schemas/services/Pets_Service.yaml:3:8: 'paths' must list at least one path",
    ]],
    ['a version that is not OpenAPI 3', 'swagger: "2.0"\ninfo: { title: P, version: "1" }\npaths: { /a: { get: { operationId: a, responses: { "200": { description: x } } } } }\n', 'pets', [
      "schemas/services/pets.yaml:1:1: 'openapi' must be a 3.0.x or 3.1.x version, found nothing",
    ]],
    ['a missing operationId', HEAD + 'paths:\n  /pets:\n    get:\n' + OK_RESPONSES, 'pets', [
      "schemas/services/pets.yaml:6:7: GET /pets needs an 'operationId' (it names the handler and the client method)",
    ]],
    ['an operationId that is no identifier', HEAD + 'paths:\n  /pets:\n    get:\n      operationId: list-pets\n' + OK_RESPONSES, 'pets', [
      'schemas/services/pets.yaml:6:20: operationId "list-pets" must be an identifier (letters, digits, _ or $; it names the handler)',
    ]],
    ['a bad operationId does not hide the other errors of its operation', HEAD + 'paths:\n  /pets/{id}:\n    get:\n      operationId: get-pet\n      responses:\n        2XX: { description: ok }\n', 'pets', [
      'schemas/services/pets.yaml:6:20: operationId "get-pet" must be an identifier (letters, digits, _ or $; it names the handler)',
      "schemas/services/pets.yaml:6:7: GET /pets/{id}: path parameter '{id}' of '/pets/{id}' is not declared in 'parameters'",
      "schemas/services/pets.yaml:8:9: response status '2XX' must be a three-digit status or 'default'",
    ]],
    ['a duplicate operationId', HEAD + 'paths:\n  /a:\n    get:\n      operationId: x\n' + OK_RESPONSES + '  /b:\n    get:\n      operationId: x\n' + OK_RESPONSES, 'pets', [
      "schemas/services/pets.yaml:11:20: operationId 'x' is used twice (also at line 6)",
    ]],
    ['an undeclared path parameter', HEAD + 'paths:\n  /pets/{id}:\n    get:\n      operationId: getPet\n' + OK_RESPONSES, 'pets', [
      "schemas/services/pets.yaml:6:7: getPet: path parameter '{id}' of '/pets/{id}' is not declared in 'parameters'",
    ]],
    ['an optional path parameter', HEAD + 'paths:\n  /pets/{id}:\n    get:\n      operationId: getPet\n      parameters:\n        - { name: id, in: path, schema: { type: string } }\n' + OK_RESPONSES, 'pets', [
      "schemas/services/pets.yaml:8:11: path parameter 'id' must have 'required: true'",
    ]],
    ['a cookie parameter', HEAD + 'paths:\n  /pets:\n    get:\n      operationId: listPets\n      parameters:\n        - { name: s, in: cookie, schema: { type: string } }\n' + OK_RESPONSES, 'pets', [
      "schemas/services/pets.yaml:8:26: cookie parameter 's': cookie parameters are not supported",
    ]],
    ['a body that is not JSON', HEAD + 'paths:\n  /pets:\n    post:\n      operationId: createPet\n      requestBody:\n        content: { text/plain: { schema: { type: string } } }\n' + OK_RESPONSES, 'pets', [
      "schemas/services/pets.yaml:8:18: createPet: the request body needs 'application/json' content (the only media type services take)",
    ]],
    ['an unresolved reference', HEAD + 'paths:\n  /pets:\n    get:\n      operationId: listPets\n      responses:\n        \'200\': { description: ok, content: { application/json: { schema: { $ref: "#/components/schemas/Pet" } } } }\n', 'pets', [
      "schemas/services/pets.yaml:8:82: '#/components/schemas/Pet' does not name a schema in components.schemas",
    ]],
    ['an external reference', HEAD + 'paths:\n  /pets:\n    get:\n      operationId: listPets\n      responses:\n        \'200\': { $ref: "other.yaml#/x" }\n', 'pets', [
      "schemas/services/pets.yaml:8:24: only references inside the contract ('#/components/...') are supported, found 'other.yaml#/x'",
    ]],
    ['a bad status', HEAD + 'paths:\n  /pets:\n    get:\n      operationId: listPets\n      responses:\n        2XX: { description: ok }\n', 'pets', [
      "schemas/services/pets.yaml:8:9: response status '2XX' must be a three-digit status or 'default'",
    ]],
    ['no responses', HEAD + 'paths:\n  /pets:\n    get:\n      operationId: listPets\n', 'pets', [
      "schemas/services/pets.yaml:6:7: listPets needs 'responses' with at least one status",
    ]],
  ])('%s', (_name, text, name, want) => {
    const { record, errors } = read(text, name);
    expect(errors).toEqual(want);
    expect(record).toBeUndefined();
  });
});

describe('normalised spec', () => {
  it('merges path-level parameters, lowercases headers, rewrites schema references and 3.0 nullable', () => {
    const { record, errors } = read(
      [
        'openapi: 3.0.3',
        'info: { title: Pets, version: 2 }',
        'paths:',
        '  /pets/{id}:',
        '    parameters:',
        '      - { name: id, in: path, required: true, schema: { type: string } }',
        '    put:',
        '      operationId: putPet',
        '      parameters:',
        '        - { name: X-Trace, in: header, required: true, schema: { type: string } }',
        '        - { $ref: "#/components/parameters/Dry" }',
        '      requestBody:',
        '        required: true',
        '        content: { application/json: { schema: { $ref: "#/components/schemas/Pet" } } }',
        '      responses:',
        "        '204': { description: stored }",
        "        default: { $ref: '#/components/responses/Err' }",
        'components:',
        '  parameters:',
        '    Dry: { name: dry, in: query, schema: { type: boolean, example: true } }',
        '  responses:',
        '    Err: { description: err, content: { application/json: { schema: { type: object } } } }',
        '  schemas:',
        '    Pet:',
        '      type: object',
        '      description: a pet',
        '      properties:',
        '        name: { type: string, nullable: true, x-internal: 1 }',
        '        age: { type: integer, minimum: 0, exclusiveMinimum: true }',
        '        parent: { $ref: "#/components/schemas/Pet" }',
      ].join('\n'),
    );
    expect(errors).toEqual([]);
    expect(record).toEqual({
      name: 'pets',
      title: 'Pets',
      version: '2',
      operations: {
        putPet: {
          operationId: 'putPet',
          method: 'PUT',
          path: '/pets/{id}',
          params: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
          query: { type: 'object', properties: { dry: { type: 'boolean' } } },
          headers: { type: 'object', properties: { 'x-trace': { type: 'string' } }, required: ['x-trace'] },
          body: { required: true, schema: { $ref: 'pets#/$defs/Pet' } },
          responses: { '204': { json: false }, default: { json: true, schema: { type: 'object' } } },
        },
      },
      schemas: {
        Pet: {
          type: 'object',
          properties: {
            name: { type: ['string', 'null'] },
            age: { type: 'integer', exclusiveMinimum: 0 },
            parent: { $ref: 'pets#/$defs/Pet' },
          },
        },
      },
    });
  });
});
